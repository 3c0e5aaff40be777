import { describe, expect, it } from 'vitest';
import { buildProviderConfig, initialProviderValues, validateProviderValues } from './provider-form-values';

const create = { kind: 'create' } as const;

describe('validateProviderValues', () => {
  it('requires the SFTP details and remote folder of a OneRoster CSV source', () => {
    const values = initialProviderValues('ONEROSTER_CSV', create);
    expect(values['sftp.port']).toBe('22');
    expect(Object.keys(validateProviderValues('ONEROSTER_CSV', values, create)).sort()).toEqual([
      'remotePath',
      'sftp.host',
      'sftp.privateKeyPath',
      'sftp.username',
    ]);
    expect(validateProviderValues('ONEROSTER_CSV', values, create)['sftp.privateKeyPath']).toBe(
      'Give the private key path or the SFTP password.',
    );
  });

  it('requires tenant, client id and secret for ClassLink', () => {
    expect(validateProviderValues('CLASSLINK', {}, create)).toEqual({
      tenantId: 'ClassLink tenant is required.',
      clientId: 'Client ID is required.',
      clientSecret: 'Client secret is required.',
    });
  });

  it('checks the OneRoster base URL and the SFTP port', () => {
    const apiErrors = validateProviderValues(
      'ONEROSTER_API',
      { baseUrl: 'oneroster.example.com', clientId: 'a', clientSecret: 'b' },
      create,
    );
    expect(apiErrors.baseUrl).toMatch(/must be a full URL/);
    const csvErrors = validateProviderValues(
      'ONEROSTER_CSV',
      {
        'sftp.host': 'h',
        'sftp.port': '70000',
        'sftp.username': 'u',
        'sftp.privateKeyPath': '/k',
        remotePath: '/r',
      },
      create,
    );
    expect(csvErrors).toEqual({ 'sftp.port': 'SFTP port must be a whole number from 1 to 65535.' });
  });

  it('asks a OneRoster CSV source for a key path or a password, a stored password counting when editing', () => {
    const values = {
      'sftp.host': 'h',
      'sftp.port': '22',
      'sftp.username': 'u',
      remotePath: '/r',
    };
    expect(validateProviderValues('ONEROSTER_CSV', values, create)).toEqual({
      'sftp.privateKeyPath': 'Give the private key path or the SFTP password.',
    });
    expect(validateProviderValues('ONEROSTER_CSV', { ...values, 'sftp.password': 'p' }, create)).toEqual({});
    const stored = {
      kind: 'edit',
      existing: { sftp: { host: 'h', password: { set: true } }, remotePath: '/r' },
    } as const;
    expect(validateProviderValues('ONEROSTER_CSV', values, stored)).toEqual({});
  });

  it('requires the Clever client id and secret as the service does', () => {
    expect(
      Object.keys(validateProviderValues('CLEVER', { districtId: 'd', accessToken: 't' }, create)).sort(),
    ).toEqual(['clientId', 'clientSecret']);
  });

  it('lets stored secrets stay blank when editing, but not secrets that were never stored', () => {
    const stored = {
      kind: 'edit',
      existing: { tenantId: '12', clientId: 'abc', clientSecret: { set: true } },
    } as const;
    const values = initialProviderValues('CLASSLINK', stored);
    expect(values).toEqual({ tenantId: '12', clientId: 'abc', clientSecret: '', baseUrl: '' });
    expect(validateProviderValues('CLASSLINK', values, stored)).toEqual({});
    const unset = {
      kind: 'edit',
      existing: { tenantId: '12', clientId: 'abc', clientSecret: { set: false } },
    } as const;
    expect(validateProviderValues('CLASSLINK', values, unset)).toEqual({
      clientSecret: 'Client secret is required.',
    });
  });
});

describe('buildProviderConfig', () => {
  it('nests SFTP fields and sends the port as a number', () => {
    expect(
      buildProviderConfig('ONEROSTER_CSV', {
        'sftp.host': ' sftp.example.org ',
        'sftp.port': '2222',
        'sftp.username': 'district',
        'sftp.privateKeyPath': '/keys/id',
        remotePath: '/exports/oneroster',
      }),
    ).toEqual({
      sftp: { host: 'sftp.example.org', port: 2222, username: 'district', privateKeyPath: '/keys/id' },
      remotePath: '/exports/oneroster',
    });
  });

  it('leaves out blank secrets, so the service keeps the stored ones', () => {
    expect(buildProviderConfig('CLASSLINK', { tenantId: '12', clientId: 'abc', clientSecret: '' })).toEqual({
      tenantId: '12',
      clientId: 'abc',
    });
  });
});
