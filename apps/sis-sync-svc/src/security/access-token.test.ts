import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, InvalidTokenError, issueAccessToken } from './access-token.js';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const verify = createTokenVerifier({ secret });

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens', () => {
  it('round-trips the claims', async () => {
    const token = await issueAccessToken({
      secret,
      subject: 'ana',
      role: 'DISTRICT_ADMIN',
      tenantId: 'district-1',
    });
    await expect(verify(token)).resolves.toEqual({
      subject: 'ana',
      role: 'DISTRICT_ADMIN',
      tenantId: 'district-1',
    });
  });

  it('refuses alg none', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'x', role: 'PLATFORM_ADMIN' })}.`;
    await expect(verify(unsigned)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses another signature and says when a token expired', async () => {
    const forged = await issueAccessToken({
      secret: `${secret}-other`,
      subject: 'x',
      role: 'PLATFORM_ADMIN',
    });
    await expect(verify(forged)).rejects.toThrow(/invalid/);
    const expired = await new SignJWT({ role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verify(expired)).rejects.toThrow(/expired/);
  });

  it('needs the sub and role claims', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(secret));
    await expect(verify(token)).rejects.toThrow(/sub or role/);
  });
});
