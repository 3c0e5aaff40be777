import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/authentication-error.js';
import { createFakeClock } from '../testing/fake-clock.js';
import { type LoopbackServer, startLoopbackServer } from '../testing/loopback-server.js';
import { createHttpClient } from './http-client.js';
import { createOAuth2ClientCredentials } from './oauth2-client-credentials.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A token endpoint plus one protected resource, as a OneRoster 1.2 server has them. */
async function startTokenServer({ expiresIn = 3600, delayMs = 0 } = {}) {
  let issued = 0;
  const valid = new Set<string>();
  const started = await startLoopbackServer(async (request, response) => {
    if (request.url === '/token') {
      const expected = `Basic ${Buffer.from('my+client%21:s%C3%A9cret+%26+more').toString('base64')}`;
      const form = new URLSearchParams(request.body);
      if (request.headers.authorization !== expected || form.get('grant_type') !== 'client_credentials') {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end('{"error":"invalid_client"}');
        return;
      }
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      issued += 1;
      const token = `token-${issued}`;
      valid.add(token);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          access_token: token,
          token_type: 'bearer',
          expires_in: expiresIn,
          scope: form.get('scope'),
        }),
      );
      return;
    }
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    response.writeHead(valid.has(token) ? 200 : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token }));
  });
  return { server: started, issued: () => issued, revokeAll: () => valid.clear() };
}

describe('createOAuth2ClientCredentials', () => {
  it('sends form-urlencoded Basic credentials and the scope, then caches the token', async () => {
    const tokens = await startTokenServer();
    server = tokens.server;
    const clock = createFakeClock();
    const auth = createOAuth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'my client!',
      clientSecret: 'sécret & more',
      scope: ['scope/a', 'scope/b'],
      clock,
    });
    expect(await auth.getAccessToken()).toBe('token-1');
    expect(await auth.getAccessToken()).toBe('token-1');
    expect(tokens.issued()).toBe(1);
    expect(new URLSearchParams(server.requests[0]!.body).get('scope')).toBe('scope/a scope/b');
    expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('refreshes before expiry, by the skew', async () => {
    const tokens = await startTokenServer({ expiresIn: 600 });
    server = tokens.server;
    const clock = createFakeClock();
    const auth = createOAuth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'my client!',
      clientSecret: 'sécret & more',
      refreshSkewMs: 30_000,
      clock,
    });
    expect(await auth.getAccessToken()).toBe('token-1');
    await clock.advance(569_000);
    expect(await auth.getAccessToken()).toBe('token-1');
    await clock.advance(1_000);
    expect(await auth.getAccessToken()).toBe('token-2');
  });

  it('makes one token request for many concurrent callers', async () => {
    const tokens = await startTokenServer({ delayMs: 50 });
    server = tokens.server;
    const auth = createOAuth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'my client!',
      clientSecret: 'sécret & more',
    });
    const results = await Promise.all(Array.from({ length: 8 }, () => auth.getAccessToken()));
    expect(new Set(results)).toEqual(new Set(['token-1']));
    expect(tokens.issued()).toBe(1);
  });

  it('as HttpAuth: a 401 from the API invalidates the token and the request is retried with a new one', async () => {
    const tokens = await startTokenServer();
    server = tokens.server;
    const auth = createOAuth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'my client!',
      clientSecret: 'sécret & more',
    });
    const client = createHttpClient({ baseUrl: server.url, auth });
    expect((await client.requestJson('users')).body).toEqual({ token: 'token-1' });
    tokens.revokeAll();
    expect((await client.requestJson('users')).body).toEqual({ token: 'token-2' });
  });

  it('rejects wrong credentials with an AuthenticationError that does not contain the secret', async () => {
    const tokens = await startTokenServer();
    server = tokens.server;
    const auth = createOAuth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'my client!',
      clientSecret: 'wrong-secret-value',
    });
    const error = await auth.getAccessToken().catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('token endpoint');
    expect((error as Error).message).not.toContain('wrong-secret-value');
  });

  it('lets one caller stop waiting on abort without cancelling the shared request', async () => {
    const tokens = await startTokenServer({ delayMs: 100 });
    server = tokens.server;
    const auth = createOAuth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'my client!',
      clientSecret: 'sécret & more',
    });
    const controller = new AbortController();
    const abandoned = auth.getAccessToken({ signal: controller.signal });
    const patient = auth.getAccessToken();
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    await expect(patient).resolves.toBe('token-1');
  });
});
