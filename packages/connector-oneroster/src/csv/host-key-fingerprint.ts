import { createHash } from 'node:crypto';

/**
 * The SHA-256 fingerprint of an SSH host key as OpenSSH prints it (`ssh-keygen -lf`): `SHA256:` followed by
 * unpadded base64 of the hash of the key blob.
 *
 * @example hostKeySha256Fingerprint(keyBlob) // 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8'
 */
export function hostKeySha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Normalizes a configured fingerprint to the OpenSSH form `SHA256:<unpadded base64>`. Accepts the OpenSSH
 * form with or without the `SHA256:` prefix and padding, or 64 hex digits (colons allowed). Returns
 * `undefined` when the value is none of these.
 */
export function normalizeHostKeySha256(value: string): string | undefined {
  const trimmed = value.trim().replace(/^SHA256:/i, '');
  const hex = trimmed.replaceAll(':', '');
  if (/^[0-9a-f]{64}$/i.test(hex)) {
    return `SHA256:${Buffer.from(hex, 'hex').toString('base64').replace(/=+$/, '')}`;
  }
  const base64 = trimmed.replace(/=+$/, '');
  if (/^[A-Za-z0-9+/]{43}$/.test(base64)) return `SHA256:${base64}`;
  return undefined;
}
