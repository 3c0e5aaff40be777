/**
 * Clever's error bodies: `{ error, error_description }` from the OAuth host, `{ message }` from the Data API.
 * Returns the vendor's own words, or `undefined` when the body says nothing useful.
 */
export function parseCleverErrorBody(bodyExcerpt: string | undefined): string | undefined {
  if (!bodyExcerpt) return undefined;
  try {
    const body = JSON.parse(bodyExcerpt) as Record<string, unknown>;
    const parts = [body.error, body.error_description, body.message].filter(
      (part): part is string => typeof part === 'string' && part.trim() !== '',
    );
    return parts.length > 0 ? parts.join(': ') : undefined;
  } catch {
    return undefined;
  }
}
