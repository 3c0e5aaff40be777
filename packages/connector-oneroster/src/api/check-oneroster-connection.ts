import {
  ApiCallError,
  AuthenticationError,
  type ConnectionCheck,
  ConnectorError,
  type HttpClient,
  RateLimitError,
} from '@aivo/connector-sdk';
import { extractOneRosterItems } from './oneroster-envelope.js';

/**
 * Checks a OneRoster REST server by reading one org (`GET orgs?limit=1`), and says what is wrong in words a
 * district admin can act on: unreachable host, TLS failure, bad credentials (401), forbidden (403), or not a
 * OneRoster endpoint (404, an HTML page, JSON without an `orgs` list). Never throws for these.
 */
export async function checkOneRosterConnection({
  client,
  baseUrl,
  vendorName = 'OneRoster',
  signal,
}: {
  client: HttpClient;
  baseUrl: string;
  vendorName?: string;
  signal?: AbortSignal;
}): Promise<ConnectionCheck> {
  const host = new URL(baseUrl).host;
  try {
    const response = await client.requestJson('orgs', { query: { limit: 1 }, ...(signal ? { signal } : {}) });
    extractOneRosterItems(response.body, ['orgs'], 'orgs');
    const total = response.headers.get('x-total-count');
    return {
      success: true,
      message: `Successfully connected to the ${vendorName} API at ${host}${total ? ` (${total} orgs)` : ''}.`,
      details: { baseUrl, ...(total ? { orgCount: Number(total) } : {}) },
    };
  } catch (error) {
    signal?.throwIfAborted();
    return describeOneRosterConnectionFailure(error, { baseUrl, vendorName });
  }
}

const tlsPattern = /CERT|TLS|SSL|EPROTO|self[- ]signed/i;

/** Turns any failure of a OneRoster request into a `ConnectionCheck` with a stable code and advice. */
export function describeOneRosterConnectionFailure(
  error: unknown,
  { baseUrl, vendorName = 'OneRoster' }: { baseUrl: string; vendorName?: string },
): ConnectionCheck {
  const host = new URL(baseUrl).host;
  const fail = (code: string, message: string): ConnectionCheck => ({ success: false, code, message });
  if (AuthenticationError.isInstance(error)) {
    if (error.code === 'forbidden') {
      return fail(
        'forbidden',
        `The ${vendorName} server at ${host} accepted the credentials but refused access to roster data (HTTP 403): ask the district to grant this application access to orgs, users, classes and enrollments.`,
      );
    }
    return fail(
      'authentication_failed',
      `The ${vendorName} server at ${host} rejected the client id and secret (${error.message.includes('token endpoint') ? 'token endpoint' : 'HTTP 401'}): check the key and secret the district issued, and the authentication type (OAuth 1.0a or OAuth 2).`,
    );
  }
  if (RateLimitError.isInstance(error)) {
    return fail(
      'rate_limited',
      `The ${vendorName} server at ${host} is limiting our requests (HTTP 429): try again in a few minutes.`,
    );
  }
  if (ApiCallError.isInstance(error)) {
    if (
      error.code === 'invalid_response' ||
      error.code === 'not_oneroster_response' ||
      error.status === 404
    ) {
      return fail(
        'not_oneroster_endpoint',
        `${baseUrl} does not look like a OneRoster 1.1 API (${error.status === 404 ? 'HTTP 404 for /orgs' : error.code === 'invalid_response' ? 'the answer was not JSON' : 'no "orgs" list in the answer'}): check the base URL; it usually ends with /ims/oneroster/v1p1.`,
      );
    }
    if (error.status === undefined) {
      const codes = causeCodes(error);
      const text = `${codes.join(' ')} ${error.message}`;
      if (tlsPattern.test(text)) {
        return fail(
          'tls_error',
          `Could not open a secure (TLS) connection to ${host} (${codes.find((code) => tlsPattern.test(code)) ?? 'certificate or protocol error'}): the server's certificate is not trusted (self-signed, expired or for another name) or it does not speak HTTPS on that port. Check the base URL, or ask the district to fix the certificate.`,
        );
      }
      if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
        return fail(
          'host_not_found',
          `The host name ${new URL(baseUrl).hostname} could not be found: check the base URL for typos.`,
        );
      }
      if (error.code === 'timeout') {
        return fail(
          'timeout',
          `${host} did not answer in time: check the base URL and that the server is up and reachable from this service.`,
        );
      }
      return fail(
        'network_error',
        `Could not reach ${host} (${codes[0] ?? 'network error'}): check the base URL and port, and that this service is allowed through the district's firewall.`,
      );
    }
    if (error.status >= 500) {
      return fail(
        'server_error',
        `The ${vendorName} server at ${host} failed (HTTP ${error.status}): it has a problem on its side; try again later or contact the district.`,
      );
    }
    return fail(
      'api_error',
      `The ${vendorName} server at ${host} answered HTTP ${error.status}: ${error.message}`,
    );
  }
  if (ConnectorError.isInstance(error)) return fail(error.code, error.message);
  return fail(
    'unexpected_error',
    `Could not check ${host}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Every `code` along an error's `cause` chain (e.g. `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}
