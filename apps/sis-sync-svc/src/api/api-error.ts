import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { FeatureUnavailableError } from '../errors/feature-unavailable-error.js';

/** A field-level problem in a request. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error the API reports as `{ error: { code, message, details? } }` with its HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} was not found`);
  }

  /** A 400 listing each invalid field by its path (e.g. `config.clientSecret`). */
  static validation(issues: FieldIssue[]): ApiError {
    const first = issues[0];
    const summary = first ? `${first.path || 'body'}: ${first.message}` : 'the request is invalid';
    return new ApiError(400, 'validation_failed', `Invalid request: ${summary}`, { issues });
  }
}

/** Flattens zod issues into field paths, optionally under a prefix such as `config`. */
export function fieldIssues(error: z.ZodError, prefix: string[] = []): FieldIssue[] {
  return flattenUnions(error.issues, []).map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

type PathIssue = { path: PropertyKey[]; message: string; code?: string; errors?: unknown };

/**
 * A failed union (e.g. ONEROSTER_CSV's `{ sftp, remotePath }` or `{ localPath }`) reports one issue at its
 * root; the alternative that came closest (fewest issues) says which fields to fix.
 */
function flattenUnions(issues: readonly PathIssue[], base: PropertyKey[]): PathIssue[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    const alternatives =
      issue.code === 'invalid_union' ? (issue.errors as PathIssue[][] | undefined) : undefined;
    if (!alternatives || alternatives.length === 0) return [{ path, message: issue.message }];
    const closest = alternatives.reduce((best, each) => (each.length < best.length ? each : best));
    return closest.length === 0 ? [{ path, message: issue.message }] : flattenUnions(closest, path);
  });
}

/** The one error handler of the app: known errors keep their status, anything else is a bare 500. */
export function createErrorHandler(logger: Logger) {
  return (error: Error, context: Context) => {
    if (error instanceof ApiError) {
      return context.json(
        {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          },
        },
        error.status,
      );
    }
    if (error instanceof FeatureUnavailableError) {
      return context.json({ error: { code: 'not_implemented', message: error.message } }, 501);
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 401 ? 'unauthorized' : status === 400 ? 'bad_request' : 'http_error';
      return context.json({ error: { code, message: error.message || 'Request failed' } }, status);
    }
    logger.error({ err: error, method: context.req.method, path: context.req.path }, 'unhandled API error');
    return context.json(
      { error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' } },
      500,
    );
  };
}
