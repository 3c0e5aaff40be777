import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadServiceConfig } from './service-config.js';

describe('loadServiceConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadServiceConfig({}, '/srv/app');
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      isProduction: false,
      maxConcurrentSyncs: 2,
      syncLockTimeoutMs: 1_800_000,
      dataDirectory: '/srv/app/.data',
      previousEncryptionKeys: [],
    });
  });

  it('reads and coerces the environment', () => {
    const config = loadServiceConfig(
      {
        DATABASE_URL: 'postgresql://user:pass@db:5432/sis_sync',
        PORT: '8080',
        LOG_LEVEL: 'debug',
        MAX_CONCURRENT_SYNCS: '4',
        SYNC_LOCK_TIMEOUT: '60000',
        SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS: 'a, b ,',
        SIS_SYNC_DATA_DIR: '/var/lib/sis-sync',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://user:pass@db:5432/sis_sync',
      port: 8080,
      logLevel: 'debug',
      maxConcurrentSyncs: 4,
      syncLockTimeoutMs: 60_000,
      previousEncryptionKeys: ['a', 'b'],
      dataDirectory: '/var/lib/sis-sync',
    });
  });

  it('reads SIS_ALLOW_INSECURE_HOSTS as a list of host names and refuses URLs in it', () => {
    expect(loadServiceConfig({}, '/').insecureSourceHosts).toEqual([]);
    expect(
      loadServiceConfig({ SIS_ALLOW_INSECURE_HOSTS: ' sis.internal , 10.0.0.5,,[fd00::1]' }, '/')
        .insecureSourceHosts,
    ).toEqual(['sis.internal', '10.0.0.5', '[fd00::1]']);
    expect(() => loadServiceConfig({ SIS_ALLOW_INSECURE_HOSTS: 'http://sis.internal/ims' }, '/')).toThrow(
      /SIS_ALLOW_INSECURE_HOSTS: "http:\/\/sis.internal\/ims" is not a host name/,
    );
  });

  it('names every wrong variable', () => {
    let error: unknown;
    try {
      loadServiceConfig({ PORT: 'eighty', MAX_CONCURRENT_SYNCS: '0', DATABASE_URL: 'mysql://x' }, '/');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    expect(problems).toContain('PORT');
    expect(problems).toContain('MAX_CONCURRENT_SYNCS');
    expect(problems).toContain('DATABASE_URL: must be a postgresql:// connection URL');
  });

  it('refuses to start in production without secrets', () => {
    expect(() => loadServiceConfig({ NODE_ENV: 'production' }, '/')).toThrow(
      /SIS_CONFIG_ENCRYPTION_KEY: required[\s\S]*JWT_SECRET or JWT_JWKS_URL/,
    );
    expect(() =>
      loadServiceConfig(
        {
          NODE_ENV: 'production',
          SIS_CONFIG_ENCRYPTION_KEY: 'k',
          JWT_JWKS_URL: 'https://idp.example.com/jwks',
        },
        '/',
      ),
    ).not.toThrow();
  });

  it('refuses a short JWT secret', () => {
    expect(() => loadServiceConfig({ JWT_SECRET: 'short' }, '/')).toThrow(/JWT_SECRET: must be at least 32/);
  });
});
