import { type LoopbackServer, startLoopbackServer } from '@aivo/connector-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createCleverConnector } from './clever-connector.js';

const districtId = '5f1b2c3d4e5f60718293a4b5';
const otherDistrictId = '5f1b2c3d4e5f60718293a4ff';
const clientId = 'test-client-id';
const clientSecret = 'test-client-secret';

/**
 * A small fake of Clever's two hosts at the wire: `/oauth/tokens` (Basic client credentials) and the Data
 * API's district endpoint (Bearer). `validTokens` says which bearer tokens it accepts right now.
 */
async function startFakeClever(state: {
  validTokens: Set<string>;
  tokens: Array<{ district: string; token: string }>;
}) {
  const expectedBasic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  return startLoopbackServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    response.setHeader('content-type', 'application/json');
    if (url.pathname === '/oauth/tokens') {
      if (request.headers.authorization !== expectedBasic) {
        response.statusCode = 401;
        response.end(
          JSON.stringify({ error: 'invalid_client', error_description: 'Invalid client credentials' }),
        );
        return;
      }
      const district = url.searchParams.get('district');
      const data = state.tokens
        .filter((entry) => !district || entry.district === district)
        .map((entry) => ({
          id: `token-${entry.district}`,
          created: '2024-07-01T00:00:00.000Z',
          owner: { type: 'district', id: entry.district },
          access_token: entry.token,
          scopes: ['read:district_admins', 'read:sections', 'read:students', 'read:teachers', 'read:user_id'],
        }));
      response.end(
        JSON.stringify({ data, links: [{ rel: 'self', uri: '/oauth/tokens?owner_type=district' }] }),
      );
      return;
    }
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!state.validTokens.has(bearer)) {
      response.statusCode = 401;
      response.end(JSON.stringify({ message: 'Unauthorized' }));
      return;
    }
    if (url.pathname === '/v3.0/events') {
      response.end(JSON.stringify({ data: [], links: [{ rel: 'self', uri: '/v3.0/events' }] }));
      return;
    }
    if (url.pathname === `/v3.0/districts/${districtId}`) {
      response.end(JSON.stringify({ data: { id: districtId, name: 'Springfield Unified' } }));
      return;
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ message: 'Not found' }));
  });
}

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function connectorFor(
  url: string,
  extra: { accessToken?: string; clientId?: string; clientSecret?: string } = {},
) {
  return createCleverConnector({
    clientId,
    clientSecret,
    districtId,
    apiBaseUrl: url,
    oauthBaseUrl: url,
    retry: false,
    ...extra,
  });
}

describe('Clever token exchange and testConnection', () => {
  it('fetches the token whose owner is the district, and names the district it reached', async () => {
    const state = {
      validTokens: new Set(['district-token']),
      tokens: [
        { district: otherDistrictId, token: 'other-token' },
        { district: districtId, token: 'district-token' },
      ],
    };
    server = await startFakeClever(state);
    const check = await connectorFor(server.url).testConnection();
    expect(check).toMatchObject({
      success: true,
      message: 'Successfully connected to Clever (district: Springfield Unified)',
    });
    const tokenRequest = server.requests.find((request) => request.url.startsWith('/oauth/tokens'));
    expect(tokenRequest?.url).toBe(`/oauth/tokens?owner_type=district&district=${districtId}`);
    const districtRequest = server.requests.find((request) => request.url.startsWith('/v3.0/'));
    expect(districtRequest?.headers.authorization).toBe('Bearer district-token');
  });

  it('says when Clever refuses the client id and secret', async () => {
    server = await startFakeClever({ validTokens: new Set(), tokens: [] });
    const check = await connectorFor(server.url, { clientSecret: 'wrong-secret' }).testConnection();
    expect(check).toMatchObject({ success: false, code: 'invalid_client_credentials' });
    expect(check.message).toContain('Clever refused the client id and secret');
    expect(check.message).not.toContain('wrong-secret');
  });

  it('says when Clever has no token for the district', async () => {
    server = await startFakeClever({
      validTokens: new Set(['other-token']),
      tokens: [{ district: otherDistrictId, token: 'other-token' }],
    });
    const check = await connectorFor(server.url).testConnection();
    expect(check).toMatchObject({ success: false, code: 'district_not_authorized' });
    expect(check.message).toContain(districtId);
  });

  it('says when a configured token was revoked and no client credentials can replace it', async () => {
    server = await startFakeClever({ validTokens: new Set(), tokens: [] });
    const connector = createCleverConnector({
      districtId,
      accessToken: 'revoked-token',
      apiBaseUrl: server.url,
      oauthBaseUrl: server.url,
      retry: false,
    });
    const check = await connector.testConnection();
    expect(check).toMatchObject({ success: false, code: 'token_revoked' });
    expect(check.message).not.toContain('revoked-token');
  });

  it('replaces a revoked configured token once with a fresh one from the client credentials', async () => {
    const state = {
      validTokens: new Set(['fresh-token']),
      tokens: [{ district: districtId, token: 'fresh-token' }],
    };
    server = await startFakeClever(state);
    const check = await connectorFor(server.url, { accessToken: 'revoked-token' }).testConnection();
    expect(check.success).toBe(true);
    const seen = server.requests.map(
      (request) => `${request.url.split('?')[0]} ${request.headers.authorization}`,
    );
    expect(seen).toEqual([
      `/v3.0/districts/${districtId} Bearer revoked-token`,
      `/oauth/tokens ${`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`}`,
      `/v3.0/districts/${districtId} Bearer fresh-token`,
    ]);
  });

  it('says when Clever cannot be reached', async () => {
    const closed = await startLoopbackServer(() => undefined);
    await closed.close();
    const check = await connectorFor(closed.url, { accessToken: 'any-token' }).testConnection();
    expect(check).toMatchObject({ success: false, code: 'network_error' });
    expect(check.message).toContain('Could not reach Clever');
  });
});

describe('Clever delta cursor', () => {
  it('marks the present time when the event feed is still empty', async () => {
    server = await startFakeClever({ validTokens: new Set(['token']), tokens: [] });
    const connector = createCleverConnector({
      districtId,
      accessToken: 'token',
      apiBaseUrl: server.url,
      clock: { now: () => Date.parse('2025-09-01T06:00:00.000Z'), sleep: async () => undefined },
    });
    expect(await connector.deltaCursor()).toBe('time:2025-09-01T06:00:00.000Z');
    expect(server.requests.at(-1)?.url).toBe('/v3.0/events?ending_before=last&limit=1');
  });
});

describe('Clever settings', () => {
  it('rejects a config without district id or credentials, naming the fields', () => {
    expect(() => createCleverConnector({ districtId: '' })).toThrow(
      /districtId.*clientId|clientId.*districtId/s,
    );
  });

  it('rejects a page size above what Clever allows', () => {
    expect(() => createCleverConnector({ districtId, accessToken: 't', pageSize: 10_001 })).toThrow(
      /pageSize/,
    );
  });
});
