import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createConfigCipher, decodeEncryptionKey } from './config-cipher.js';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

describe('createConfigCipher', () => {
  it('round-trips a config without leaving plaintext in the envelope', () => {
    const cipher = createConfigCipher({ currentKey: keyA });
    const envelope = cipher.encrypt({ clientSecret: 'super-secret-value' }, 'provider-1');
    expect(envelope).not.toContain('super-secret-value');
    expect(envelope.startsWith(`v1:${cipher.currentKeyId}:`)).toBe(true);
    expect(cipher.decrypt(envelope, 'provider-1')).toEqual({ clientSecret: 'super-secret-value' });
  });

  it('binds an envelope to its provider', () => {
    const cipher = createConfigCipher({ currentKey: keyA });
    const envelope = cipher.encrypt({ a: 1 }, 'provider-1');
    expect(() => cipher.decrypt(envelope, 'provider-2')).toThrow(/could not be decrypted/);
  });

  it('detects tampering', () => {
    const cipher = createConfigCipher({ currentKey: keyA });
    const parts = cipher.encrypt({ a: 1 }, 'p').split(':');
    const ciphertext = Buffer.from(parts[4]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[4] = ciphertext.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'), 'p')).toThrow(/tampered/);
  });

  it('decrypts with previous keys and names a missing key', () => {
    const old = createConfigCipher({ currentKey: keyA });
    const envelope = old.encrypt({ a: 1 }, 'p');
    const rotated = createConfigCipher({ currentKey: keyB, previousKeys: [keyA] });
    expect(rotated.currentKeyId).not.toBe(old.currentKeyId);
    expect(rotated.keyIdOf(envelope)).toBe(old.currentKeyId);
    expect(rotated.decrypt(envelope, 'p')).toEqual({ a: 1 });
    const withoutOld = createConfigCipher({ currentKey: keyB });
    expect(() => withoutOld.decrypt(envelope, 'p')).toThrow(/SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => decodeEncryptionKey('too-short')).toThrow(/32 bytes/);
    expect(decodeEncryptionKey(keyB)).toHaveLength(32);
  });
});
