import { z } from 'zod';

/** Clever allows 1,200 requests per minute per token; the default keeps a margin for other apps' bursts. */
export const defaultCleverRequestsPerMinute = 1000;

/**
 * The stored configuration of a Clever provider. Strict: an unknown key is an error, so a typo never
 * silently falls back to a default.
 * - `clientId`, `clientSecret`: the app's credentials (Clever dashboard → your app → Settings).
 * - `districtId`: the Clever id of the district (24 hex characters).
 * - `accessToken`: the district-app bearer token; when absent it is fetched with the client credentials.
 */
export const cleverConfigSchema = z
  .strictObject({
    clientId: z.string().trim().min(1, 'is required').optional(),
    clientSecret: z.string().trim().min(1, 'is required').optional(),
    districtId: z.string().trim().min(1, 'is required'),
    accessToken: z.string().trim().min(1, 'must not be empty').optional(),
    /** Data API host. Default `https://api.clever.com`. */
    apiBaseUrl: z.url().default('https://api.clever.com'),
    /** OAuth host serving `/oauth/tokens`. Default `https://clever.com`. */
    oauthBaseUrl: z.url().default('https://clever.com'),
    /** Client-side request budget per minute; Clever's own limit is 1,200. Default 1,000. */
    requestsPerMinute: z.number().int().min(1).max(1200).default(defaultCleverRequestsPerMinute),
    /** Records per page, 1–10,000 (Clever answers 413 above 10,000). Default 1,000. */
    pageSize: z.number().int().min(1).max(10_000).default(1000),
  })
  .refine((config) => config.accessToken || (config.clientId && config.clientSecret), {
    message: 'give clientId and clientSecret (or an accessToken)',
    path: ['clientId'],
  });

/** The configuration as stored and as accepted by {@link cleverConfigSchema}. */
export type CleverConfig = z.input<typeof cleverConfigSchema>;
/** The configuration with defaults filled in. */
export type ResolvedCleverConfig = z.output<typeof cleverConfigSchema>;
