import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateSshKeyPair, sshFingerprint } from './ssh-keys.js';

describe('generateSshKeyPair', () => {
  it('only returns pairs that ssh2 can read back (ssh2 mis-encodes ~1 in 256 on its own)', () => {
    // 1,500 draws meet ssh2's bad encoding with probability above 99.7%, so this fails without the re-draw.
    for (let draw = 0; draw < 1_500; draw += 1) {
      const pair = generateSshKeyPair();
      expect(ssh2.utils.parseKey(pair.privateKey)).not.toBeInstanceOf(Error);
      expect(ssh2.utils.parseKey(pair.publicKey)).not.toBeInstanceOf(Error);
    }
  });

  it('gives the private and public key of one pair the same fingerprint', () => {
    const pair = generateSshKeyPair();
    expect(sshFingerprint(pair.privateKey)).toBe(sshFingerprint(pair.publicKey));
  });
});
