import {
  ApiCallError,
  AuthenticationError,
  basicAuth,
  createHttpClient,
  type HttpClientSettings,
} from '@aivo/connector-sdk';
import { cleverTokensResponseSchema } from './clever-api-schemas.js';

/** What {@link fetchCleverDistrictToken} needs. */
export interface FetchCleverDistrictTokenOptions {
  clientId: string;
  clientSecret: string;
  districtId: string;
  /** Default `https://clever.com`. */
  oauthBaseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** HTTP settings shared with the connector (clock, retry policy). */
  http?: Pick<HttpClientSettings, 'clock' | 'random' | 'retry' | 'timeoutMs' | 'onRetry'>;
  signal?: AbortSignal;
}

/**
 * Fetches the district-app bearer token of one district: `GET /oauth/tokens?owner_type=district&district=<id>`
 * with the app's client id and secret (HTTP Basic), then picks the token whose `owner.id` is the district.
 *
 * Throws `AuthenticationError` with code `invalid_client_credentials` when Clever refuses the id and secret,
 * and `district_not_authorized` when Clever has no token for the district (it has not connected the app).
 */
export async function fetchCleverDistrictToken(options: FetchCleverDistrictTokenOptions): Promise<string> {
  const client = createHttpClient({
    ...options.http,
    baseUrl: options.oauthBaseUrl ?? 'https://clever.com',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    auth: basicAuth({ username: options.clientId, password: options.clientSecret }),
  });
  let body: unknown;
  try {
    ({ body } = await client.requestJson('oauth/tokens', {
      query: { owner_type: 'district', district: options.districtId },
      ...(options.signal ? { signal: options.signal } : {}),
    }));
  } catch (error) {
    if (AuthenticationError.isInstance(error)) {
      throw new AuthenticationError({
        code: 'invalid_client_credentials',
        message:
          'Clever refused the client id and secret (HTTP 401). Copy them again from the Clever dashboard (your app → Settings).',
        cause: error,
      });
    }
    throw error;
  }
  const parsed = cleverTokensResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiCallError({
      code: 'invalid_response',
      isRetryable: false,
      message: 'Clever’s token list did not have the expected shape ({ data: [{ access_token, owner }] })',
      url: client.resolveUrl('oauth/tokens').toString(),
    });
  }
  const token = parsed.data.data.find((candidate) => candidate.owner.id === options.districtId);
  if (!token) {
    throw new AuthenticationError({
      code: 'district_not_authorized',
      message: `Clever has no token of this app for district ${options.districtId}: the district has not connected the app, or disconnected it. Check the district id, and ask the district to authorize the app in Clever.`,
    });
  }
  return token.access_token;
}
