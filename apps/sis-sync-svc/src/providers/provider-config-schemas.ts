import type { ProviderType } from '@aivo/connector-sdk';
import { z } from 'zod';

/**
 * Provider config schemas, one per provider type. They live in the service until the connector packages
 * export theirs (`cleverConfigSchema`, …); then these become re-exports.
 */
const text = z.string().trim().min(1, 'must not be empty');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const positiveInteger = z.number().int().positive();

export const cleverConfigSchema = z.strictObject({
  clientId: text,
  clientSecret: text,
  districtId: text,
  accessToken: text.optional(),
  apiBaseUrl: httpUrl.optional(),
  oauthBaseUrl: httpUrl.optional(),
  requestsPerMinute: positiveInteger.optional(),
  pageSize: positiveInteger.max(10_000).optional(),
});

export const classLinkConfigSchema = z.strictObject({
  clientId: text,
  clientSecret: text,
  tenantId: text,
  baseUrl: httpUrl.optional(),
  auth: z.enum(['oauth1', 'oauth2']).optional(),
  tokenUrl: httpUrl.optional(),
  scope: text.optional(),
  pageSize: positiveInteger.max(10_000).optional(),
  requestsPerMinute: positiveInteger.optional(),
});

export const oneRosterApiConfigSchema = z.strictObject({
  baseUrl: httpUrl,
  clientId: text,
  clientSecret: text,
  auth: z.enum(['oauth1', 'oauth2']).optional(),
  tokenUrl: httpUrl.optional(),
  scope: text.optional(),
  pageSize: positiveInteger.max(10_000).optional(),
  requestsPerMinute: positiveInteger.optional(),
});

const sftpSchema = z
  .strictObject({
    host: text,
    port: z.number().int().min(1).max(65_535).default(22),
    username: text,
    privateKeyPath: text.optional(),
    privateKey: text.optional(),
    passphrase: text.optional(),
    password: text.optional(),
    hostKeySha256: text.optional(),
  })
  .refine((sftp) => Boolean(sftp.privateKeyPath || sftp.privateKey || sftp.password), {
    message: 'give one of privateKeyPath, privateKey or password',
    path: ['privateKeyPath'],
  });

export const oneRosterCsvConfigSchema = z.union([
  z.strictObject({ sftp: sftpSchema, remotePath: text }),
  z.strictObject({ localPath: text }),
]);

/** Config schema of each provider type. */
export const providerConfigSchemas = {
  CLEVER: cleverConfigSchema,
  CLASSLINK: classLinkConfigSchema,
  ONEROSTER_API: oneRosterApiConfigSchema,
  ONEROSTER_CSV: oneRosterCsvConfigSchema,
} as const satisfies Record<ProviderType, z.ZodType>;

/** The connector SDK's provider types; the schemas above must cover each of them. */
export type ProviderTypeName = ProviderType;
export const providerTypeNames = Object.keys(providerConfigSchemas) as ProviderTypeName[];

/** Dotted paths of the fields that are secret (write-only) for each provider type. */
export const secretConfigPaths: Record<ProviderType, string[]> = {
  CLEVER: ['clientSecret', 'accessToken'],
  CLASSLINK: ['clientSecret'],
  ONEROSTER_API: ['clientSecret'],
  ONEROSTER_CSV: ['sftp.password', 'sftp.privateKey', 'sftp.passphrase'],
};
