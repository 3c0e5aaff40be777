import { InvalidConfigError } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import { classLinkConfigSchema, rosterServerUrl } from './classlink-config.js';
import { createClassLinkConnector } from './classlink-connector.js';

describe('classLinkConfigSchema', () => {
  it('accepts the stored provider config with a Roster Server name as tenant', () => {
    const config = classLinkConfigSchema.parse({
      clientId: 'key',
      clientSecret: 'secret',
      tenantId: 'springfield-ca',
    });
    expect(config.pageSize).toBe(10_000);
    expect(rosterServerUrl(config.tenantId)).toBe(
      'https://springfield-ca-v2.oneroster.com/ims/oneroster/v1p1',
    );
  });

  it('needs the server URL when the tenant id is ClassLink’s number and there is no discovery', () => {
    const result = classLinkConfigSchema.safeParse({
      clientId: 'key',
      clientSecret: 'secret',
      tenantId: '4242',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['baseUrl']);
  });

  it('needs the key and secret unless discovery fetches them', () => {
    expect(classLinkConfigSchema.safeParse({ tenantId: 'springfield-ca' }).success).toBe(false);
    expect(classLinkConfigSchema.safeParse({ tenantId: '4242', discovery: { apiKey: 'k' } }).success).toBe(
      true,
    );
  });

  it('refuses unknown keys', () => {
    expect(
      classLinkConfigSchema.safeParse({
        clientId: 'a',
        clientSecret: 'b',
        tenantId: 'x-ca',
        baseurl: 'https://x',
      }).success,
    ).toBe(false);
  });
});

describe('createClassLinkConnector settings', () => {
  it('throws InvalidConfigError naming the bad fields, without echoing the secret', () => {
    let thrown: unknown;
    try {
      createClassLinkConnector({ clientId: 'key', clientSecret: 'very-secret-value', tenantId: '4242' });
    } catch (error) {
      thrown = error;
    }
    expect(InvalidConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidConfigError).issues.map((issue) => issue.path)).toEqual(['baseUrl']);
    expect((thrown as Error).message).not.toContain('very-secret-value');
  });

  it('is a CLASSLINK connector with delta reads', () => {
    const connector = createClassLinkConnector({
      clientId: 'key',
      clientSecret: 'secret',
      tenantId: 'springfield-ca',
    });
    expect(connector.providerType).toBe('CLASSLINK');
    expect(connector.capabilities.delta).toBe(true);
  });
});
