import type { ExecuteRun, ExecuteRunInput, RunExecutionResult } from '../jobs/execute-run.js';

/** Test-only executor: each run waits until the test finishes it or its signal aborts. */
export interface ControllableExecutor {
  executeRun: ExecuteRun;
  /** Resolves with the run's input once the run has started executing. */
  started(runId: string): Promise<ExecuteRunInput>;
  finish(runId: string, result?: RunExecutionResult): void;
  fail(runId: string, error: Error): void;
  /** Run ids whose signal was aborted, with the abort reason's message. */
  aborted: Map<string, string>;
  startedRunIds: string[];
}

export function createControllableExecutor(): ControllableExecutor {
  const waiters = new Map<string, (input: ExecuteRunInput) => void>();
  const startedInputs = new Map<string, ExecuteRunInput>();
  const finishers = new Map<
    string,
    { resolve: (result: RunExecutionResult) => void; reject: (error: Error) => void }
  >();
  const aborted = new Map<string, string>();
  const startedRunIds: string[] = [];
  return {
    aborted,
    startedRunIds,
    executeRun: (input) =>
      new Promise<RunExecutionResult>((resolve, reject) => {
        startedRunIds.push(input.run.id);
        startedInputs.set(input.run.id, input);
        finishers.set(input.run.id, { resolve, reject });
        input.signal.addEventListener('abort', () => {
          aborted.set(input.run.id, String((input.signal.reason as Error)?.message));
          reject(new Error('aborted at a batch boundary'));
        });
        waiters.get(input.run.id)?.(input);
      }),
    started: (runId) => {
      const input = startedInputs.get(runId);
      if (input) return Promise.resolve(input);
      return new Promise((resolve) => waiters.set(runId, resolve));
    },
    finish: (runId, result = {}) => finishers.get(runId)?.resolve(result),
    fail: (runId, error) => finishers.get(runId)?.reject(error),
  };
}
