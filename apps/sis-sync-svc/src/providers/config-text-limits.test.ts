import { describe, expect, it } from 'vitest';
import { fieldIssues } from '../api/api-error.js';
import { configTextLimits } from './config-text-limits.js';
import { providerConfigSchemas } from './provider-config-schemas.js';

function issuePaths(providerType: keyof typeof providerConfigSchemas, config: unknown): string[] {
  const parsed = providerConfigSchemas[providerType].safeParse(config);
  return parsed.success ? [] : fieldIssues(parsed.error).map((issue) => issue.path);
}

describe('config text length limits', () => {
  it('refuses an over-long text field with its path and the limit, never echoing the value', () => {
    const config = { clientId: 'y'.repeat(50_000), clientSecret: 's', districtId: 'd' };
    const parsed = providerConfigSchemas.CLEVER.safeParse(config);
    expect(parsed.success).toBe(false);
    const issues = fieldIssues(parsed.error!, ['config']);
    expect(issues).toEqual([{ path: 'config.clientId', message: expect.stringContaining('at most 2,048') }]);
    expect(JSON.stringify(issues)).not.toContain('yyyy');
  });

  it('gives secrets room for a PEM private key and refuses longer ones', () => {
    const sftp = (privateKey: string) => ({
      sftp: { host: 'sftp.example.com', username: 'u', privateKey },
      remotePath: '/exports',
    });
    expect(issuePaths('ONEROSTER_CSV', sftp('k'.repeat(configTextLimits.secret)))).toEqual([]);
    expect(issuePaths('ONEROSTER_CSV', sftp('k'.repeat(configTextLimits.secret + 1)))).toEqual([
      'sftp.privateKey',
    ]);
    // A secret of 3,000 characters is fine; the same length in a URL or an id is not.
    const secret = 's'.repeat(3_000);
    expect(
      issuePaths('ONEROSTER_API', {
        baseUrl: 'https://sis.example.com',
        clientId: 'c',
        clientSecret: secret,
      }),
    ).toEqual([]);
    expect(
      issuePaths('ONEROSTER_API', {
        baseUrl: `https://sis.example.com/${'p'.repeat(2_100)}`,
        clientId: 'c',
        clientSecret: 's',
      }),
    ).toEqual(['baseUrl']);
  });

  it('reports the limit together with the connector schema problems of the same config', () => {
    expect(issuePaths('CLASSLINK', { clientId: 'c'.repeat(2_049), clientSecret: 's' }).sort()).toEqual([
      'clientId',
      'tenantId',
    ]);
  });

  it('keeps every limit at the boundary: exactly 2,048 characters are accepted', () => {
    expect(
      issuePaths('CLEVER', {
        clientId: 'c'.repeat(configTextLimits.text),
        clientSecret: 's',
        districtId: 'd',
      }),
    ).toEqual([]);
  });
});
