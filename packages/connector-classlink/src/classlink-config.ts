import { z } from 'zod';

const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** A Roster Server name as it appears in the server URL `https://<tenant>-<region>-v2.oneroster.com`. */
export const rosterServerNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*-[a-z]{2}$/i;

/**
 * The stored configuration of a `CLASSLINK` provider. Strict: an unknown key is an error.
 *
 * - `clientId`, `clientSecret`: the Roster Server's OAuth 1.0a key and secret for this district (ClassLink
 *   developer console → OneRoster → the district's server). Not needed with `discovery`, which fetches them.
 * - `tenantId`: the district in ClassLink. Either the Roster Server name `<tenant>-<region>` (e.g.
 *   `springfield-ca` for `https://springfield-ca-v2.oneroster.com`), from which the server URL is derived,
 *   or ClassLink's numeric tenant id (used with `discovery`, or for reference when `baseUrl` is given).
 * - `baseUrl`: the Roster Server's OneRoster root, `https://<tenant>-<region>-v2.oneroster.com/ims/oneroster/v1p1`.
 * - `discovery.apiKey`: the OneRoster module API key; the server URL, key and secret are then looked up in
 *   ClassLink's `applications` API by `tenantId`.
 */
export const classLinkConfigSchema = z
  .strictObject({
    clientId: z.string().trim().min(1, 'must not be empty').optional(),
    clientSecret: z.string().min(1, 'must not be empty').optional(),
    tenantId: z.string().trim().min(1, 'is required'),
    baseUrl: httpUrlSchema.optional(),
    discovery: z
      .strictObject({
        apiKey: z.string().min(1, 'is required'),
        /** Default `https://oneroster-proxy.classlink.io`. */
        proxyUrl: httpUrlSchema.default('https://oneroster-proxy.classlink.io'),
      })
      .optional(),
    /** Records per page; ClassLink serves large pages. Default 10,000 (read fully even when the server caps it). */
    pageSize: z.number().int().min(1).max(10_000).default(10_000),
    /** Optional client-side budget; ClassLink publishes no number and answers 429 when overloaded. */
    requestsPerMinute: z.number().int().min(1).optional(),
  })
  .superRefine((config, context) => {
    if (config.discovery) return;
    if (!config.clientId || !config.clientSecret) {
      context.addIssue({
        code: 'custom',
        path: [config.clientId ? 'clientSecret' : 'clientId'],
        message: 'is required (the Roster Server key and secret), unless discovery.apiKey is given',
      });
    }
    if (!config.baseUrl && !rosterServerNamePattern.test(config.tenantId)) {
      context.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message:
          'is required when tenantId is not a Roster Server name like "springfield-ca" (give the server URL, e.g. https://springfield-ca-v2.oneroster.com/ims/oneroster/v1p1, or discovery.apiKey)',
      });
    }
  });

export type ClassLinkConfig = z.input<typeof classLinkConfigSchema>;
export type ResolvedClassLinkConfig = z.output<typeof classLinkConfigSchema>;

/** The Roster Server URL of a server name: `springfield-ca` → `https://springfield-ca-v2.oneroster.com/ims/oneroster/v1p1`. */
export function rosterServerUrl(serverName: string): string {
  return `https://${serverName.toLowerCase()}-v2.oneroster.com/ims/oneroster/v1p1`;
}
