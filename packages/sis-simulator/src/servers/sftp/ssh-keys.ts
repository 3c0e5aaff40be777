import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import ssh2 from 'ssh2';

const { utils } = ssh2;

/** An SSH key pair in OpenSSH formats: the private key file and the `ssh-ed25519 AAAA… comment` line. */
export interface SshKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Generates an ed25519 key pair (for host keys and for test clients). Nothing is written to disk. */
export function generateSshKeyPair(comment = 'sis-simulator'): SshKeyPair {
  const pair = utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKey: pair.public };
}

/** Parses an OpenSSH/PEM key (private or public), throwing an error that says what is wrong. */
export function parseSshKey(key: string | Buffer, what: string): ssh2.ParsedKey {
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) throw new Error(`Cannot read the ${what}: ${parsed.message}`);
  return Array.isArray(parsed) ? (parsed[0] as ssh2.ParsedKey) : parsed;
}

/**
 * The SHA256 fingerprint of a public key as OpenSSH prints it: `SHA256:` + unpadded base64 of the hash of
 * the key blob. Accepts a key (private or public, any format ssh2 reads) or the raw blob.
 */
export function sshFingerprint(key: string | Buffer | ssh2.ParsedKey): string {
  const blob =
    Buffer.isBuffer(key) && !key.toString('latin1').includes('-----')
      ? key
      : (typeof key === 'object' && 'getPublicSSH' in key ? key : parseSshKey(key, 'key')).getPublicSSH();
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The host key at `path`, generated (ed25519, mode 0600) on first use so the fingerprint stays the same
 * across restarts. The key is created at run time and never part of the repository.
 */
export async function loadOrCreateHostKey(path: string): Promise<string> {
  if (existsSync(path)) return readFile(path, 'utf8');
  const { privateKey } = generateSshKeyPair('sis-simulator host key');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, privateKey, { mode: 0o600, flag: 'wx' }).catch(
    async (error: NodeJS.ErrnoException) => {
      // Another process created it first: use theirs.
      if (error.code !== 'EEXIST') throw error;
    },
  );
  await chmod(path, 0o600);
  return readFile(path, 'utf8');
}
