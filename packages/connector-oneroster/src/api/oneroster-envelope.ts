import { ApiCallError } from '@aivo/connector-sdk';

/**
 * The list inside a OneRoster collection response, found under the first of `keys` that holds an array.
 * Throws an `ApiCallError` (`not_oneroster_response`) when none does: the server answered JSON, but not a
 * OneRoster collection, so the read cannot be trusted to be complete.
 */
export function extractOneRosterItems(body: unknown, keys: readonly string[], path: string): unknown[] {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    for (const key of keys) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
  }
  const found =
    body !== null && typeof body === 'object'
      ? `keys ${Object.keys(body).slice(0, 5).join(', ') || '(none)'}`
      : typeof body;
  throw new ApiCallError({
    code: 'not_oneroster_response',
    isRetryable: false,
    message: `The response of /${path} is not a OneRoster collection: expected a "${keys.join('" or "')}" list, found ${found}. Check that the base URL points at a OneRoster 1.1 API (…/ims/oneroster/v1p1).`,
    url: path,
  });
}
