import { isIP } from 'node:net';
import type { FieldIssue } from '../api/api-error.js';

/**
 * Where a provider config may point with plain `http://`. Everything else must be `https://`, because a
 * source URL carries client secrets and student data.
 */
export interface SourceUrlPolicy {
  /** Loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) may use http: true outside production. */
  allowLoopbackHttp: boolean;
  /** Host names (or IP addresses) that may use http anywhere: `SIS_ALLOW_INSECURE_HOSTS`. */
  insecureHosts: readonly string[];
}

/** The policy of a production service with no allow-list: https only. */
export const httpsOnlySourceUrlPolicy: SourceUrlPolicy = { allowLoopbackHttp: false, insecureHosts: [] };

/** Normalizes a host for comparison: lower case, IPv6 without brackets. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
}

/** True for `localhost` (and `*.localhost`), any `127.x.x.x` address and `::1`. */
export function isLoopbackHost(host: string): boolean {
  const normalized = normalizeHost(host);
  if (normalized === 'localhost' || normalized.endsWith('.localhost')) return true;
  if (isIP(normalized) === 4) return normalized.startsWith('127.');
  if (isIP(normalized) === 6) return normalized === '::1' || normalized === '0:0:0:0:0:0:0:1';
  return false;
}

function mayUseHttp(host: string, policy: SourceUrlPolicy): boolean {
  const normalized = normalizeHost(host);
  if (policy.insecureHosts.some((allowed) => normalizeHost(allowed) === normalized)) return true;
  return policy.allowLoopbackHttp && isLoopbackHost(normalized);
}

const insecureUrlMessage = (host: string, policy: SourceUrlPolicy) =>
  `must be an https:// URL: plain http would send credentials and student data unencrypted to ${host}` +
  (policy.allowLoopbackHttp ? ' (http is accepted for loopback hosts in development)' : '') +
  '; an internal host that cannot serve https can be listed in SIS_ALLOW_INSECURE_HOSTS';

/**
 * The config fields holding a plain-http URL the policy refuses, as field issues (paths relative to the
 * config). Source URL fields are the ones whose name ends in `Url` (`baseUrl`, `apiBaseUrl`, `oauthBaseUrl`,
 * `tokenUrl`, `discovery.proxyUrl`), at any depth; values that are not URLs are left to the config schema.
 *
 * @example insecureSourceUrlIssues({ baseUrl: 'http://sis.example.com' }, httpsOnlySourceUrlPolicy)
 * // [{ path: 'baseUrl', message: 'must be an https:// URL: …' }]
 */
export function insecureSourceUrlIssues(config: unknown, policy: SourceUrlPolicy): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, field] of Object.entries(value)) {
      const fieldPath = [...path, key];
      if (typeof field === 'object') {
        visit(field, fieldPath);
        continue;
      }
      if (!key.endsWith('Url') || typeof field !== 'string' || !URL.canParse(field.trim())) continue;
      const url = new URL(field.trim());
      if (url.protocol !== 'http:' || mayUseHttp(url.hostname, policy)) continue;
      issues.push({ path: fieldPath.join('.'), message: insecureUrlMessage(url.hostname, policy) });
    }
  };
  visit(config, []);
  return issues;
}
