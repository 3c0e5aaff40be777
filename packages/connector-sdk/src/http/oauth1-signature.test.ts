import { describe, expect, it } from 'vitest';
import {
  buildOAuth1AuthorizationHeader,
  createOAuth1Signature,
  normalizeOAuth1BaseUri,
  parseOAuth1AuthorizationHeader,
  percentEncodeRfc3986,
  signOAuth1Request,
  verifyOAuth1Request,
} from './oauth1-signature.js';

// The test vector of SIS-FORMATS.md §2.4, computed independently with RFC 3986 encoding.
const vector = {
  method: 'GET',
  url: 'https://example-ca-v2.oneroster.com/ims/oneroster/v1p1/users?filter=status%3D%27active%27%20AND%20role%3D%27student%27&limit=100&offset=0',
  consumerKey: 'demo-key',
  consumerSecret: 'demo-secret',
  nonce: 'n0nc3',
  timestamp: 1700000000,
  version: '1.0' as const,
};

describe('OAuth 1.0a HMAC-SHA256 signing', () => {
  it('reproduces the SIS-FORMATS §2.4 test vector exactly', () => {
    const result = createOAuth1Signature(vector);
    expect(result.parameterString).toBe(
      'filter=status%3D%27active%27%20AND%20role%3D%27student%27&limit=100&oauth_consumer_key=demo-key&oauth_nonce=n0nc3&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_version=1.0&offset=0',
    );
    expect(result.baseString).toBe(
      'GET&https%3A%2F%2Fexample-ca-v2.oneroster.com%2Fims%2Foneroster%2Fv1p1%2Fusers&filter%3Dstatus%253D%2527active%2527%2520AND%2520role%253D%2527student%2527%26limit%3D100%26oauth_consumer_key%3Ddemo-key%26oauth_nonce%3Dn0nc3%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_version%3D1.0%26offset%3D0',
    );
    expect(result.signature).toBe('wmr39RLRFkWOmmtSM/1VCV/elgCSPM7z2GrbfryDOzk=');
    const header = buildOAuth1AuthorizationHeader(result);
    expect(header).toContain('oauth_signature="wmr39RLRFkWOmmtSM%2F1VCV%2FelgCSPM7z2GrbfryDOzk%3D"');
  });

  it('omits oauth_version when no version is given (ClassLink) and the signature changes', () => {
    const { version: _version, ...withoutVersion } = vector;
    const result = createOAuth1Signature(withoutVersion);
    expect(result.parameterString).not.toContain('oauth_version');
    expect(result.signature).not.toBe('wmr39RLRFkWOmmtSM/1VCV/elgCSPM7z2GrbfryDOzk=');
  });

  it("escapes all of !'()* and encodes space as %20", () => {
    expect(percentEncodeRfc3986("a b!'()*~-._")).toBe('a%20b%21%27%28%29%2A~-._');
    expect(percentEncodeRfc3986('é')).toBe('%C3%A9');
  });

  it('normalizes the base URI: lower-case host, no default port, no query', () => {
    expect(normalizeOAuth1BaseUri('HTTPS://Example.COM:443/a/B?x=1#f')).toBe('https://example.com/a/B');
    expect(normalizeOAuth1BaseUri('http://example.com:8080/p')).toBe('http://example.com:8080/p');
  });

  it('sorts repeated names by value and signs extra (form body) parameters', () => {
    const result = createOAuth1Signature({
      ...vector,
      url: 'https://h.example/p?b=2&a=z&a=y',
      extraParams: { c: 'x y' },
    });
    expect(result.parameterString.startsWith('a=y&a=z&b=2&c=x%20y&oauth_consumer_key=')).toBe(true);
  });

  it('uses enc(secret)& as the key, so secrets with reserved characters still verify', () => {
    const signed = signOAuth1Request({
      ...vector,
      consumerSecret: "s&e=c r!et'",
      nonce: 'abc',
      timestamp: 5,
    });
    expect(
      verifyOAuth1Request({
        method: 'GET',
        url: vector.url,
        authorization: signed.authorization,
        consumerSecret: "s&e=c r!et'",
      }),
    ).toMatchObject({ valid: true, consumerKey: 'demo-key', nonce: 'abc', timestamp: 5 });
  });
});

describe('Authorization header', () => {
  it('round-trips through parse, with "," (ClassLink) or ", " (Moodle) separators', () => {
    const signed = createOAuth1Signature(vector);
    for (const separator of [',', ', ']) {
      const header = buildOAuth1AuthorizationHeader({ ...signed, separator });
      expect(parseOAuth1AuthorizationHeader(header)).toEqual({
        ...signed.oauthParameters,
        oauth_signature: signed.signature,
      });
    }
  });

  it('rejects headers that are not OAuth or are malformed', () => {
    expect(parseOAuth1AuthorizationHeader('Bearer abc')).toBeUndefined();
    expect(parseOAuth1AuthorizationHeader('OAuth oauth_nonce=unquoted')).toBeUndefined();
    expect(parseOAuth1AuthorizationHeader(undefined)).toBeUndefined();
  });

  it('signOAuth1Request generates a fresh nonce and a timestamp from the injected clock', () => {
    const first = signOAuth1Request({
      ...vector,
      nonce: undefined,
      timestamp: undefined,
      now: () => 1_700_000_123_456,
    });
    const second = signOAuth1Request({
      ...vector,
      nonce: undefined,
      timestamp: undefined,
      now: () => 1_700_000_123_456,
    });
    expect(first.oauthParameters.oauth_timestamp).toBe('1700000123');
    expect(first.oauthParameters.oauth_nonce).not.toBe(second.oauthParameters.oauth_nonce);
  });
});

describe('verifyOAuth1Request', () => {
  const signed = signOAuth1Request({ ...vector, separator: ',' });

  it('accepts the vector request', () => {
    expect(
      verifyOAuth1Request({
        method: 'get',
        url: vector.url,
        authorization: signed.authorization,
        consumerSecret: 'demo-secret',
      }).valid,
    ).toBe(true);
  });

  it('rejects a wrong secret, a tampered query and a missing header', () => {
    expect(
      verifyOAuth1Request({
        method: 'GET',
        url: vector.url,
        authorization: signed.authorization,
        consumerSecret: 'nope',
      }),
    ).toMatchObject({ valid: false, reason: 'signature does not match' });
    expect(
      verifyOAuth1Request({
        method: 'GET',
        url: vector.url.replace('limit=100', 'limit=101'),
        authorization: signed.authorization,
        consumerSecret: 'demo-secret',
      }).valid,
    ).toBe(false);
    expect(
      verifyOAuth1Request({
        method: 'GET',
        url: vector.url,
        authorization: undefined,
        consumerSecret: 'demo-secret',
      }).valid,
    ).toBe(false);
  });
});
