import { describe, expect, it } from 'vitest';
import { maskSecrets, mergeSecrets } from './secret-fields.js';

describe('maskSecrets', () => {
  it('replaces each secret of the provider type by a marker', () => {
    const masked = maskSecrets('CLEVER', { clientId: 'id', clientSecret: 's3cret', districtId: 'd' });
    expect(masked).toEqual({
      clientId: 'id',
      clientSecret: { set: true },
      accessToken: { set: false },
      districtId: 'd',
    });
    expect(JSON.stringify(masked)).not.toContain('s3cret');
  });

  it('masks nested SFTP secrets', () => {
    const masked = maskSecrets('ONEROSTER_CSV', {
      sftp: { host: 'h', port: 22, username: 'u', password: 'pw' },
      remotePath: '/x',
    });
    expect(masked.sftp).toEqual({
      host: 'h',
      port: 22,
      username: 'u',
      password: { set: true },
      privateKey: { set: false },
      passphrase: { set: false },
    });
  });
});

describe('mergeSecrets', () => {
  const stored = { clientId: 'old-id', clientSecret: 'kept', districtId: 'd', accessToken: 'tok' };

  it('keeps secrets left absent, blank or sent back as markers', () => {
    expect(mergeSecrets('CLEVER', stored, { clientId: 'new-id', districtId: 'd', clientSecret: '' })).toEqual(
      {
        clientId: 'new-id',
        districtId: 'd',
        clientSecret: 'kept',
        accessToken: 'tok',
      },
    );
    expect(
      mergeSecrets('CLEVER', stored, {
        clientId: 'x',
        districtId: 'd',
        clientSecret: { set: true },
        accessToken: null,
      }),
    ).toMatchObject({ clientSecret: 'kept', accessToken: 'tok' });
  });

  it('takes a new secret when one is given', () => {
    expect(
      mergeSecrets('CLEVER', stored, { clientId: 'x', districtId: 'd', clientSecret: 'new' }),
    ).toMatchObject({
      clientSecret: 'new',
    });
  });
});
