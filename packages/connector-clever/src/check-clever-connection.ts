import {
  ApiCallError,
  AuthenticationError,
  type ConnectionCheck,
  ConnectorError,
  RateLimitError,
} from '@aivo/connector-sdk';
import type { ResolvedCleverConfig } from './clever-config.js';
import { parseCleverErrorBody } from './clever-error.js';

/**
 * Reads the district and says, in words a district admin can act on, whether Clever was reached with working
 * credentials: bad client credentials, no token for the district, a revoked token, no access, an unknown
 * district, the network, or success naming the district. Never throws for these; an abort still rejects.
 */
export async function checkCleverConnection(
  readDistrict: () => Promise<{ district: { id: string; name?: string | null | undefined } }>,
  config: ResolvedCleverConfig,
  signal?: AbortSignal,
): Promise<ConnectionCheck> {
  try {
    const { district } = await readDistrict();
    const name = district.name || district.id;
    return {
      success: true,
      message: `Successfully connected to Clever (district: ${name})`,
      details: { districtId: district.id, districtName: name },
    };
  } catch (error) {
    signal?.throwIfAborted();
    return describeConnectionFailure(error, config);
  }
}

function describeConnectionFailure(error: unknown, config: ResolvedCleverConfig): ConnectionCheck {
  if (AuthenticationError.isInstance(error)) {
    if (error.code === 'invalid_client_credentials' || error.code === 'district_not_authorized') {
      return { success: false, code: error.code, message: error.message };
    }
    if (error.code === 'forbidden') {
      return {
        success: false,
        code: 'forbidden',
        message: `Clever refused access to district ${config.districtId} (HTTP 403): the token does not cover it. Check the district id and the app's data access in Clever.`,
      };
    }
    return {
      success: false,
      code: 'token_revoked',
      message: `Clever refused the district token (HTTP 401): it was revoked or the district disconnected the app. ${
        config.clientId
          ? 'A fresh token could not be obtained either; ask the district to reconnect the app.'
          : 'Paste a new token from the Clever dashboard, or give the client id and secret so it can be fetched.'
      }`,
    };
  }
  if (ApiCallError.isInstance(error) && error.status === undefined) {
    return {
      success: false,
      code: 'network_error',
      message: `Could not reach Clever (${error.message}). Check this server's network access to ${new URL(config.apiBaseUrl).host} and ${new URL(config.oauthBaseUrl).host}.`,
    };
  }
  if (ApiCallError.isInstance(error) && error.status === 404) {
    return {
      success: false,
      code: 'district_not_found',
      message: `Clever has no district ${config.districtId} for this token. Check the district id.`,
    };
  }
  if (RateLimitError.isInstance(error)) {
    return { success: false, code: 'rate_limited', message: `${error.message}. Try again in a minute.` };
  }
  if (ConnectorError.isInstance(error)) {
    const reason = ApiCallError.isInstance(error) ? parseCleverErrorBody(error.bodyExcerpt) : undefined;
    return {
      success: false,
      code: error.code,
      message: reason ? `${error.message} (${reason})` : error.message,
    };
  }
  return {
    success: false,
    code: 'unexpected_error',
    message: error instanceof Error ? error.message : String(error),
  };
}
