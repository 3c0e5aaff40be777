/** An error answer of the service (`{ error: { code, message, details? } }`) or a failed request. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the service could not be reached. */
  readonly status: number;
  /** The service's stable error code (e.g. `validation_error`), or `network_error`. */
  readonly code: string;
  readonly details: unknown;

  constructor(options: { status: number; code: string; message: string; details?: unknown }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

/** One field problem of a 400 answer, when the service sends field paths. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Reads field problems out of an error's `details` in the shapes zod-based services send. */
export function fieldProblemsOf(error: ApiError): FieldProblem[] {
  const details = error.details as unknown;
  const list = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  const problems: FieldProblem[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const { path, message } = entry as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const pathText = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    problems.push({ path: pathText, message });
  }
  return problems;
}

/** Turns any error into a sentence an admin can act on. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : 'Something went wrong. Please try again.';
  }
  const problems = fieldProblemsOf(error);
  if (problems.length > 1) {
    const list = problems.map((problem) =>
      problem.path ? `${problem.path}: ${problem.message}` : problem.message,
    );
    return `The service refused the request. Please fix: ${list.join('; ')}.`;
  }
  switch (error.status) {
    case 0:
      return `The SIS sync service could not be reached (${error.message}). Check your network and try again.`;
    case 401:
      return 'Your session has expired or the token is not valid. Sign in again with a new token.';
    case 403:
      return 'Your account is not allowed to manage SIS integrations. A district or platform admin role is needed.';
    case 404:
      return `Not found: ${error.message}. It may have been deleted, or it belongs to another district.`;
    case 501:
      // The service says which feature its build lacks; that sentence is the useful part.
      return error.message;
    default:
      if (error.status >= 500) {
        return `The service failed to handle the request (${error.message}). Try again; if it keeps failing, contact support.`;
      }
      return error.message;
  }
}
