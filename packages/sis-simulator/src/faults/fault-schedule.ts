import type { Fault, FaultKind, FaultRequest } from './fault.js';

interface ScheduledFault {
  fault: Fault;
  /** Matching requests seen since the fault was set. */
  seen: number;
  /** Times the fault fired. */
  fired: number;
}

function firstRequest(fault: Fault): number {
  return fault.onRequest ?? 1;
}

function timesAllowed(fault: Fault): number {
  if (fault.kind === 'rate-limit-burst') return fault.count;
  return fault.times ?? (fault.onRequest === undefined ? Number.POSITIVE_INFINITY : 1);
}

function validate(fault: Fault): void {
  if (fault.onRequest !== undefined && (!Number.isInteger(fault.onRequest) || fault.onRequest < 1)) {
    throw new RangeError(
      `Fault ${fault.kind}: onRequest must be a whole number from 1 (got ${fault.onRequest})`,
    );
  }
  if ('times' in fault && fault.times !== undefined && !(fault.times >= 0)) {
    throw new RangeError(`Fault ${fault.kind}: times must be 0 or more (got ${fault.times})`);
  }
  if (fault.kind === 'delay' && !(fault.ms >= 0)) {
    throw new RangeError(`Fault delay: ms must be 0 or more (got ${fault.ms})`);
  }
  if (fault.kind === 'rate-limit-burst' && (!(fault.count >= 1) || !(fault.retryAfterSeconds >= 0))) {
    throw new RangeError('Fault rate-limit-burst: count must be 1 or more and retryAfterSeconds 0 or more');
  }
  if (fault.kind === 'status' && !(fault.status >= 100 && fault.status <= 599)) {
    throw new RangeError(`Fault status: status must be an HTTP status code (got ${fault.status})`);
  }
}

/**
 * Decides which faults fire for each request. Each fault counts its own matching requests, so
 * `onRequest: 3` with a `match` means "the third request that matches". Replace the list at run time with
 * {@link FaultSchedule.set}; counting restarts.
 */
export class FaultSchedule {
  readonly #kinds: ReadonlySet<FaultKind>;
  #scheduled: ScheduledFault[] = [];

  /** @param kinds the fault kinds this server acts on; others are accepted and ignored. */
  constructor(kinds: readonly FaultKind[], faults: readonly Fault[] = []) {
    this.#kinds = new Set(kinds);
    this.set(faults);
  }

  /** Replaces the faults; throws a `RangeError` naming the bad option when one is invalid. */
  set(faults: readonly Fault[]): void {
    for (const fault of faults) validate(fault);
    this.#scheduled = faults.map((fault) => ({ fault, seen: 0, fired: 0 }));
  }

  /** The faults currently set, in order. */
  get faults(): readonly Fault[] {
    return this.#scheduled.map((entry) => entry.fault);
  }

  /** Counts `request` against every fault and returns the ones that fire for it, in the order they were set. */
  take(request: FaultRequest): Fault[] {
    const firing: Fault[] = [];
    for (const entry of this.#scheduled) {
      const { fault } = entry;
      if (!this.#kinds.has(fault.kind)) continue;
      if (fault.match && !fault.match(request.url, request)) continue;
      entry.seen += 1;
      if (entry.seen >= firstRequest(fault) && entry.fired < timesAllowed(fault)) {
        entry.fired += 1;
        firing.push(fault);
      }
    }
    return firing;
  }
}
