import { expect } from 'vitest';

/** The service's error body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: Array<{ path: string; message: string }> } };
}

/**
 * Asserts a refused request: a 4xx (never a 500) with the `{ error: { code, message } }` shape, and for a
 * validation failure, field paths in `details.issues`. Returns the body for further checks.
 */
export async function expectClientError(response: Response, context: string): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status, `${context} → ${response.status} ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(
    400,
  );
  expect(response.status, `${context} → ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error?.code, context).toBe('string');
  expect(body.error.message.length, context).toBeGreaterThan(0);
  if (response.status === 400 && body.error.code === 'validation_failed') {
    const issues = body.error.details?.issues ?? [];
    expect(issues.length, `${context}: a validation error lists its fields`).toBeGreaterThan(0);
    for (const issue of issues) expect(typeof issue.path, context).toBe('string');
  }
  return body;
}
