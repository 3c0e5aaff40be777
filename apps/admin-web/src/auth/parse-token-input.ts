import { readTokenClaims } from './token-claims';

/** What the login screen made of the pasted text. */
export type TokenInputResult = { ok: true; token: string } | { ok: false; message: string };

/**
 * Accepts either a bare JWT or the admin URL the service prints (`…/integrations/sis?token=…`,
 * also with the token in the `#token=` fragment).
 */
export function parseTokenInput(input: string): TokenInputResult {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Paste the access token or the admin URL the service printed.' };
  let token = text;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, message: 'That URL is not valid. Copy the whole admin URL the service printed.' };
    }
    const fromQuery = url.searchParams.get('token');
    const fromHash = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
    const found = fromQuery ?? fromHash;
    if (!found) return { ok: false, message: 'That URL has no token in it (expected "?token=…").' };
    token = found;
  } else if (/^bearer\s+/i.test(text)) {
    token = text.replace(/^bearer\s+/i, '');
  }
  if (!readTokenClaims(token)) {
    return { ok: false, message: 'That is not an access token: expected three dot-separated parts (a JWT).' };
  }
  return { ok: true, token };
}
