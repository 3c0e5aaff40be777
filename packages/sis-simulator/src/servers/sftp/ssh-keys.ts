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

/** ssh2 1.17 mis-encodes about 1 in 256 ed25519 keys it generates; a few draws always find a good one. */
const maxKeyGenerationAttempts = 16;

/**
 * Generates an ed25519 key pair (for host keys and for test clients). Nothing is written to disk.
 * ssh2's generator strips leading zero bytes from the public key (mscdex/ssh2#1513), so about 0.4% of
 * its pairs cannot be read back by ssh2 itself; such pairs are discarded and drawn again.
 */
export function generateSshKeyPair(comment = 'sis-simulator'): SshKeyPair {
  for (let attempt = 1; attempt <= maxKeyGenerationAttempts; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) {
      return { privateKey: pair.private, publicKey: pair.public };
    }
  }
  throw new Error(`ssh2 generated ${maxKeyGenerationAttempts} unreadable ed25519 key pairs in a row`);
}

/** Parses an OpenSSH/PEM key (private or public), throwing an error that says what is wrong. */
export function parseSshKey(key: string | Buffer, what: string): ssh2.ParsedKey {
  const parsed = utils.parseKey(key);
  if (parsed instanceof Error) throw new Error(`Cannot read the ${what}: ${parsed.message}`);
  return Array.isArray(parsed) ? (parsed[0] as ssh2.ParsedKey) : parsed;
}

/** The SHA256 fingerprint of a parsed key's public blob, as OpenSSH prints it. */
export function parsedKeyFingerprint(key: ssh2.ParsedKey): string {
  return `SHA256:${createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The SHA256 fingerprint of a public key as OpenSSH prints it: `SHA256:` + unpadded base64 of the hash of
 * the key blob. Accepts a key in any format ssh2 reads (private or public, OpenSSH or PEM).
 *
 * @example sshFingerprint(readFileSync('host_key.pub', 'utf8')) // 'SHA256:3q2+7w…'
 */
export function sshFingerprint(key: string | Buffer): string {
  return parsedKeyFingerprint(parseSshKey(key, 'key'));
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
