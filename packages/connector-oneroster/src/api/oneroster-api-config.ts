import { InvalidConfigError } from '@aivo/connector-sdk';
import { z } from 'zod';

const httpUrlSchema = z
  .url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL like https://sis.example.org/ims/oneroster/v1p1',
  })
  .transform((url) => url.replace(/\/+$/, ''));

/**
 * The stored configuration of a `ONEROSTER_API` provider. Strict: unknown fields are refused.
 *
 * - `baseUrl`: the OneRoster 1.1 root, e.g. `https://sis.example.org/ims/oneroster/v1p1`.
 * - `auth`: `oauth1` (OAuth 1.0a HMAC-SHA256, the 1.1 default) or `oauth2` (client credentials; needs
 *   `tokenUrl`, and `scope` when the server asks for one).
 * - `pageSize`: records asked for per page (default 1000). Servers that cap it lower are still read fully.
 * - `requestsPerMinute`: a client-side budget, for servers with a known rate limit.
 */
export const oneRosterApiConfigSchema = z
  .strictObject({
    baseUrl: httpUrlSchema,
    clientId: z.string().trim().min(1, 'the client id (consumer key) is required'),
    clientSecret: z.string().min(1, 'the client secret is required'),
    auth: z.enum(['oauth1', 'oauth2']).default('oauth1'),
    tokenUrl: httpUrlSchema.optional(),
    scope: z.string().trim().min(1).optional(),
    pageSize: z.number().int().min(1).max(10_000).optional(),
    requestsPerMinute: z.number().int().min(1).optional(),
  })
  .refine((config) => config.auth !== 'oauth2' || config.tokenUrl !== undefined, {
    message: 'tokenUrl is required when auth is oauth2',
    path: ['tokenUrl'],
  });

export type OneRosterApiConfig = z.infer<typeof oneRosterApiConfigSchema>;
export type OneRosterApiConfigInput = z.input<typeof oneRosterApiConfigSchema>;

/** Validates a stored config; throws `InvalidConfigError` naming each bad field (never echoing secrets). */
export function parseOneRosterApiConfig(config: unknown): OneRosterApiConfig {
  const parsed = oneRosterApiConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(config)',
    message: issue.message,
  }));
  throw new InvalidConfigError({
    message: `Invalid OneRoster API settings: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    issues,
  });
}
