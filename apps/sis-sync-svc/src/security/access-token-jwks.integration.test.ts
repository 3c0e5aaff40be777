import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from './access-token.js';

let server: Server;
let verify: TokenVerifier;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  verify = createTokenVerifier({
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer: 'https://idp.example.com',
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function token(claims: Record<string, unknown>, issuer = 'https://idp.example.com') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setSubject('sso-user')
    .setIssuer(issuer)
    .setExpirationTime('5m')
    .sign(privateKey);
}

it('accepts RS256 tokens signed by a key of the JWKS', async () => {
  await expect(verify(await token({ role: 'DISTRICT_ADMIN', tenantId: 'district-1' }))).resolves.toEqual({
    subject: 'sso-user',
    role: 'DISTRICT_ADMIN',
    tenantId: 'district-1',
  });
});

it('refuses a wrong issuer and HS256 tokens', async () => {
  await expect(verify(await token({ role: 'PLATFORM_ADMIN' }, 'https://evil.example.com'))).rejects.toThrow(
    /invalid/,
  );
  const hs256 = await new SignJWT({ role: 'PLATFORM_ADMIN' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('x')
    .setIssuer('https://idp.example.com')
    .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-000'));
  await expect(verify(hs256)).rejects.toThrow(/invalid/);
});
