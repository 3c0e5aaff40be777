import { describe, expect, it } from 'vitest';
import { parseTokenInput } from './parse-token-input';
import { readTokenClaims } from './token-claims';

const base64url = (value: object) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const token = `${base64url({ alg: 'HS256' })}.${base64url({ sub: 'admin@district.org', role: 'DISTRICT_ADMIN', tenantId: 'district-1', exp: 2000000000 })}.signature`;

describe('parseTokenInput', () => {
  it('accepts a bare token, a "Bearer" token and the admin URL the service prints', () => {
    expect(parseTokenInput(` ${token} `)).toEqual({ ok: true, token });
    expect(parseTokenInput(`Bearer ${token}`)).toEqual({ ok: true, token });
    expect(parseTokenInput(`http://127.0.0.1:3000/integrations/sis?token=${token}`)).toEqual({
      ok: true,
      token,
    });
    expect(parseTokenInput(`http://127.0.0.1:3000/integrations/sis#token=${token}`)).toEqual({
      ok: true,
      token,
    });
  });

  it('says what is wrong with other text', () => {
    expect(parseTokenInput('')).toMatchObject({ ok: false, message: expect.stringMatching(/Paste/) });
    expect(parseTokenInput('http://127.0.0.1:3000/integrations/sis')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no token/),
    });
    expect(parseTokenInput('hello')).toMatchObject({ ok: false, message: expect.stringMatching(/JWT/) });
  });
});

describe('readTokenClaims', () => {
  it('reads role, tenant and expiry', () => {
    expect(readTokenClaims(token)).toEqual({
      subject: 'admin@district.org',
      role: 'DISTRICT_ADMIN',
      tenantId: 'district-1',
      expiresAt: 2000000000000,
    });
  });
});
