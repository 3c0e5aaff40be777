import type { Fault } from './fault.js';

/** One request a simulator server answered (or an SFTP operation it served). */
export interface RequestLogEntry {
  protocol: 'http' | 'sftp';
  /** HTTP method or SFTP operation (`OPEN`, `OPENDIR`, `STAT`…). */
  method: string;
  /** Path without the query string (HTTP) or remote path (SFTP). */
  path: string;
  /** Path with the query string (HTTP). */
  url: string;
  /** HTTP status sent, or the SFTP status code (0 = OK); `0` for an HTTP connection dropped before a status. */
  status: number;
  /** When the request arrived, in milliseconds since the epoch (from the server's clock). */
  time: number;
  /** The faults that fired for this request. */
  faults: Fault['kind'][];
}

/** Newest entries are kept when the log is full, so a long benchmark run cannot grow memory without bound. */
const defaultCapacity = 100_000;

/** The requests a server answered, oldest first, for tests that check rate budgets or retries. */
export class RequestLog {
  readonly #capacity: number;
  #entries: RequestLogEntry[] = [];
  #total = 0;

  constructor(capacity = defaultCapacity) {
    this.#capacity = capacity;
  }

  add(entry: RequestLogEntry): void {
    this.#total += 1;
    this.#entries.push(entry);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
  }

  /** The kept entries, oldest first. */
  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  /** Requests answered since start (or the last clear), including ones no longer kept. */
  get total(): number {
    return this.#total;
  }

  clear(): void {
    this.#entries = [];
    this.#total = 0;
  }
}
