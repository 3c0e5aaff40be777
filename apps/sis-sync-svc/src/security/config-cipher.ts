import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const envelopeVersion = 'v1';

/** Encrypts and decrypts provider configs with AES-256-GCM, knowing every key that may still be in use. */
export interface ConfigCipher {
  /** Id of the key new envelopes are written with. */
  readonly currentKeyId: string;
  /** Returns an envelope `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). */
  encrypt(value: unknown, associatedData: string): string;
  decrypt(envelope: string, associatedData: string): unknown;
  /** Key id an envelope was written with. */
  keyIdOf(envelope: string): string;
}

/** Settings of {@link createConfigCipher}. */
export interface ConfigCipherSettings {
  /** The current key: 32 bytes as base64 or 64 hex characters. */
  currentKey: string;
  /** Older keys still accepted for decryption. */
  previousKeys?: string[];
}

/** Decodes a 32-byte key given as 64 hex characters or base64 (standard or url-safe). */
export function decodeEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error(
      'SIS_CONFIG_ENCRYPTION_KEY must be 32 bytes, written as base64 or 64 hex characters (generate one with `openssl rand -base64 32`)',
    );
  }
  return key;
}

/** A short public fingerprint of a key, stored beside each envelope so rotation knows what to re-encrypt. */
export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update('sis-sync-config-key').update(key).digest('hex').slice(0, 16);
}

/**
 * Creates the provider-config cipher. The associated data (the provider id) binds an envelope to its row,
 * so a ciphertext copied onto another provider does not decrypt.
 *
 * @example
 * const cipher = createConfigCipher({ currentKey: process.env.SIS_CONFIG_ENCRYPTION_KEY! });
 * const envelope = cipher.encrypt({ clientSecret: 's' }, providerId);
 */
export function createConfigCipher(settings: ConfigCipherSettings): ConfigCipher {
  const current = decodeEncryptionKey(settings.currentKey);
  const currentKeyId = encryptionKeyId(current);
  const keys = new Map<string, Buffer>([[currentKeyId, current]]);
  for (const previous of settings.previousKeys ?? []) {
    const key = decodeEncryptionKey(previous);
    keys.set(encryptionKeyId(key), key);
  }

  function parse(envelope: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
    const parts = envelope.split(':');
    if (parts.length !== 5 || parts[0] !== envelopeVersion) {
      throw new Error('Stored provider config is not an encrypted envelope this version understands');
    }
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    return {
      keyId,
      iv: Buffer.from(iv, 'base64url'),
      tag: Buffer.from(tag, 'base64url'),
      ciphertext: Buffer.from(ciphertext, 'base64url'),
    };
  }

  return {
    currentKeyId,
    encrypt(value, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [envelopeVersion, currentKeyId, iv, tag, ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join(':');
    },
    decrypt(envelope, associatedData) {
      const parts = parse(envelope);
      const key = keys.get(parts.keyId);
      if (!key) {
        throw new Error(
          `Provider config was encrypted with key ${parts.keyId}, which is not configured; add it to SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(parts.tag);
      try {
        const plaintext = Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString(
          'utf8',
        );
        return JSON.parse(plaintext);
      } catch (error) {
        throw new Error('Provider config could not be decrypted (wrong key or tampered data)', {
          cause: error,
        });
      }
    },
    keyIdOf(envelope) {
      return parse(envelope).keyId;
    },
  };
}
