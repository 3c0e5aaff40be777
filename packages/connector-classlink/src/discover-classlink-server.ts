import {
  ApiCallError,
  AuthenticationError,
  bearerAuth,
  createHttpClient,
  type HttpClientSettings,
} from '@aivo/connector-sdk';
import { z } from 'zod';

const applicationsSchema = z.looseObject({
  applications: z.array(
    z.looseObject({
      tenant_id: z.union([z.string(), z.number()]).nullish(),
      tenant_name: z.string().nullish(),
      oneroster_application_id: z.union([z.string(), z.number()]),
    }),
  ),
});

const serverSchema = z.looseObject({
  server: z.looseObject({
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    endpoint_url: z.string().min(1),
  }),
});

/** A district's Roster Server as ClassLink's `applications` API describes it. */
export interface ClassLinkServer {
  /** The OneRoster 1.1 root, ending in `/ims/oneroster/v1p1`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  tenantName?: string;
}

export interface DiscoverClassLinkServerOptions {
  apiKey: string;
  tenantId: string;
  /** Default `https://oneroster-proxy.classlink.io`. */
  proxyUrl?: string;
  fetch?: typeof globalThis.fetch;
  http?: Pick<HttpClientSettings, 'clock' | 'random' | 'retry' | 'timeoutMs'>;
  signal?: AbortSignal;
}

/** `endpoint_url` may be the server's origin or its OneRoster root; the connector needs the root. */
function oneRosterRoot(endpointUrl: string): string {
  const trimmed = endpointUrl.replace(/\/+$/, '');
  return /\/ims\/oneroster\/v1p1$/.test(trimmed) ? trimmed : `${trimmed}/ims/oneroster/v1p1`;
}

/**
 * Looks up a district's Roster Server through ClassLink's OneRoster management API (authorized with the
 * OneRoster module's API key): `GET /applications` lists the districts that granted the app access; the one
 * whose `tenant_id` is `tenantId` gives `GET /applications/{oneroster_application_id}/server`, which returns
 * the server URL and its OAuth 1.0a key and secret.
 */
export async function discoverClassLinkServer(
  options: DiscoverClassLinkServerOptions,
): Promise<ClassLinkServer> {
  const client = createHttpClient({
    ...options.http,
    baseUrl: options.proxyUrl ?? 'https://oneroster-proxy.classlink.io',
    auth: bearerAuth(options.apiKey),
    headers: { accept: 'application/json' },
    secrets: [options.apiKey],
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const signal = options.signal ? { signal: options.signal } : {};
  let applicationsBody: unknown;
  try {
    ({ body: applicationsBody } = await client.requestJson('applications', signal));
  } catch (error) {
    if (AuthenticationError.isInstance(error)) {
      throw new AuthenticationError({
        code: 'invalid_api_key',
        message:
          'ClassLink refused the OneRoster API key (developer console → OneRoster → API key); copy it again.',
        cause: error,
      });
    }
    throw error;
  }
  const applications = applicationsSchema.safeParse(applicationsBody);
  if (!applications.success) {
    throw new ApiCallError({
      code: 'invalid_response',
      isRetryable: false,
      message: 'ClassLink’s applications list did not have the expected shape ({ applications: [...] })',
      url: client.resolveUrl('applications').toString(),
    });
  }
  const application = applications.data.applications.find(
    (candidate) => candidate.tenant_id !== null && String(candidate.tenant_id) === options.tenantId,
  );
  if (!application) {
    throw new AuthenticationError({
      code: 'tenant_not_authorized',
      message: `No district with ClassLink tenant id ${options.tenantId} has granted this application access to its Roster Server. Check the tenant id, and ask the district to approve the app in ClassLink.`,
    });
  }
  // The id comes URL-encoded from ClassLink (e.g. `MoYPlyQWmG0%3D`) and goes into the path as it is.
  const { body } = await client.requestJson(
    `applications/${String(application.oneroster_application_id)}/server`,
    signal,
  );
  const server = serverSchema.safeParse(body);
  if (!server.success) {
    throw new ApiCallError({
      code: 'invalid_response',
      isRetryable: false,
      message: `ClassLink returned no Roster Server credentials for tenant ${options.tenantId}`,
      url: client.redact(
        client.resolveUrl(`applications/${String(application.oneroster_application_id)}/server`).toString(),
      ),
    });
  }
  return {
    baseUrl: oneRosterRoot(server.data.server.endpoint_url),
    clientId: server.data.server.client_id,
    clientSecret: server.data.server.client_secret,
    ...(application.tenant_name ? { tenantName: application.tenant_name } : {}),
  };
}
