import type { AdminRole } from '../api/api-types';

/** The JWT claims the page needs; the service verifies the signature, the page only reads them. */
export interface TokenClaims {
  subject: string | null;
  role: AdminRole | string | null;
  tenantId: string | null;
  /** Expiry in milliseconds since the epoch, when the token has one. */
  expiresAt: number | null;
}

/** Reads a JWT's payload without verifying it. Returns null when the text is not a JWT. */
export function readTokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (character) => character.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    return {
      subject: typeof payload.sub === 'string' ? payload.sub : null,
      role: typeof payload.role === 'string' ? payload.role : null,
      tenantId: typeof payload.tenantId === 'string' ? payload.tenantId : null,
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}
