import type { OneRosterApiQuirks } from '@aivo/connector-oneroster';

/**
 * How ClassLink's Roster Server differs from a plain OneRoster 1.1 server, as the OneRoster connector's quirks:
 * - OAuth 1.0a exactly as ClassLink's own request library signs: HMAC-SHA256, no `oauth_version`, header
 *   entries joined with `,`;
 * - large pages (10,000), still read completely when a server caps them lower;
 * - 429 and 5xx retried with exponential backoff and full jitter, as ClassLink recommends, and a longer
 *   patience for its cool-downs.
 * String booleans (`"true"`), absolute GUIDRef hrefs and `""` for absent values are read by the OneRoster
 * mapping's lenient values.
 */
export const classLinkQuirks = {
  oauth1Version: false,
  oauth1HeaderSeparator: ',',
  defaultPageSize: 10_000,
  retry: { maxRetries: 6, initialDelayMs: 1_000, maxDelayMs: 60_000, multiplier: 2, jitter: 1 },
  vendorName: 'ClassLink',
} as const satisfies OneRosterApiQuirks;
