import { createDistrict, type OneRosterServer, startOneRosterServer } from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionTest } from './create-connection-test.js';

let server: OneRosterServer;
beforeAll(async () => {
  server = await startOneRosterServer({ district: createDistrict({ seed: 5, size: 'tiny' }) });
});
afterAll(async () => {
  await server?.close();
});

// A config not saved yet: no provider row, only its type and tenant.
const provider = { providerType: 'ONEROSTER_API', tenantId: 't-1' };
const signal = new AbortController().signal;

describe('createConnectionTest', () => {
  it('connects with the real connector, and says when the credentials are wrong', async () => {
    const testConnection = createConnectionTest();
    const config = { baseUrl: server.baseUrl, clientId: server.clientId, clientSecret: server.clientSecret };
    expect(await testConnection({ provider, config, signal })).toMatchObject({ success: true });
    const refused = await testConnection({
      provider,
      config: { ...config, clientSecret: 'wrong-secret' },
      signal,
    });
    expect(refused).toMatchObject({ success: false, reason: expect.any(String) });
    expect(refused.message).not.toContain('wrong-secret');
  });

  it('reports a config the connector refuses as a failed test naming the field', async () => {
    const result = await createConnectionTest()({
      provider,
      config: { baseUrl: 'not a url', clientId: 'id', clientSecret: 'secret' },
      signal,
    });
    expect(result).toMatchObject({ success: false, reason: 'invalid_config' });
    expect(result.message).toMatch(/baseUrl/);
  });
});
