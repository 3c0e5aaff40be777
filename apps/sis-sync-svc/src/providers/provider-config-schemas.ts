import { classLinkConfigSchema } from '@aivo/connector-classlink';
import { cleverConfigSchema } from '@aivo/connector-clever';
import { oneRosterApiConfigSchema, oneRosterCsvConfigSchema } from '@aivo/connector-oneroster';
import type { ProviderType } from '@aivo/connector-sdk';
import { z } from 'zod';
import { configTextLengthIssues } from './config-text-limits.js';

/**
 * Provider config schemas: the connector packages' own, re-exported, so the service accepts exactly what
 * the connectors read (and their documented optional fields). The service stores what they parse to.
 */
export { classLinkConfigSchema, cleverConfigSchema, oneRosterApiConfigSchema, oneRosterCsvConfigSchema };

/**
 * Fields SPEC.md lists for a provider type that its connector treats as optional (Clever accepts an
 * access token alone; ClassLink a discovery key alone): the service still requires them.
 */
export const specRequiredConfigFields: Record<ProviderType, readonly string[]> = {
  CLEVER: ['clientId', 'clientSecret'],
  CLASSLINK: ['clientId', 'clientSecret'],
  ONEROSTER_API: [],
  ONEROSTER_CSV: [],
};

function requireSpecFields<Schema extends z.ZodType>(schema: Schema, fields: readonly string[]): Schema {
  if (fields.length === 0) return schema;
  return schema.check(
    z.superRefine(
      (config, context) => {
        if (typeof config !== 'object' || config === null) return;
        const values = config as Record<string, unknown>;
        for (const field of fields) {
          if (values[field] === undefined) {
            context.addIssue({ code: 'custom', path: [field], message: 'is required', input: config });
          }
        }
      },
      // Also when the connector's schema found other problems, so one answer lists every missing field.
      { when: () => true },
    ),
  ) as Schema;
}

/**
 * Dotted paths of the fields that are secret (write-only) for each provider type: every credential the
 * connectors' schemas accept (client secrets, tokens, API keys, SSH keys, passphrases, passwords).
 */
export const secretConfigPaths: Record<ProviderType, string[]> = {
  CLEVER: ['clientSecret', 'accessToken'],
  CLASSLINK: ['clientSecret', 'discovery.apiKey'],
  ONEROSTER_API: ['clientSecret'],
  ONEROSTER_CSV: ['sftp.password', 'sftp.privateKey', 'sftp.passphrase'],
};

function limitTextLengths<Schema extends z.ZodType>(schema: Schema, secretPaths: readonly string[]): Schema {
  return schema.check(
    z.superRefine(
      (config, context) => {
        for (const issue of configTextLengthIssues(config, secretPaths)) {
          context.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: config });
        }
      },
      { when: () => true },
    ),
  ) as Schema;
}

/**
 * Config schema of each provider type, as the API validates it: the connector's, plus SPEC's required
 * fields and the service's length limits on every text field.
 */
export const providerConfigSchemas = {
  CLEVER: limitTextLengths(
    requireSpecFields(cleverConfigSchema, specRequiredConfigFields.CLEVER),
    secretConfigPaths.CLEVER,
  ),
  CLASSLINK: limitTextLengths(
    requireSpecFields(classLinkConfigSchema, specRequiredConfigFields.CLASSLINK),
    secretConfigPaths.CLASSLINK,
  ),
  ONEROSTER_API: limitTextLengths(oneRosterApiConfigSchema, secretConfigPaths.ONEROSTER_API),
  ONEROSTER_CSV: limitTextLengths(oneRosterCsvConfigSchema, secretConfigPaths.ONEROSTER_CSV),
} as const satisfies Record<ProviderType, z.ZodType>;

/** The connector SDK's provider types; the schemas above must cover each of them. */
export type ProviderTypeName = ProviderType;
export const providerTypeNames = Object.keys(providerConfigSchemas) as ProviderTypeName[];
