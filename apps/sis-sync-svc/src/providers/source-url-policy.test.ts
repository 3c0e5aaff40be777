import { describe, expect, it } from 'vitest';
import {
  httpsOnlySourceUrlPolicy,
  insecureSourceUrlIssues,
  isLoopbackHost,
  type SourceUrlPolicy,
} from './source-url-policy.js';

const development: SourceUrlPolicy = { allowLoopbackHttp: true, insecureHosts: [] };

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1, and nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '10.0.0.1',
      '128.0.0.1',
      'localhost.example.com',
      '127.example.com',
      '::2',
      '0.0.0.0',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('insecureSourceUrlIssues', () => {
  it('refuses every plain-http URL field, at any depth, naming its path and never the https ones', () => {
    const config = {
      baseUrl: 'http://sis.example.com/ims/oneroster/v1p1',
      tokenUrl: 'https://sis.example.com/token',
      discovery: { apiKey: 'k', proxyUrl: 'HTTP://proxy.example.com' },
      clientSecret: 'http://not-a-url-field.example.com',
    };
    const issues = insecureSourceUrlIssues(config, httpsOnlySourceUrlPolicy);
    expect(issues.map((issue) => issue.path)).toEqual(['baseUrl', 'discovery.proxyUrl']);
    expect(issues[0]?.message).toContain('https://');
    expect(issues[0]?.message).toContain('SIS_ALLOW_INSECURE_HOSTS');
  });

  it('lets loopback hosts use http only when the policy allows loopback (development)', () => {
    const config = {
      apiBaseUrl: 'http://127.0.0.1:4010',
      oauthBaseUrl: 'http://localhost:4011',
      tokenUrl: 'http://[::1]:4012/token',
    };
    expect(insecureSourceUrlIssues(config, development)).toEqual([]);
    expect(insecureSourceUrlIssues(config, httpsOnlySourceUrlPolicy).map((issue) => issue.path)).toEqual([
      'apiBaseUrl',
      'oauthBaseUrl',
      'tokenUrl',
    ]);
    // Development does not open other hosts.
    expect(insecureSourceUrlIssues({ baseUrl: 'http://10.1.2.3/ims' }, development)).toHaveLength(1);
  });

  it('lets allow-listed hosts use http in any mode (case-insensitive, port ignored)', () => {
    const policy: SourceUrlPolicy = {
      allowLoopbackHttp: false,
      insecureHosts: ['SIS.District.Internal', '10.1.2.3'],
    };
    expect(
      insecureSourceUrlIssues(
        { baseUrl: 'http://sis.district.internal:8080/ims', tokenUrl: 'http://10.1.2.3/token' },
        policy,
      ),
    ).toEqual([]);
    expect(
      insecureSourceUrlIssues({ baseUrl: 'http://sis.district.internal.evil.com/' }, policy),
    ).toHaveLength(1);
  });

  it('leaves values that are not URLs, and non-object configs, to the config schema', () => {
    expect(insecureSourceUrlIssues({ baseUrl: 'not a url', tokenUrl: 42 }, httpsOnlySourceUrlPolicy)).toEqual(
      [],
    );
    expect(insecureSourceUrlIssues('http://x.example.com', httpsOnlySourceUrlPolicy)).toEqual([]);
    expect(insecureSourceUrlIssues(null, httpsOnlySourceUrlPolicy)).toEqual([]);
  });
});
