import type { ReliabilityService } from './reliability-service.js';

/** A run as the API shows it. */
export interface RunView {
  id: string;
  status: string;
  errorMessage: string | null;
  statsJson?: unknown;
  [key: string]: unknown;
}

const endedStatuses = new Set(['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED']);

/** Polls `GET /runs/:runId` until the run has ended (or the deadline passes, which throws). */
export async function waitForRunEnd(
  harness: Pick<ReliabilityService, 'request'>,
  token: string,
  runId: string,
  timeoutMs = 90_000,
): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await harness.request(`/api/v1/runs/${runId}`, { token });
    const run = (await response.json()) as RunView;
    if (endedStatuses.has(run.status)) return run;
    if (Date.now() > deadline)
      throw new Error(`Run ${runId} has not ended after ${timeoutMs} ms: ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
