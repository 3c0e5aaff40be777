import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostKeySha256Fingerprint, normalizeHostKeySha256 } from './host-key-fingerprint.js';

describe('host key fingerprints', () => {
  const blob = Buffer.from('an ssh host key blob');
  const digest = createHash('sha256').update(blob).digest();
  const openSsh = `SHA256:${digest.toString('base64').replace(/=+$/, '')}`;

  it('prints the OpenSSH form and accepts it with or without prefix and padding, or as hex', () => {
    expect(hostKeySha256Fingerprint(blob)).toBe(openSsh);
    expect(normalizeHostKeySha256(openSsh)).toBe(openSsh);
    expect(normalizeHostKeySha256(`${openSsh.slice('SHA256:'.length)}=`)).toBe(openSsh);
    expect(normalizeHostKeySha256(digest.toString('hex').replace(/(..)(?!$)/g, '$1:'))).toBe(openSsh);
  });

  it('refuses anything else', () => {
    expect(normalizeHostKeySha256('MD5:aa:bb')).toBeUndefined();
    expect(normalizeHostKeySha256('SHA256:tooShort')).toBeUndefined();
  });
});
