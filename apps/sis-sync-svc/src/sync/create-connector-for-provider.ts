import { classLinkConfigSchema, createClassLinkConnector } from '@aivo/connector-classlink';
import { cleverConfigSchema, createCleverConnector } from '@aivo/connector-clever';
import {
  createOneRosterApiConnector,
  createOneRosterCsvConnector,
  oneRosterApiConfigSchema,
  oneRosterCsvConfigSchema,
} from '@aivo/connector-oneroster';
import { type HttpRetryEvent, InvalidConfigError, type RosterConnectorV1 } from '@aivo/connector-sdk';
import type { z } from 'zod';

/** Provider types the service can sync. */
export type SyncProviderType = 'CLEVER' | 'CLASSLINK' | 'ONEROSTER_API' | 'ONEROSTER_CSV';

/** Runtime options a connector gets besides the stored config. */
export interface ConnectorRuntimeOptions {
  /** Called before each retry (429, 5xx, network error), e.g. to show rate-limit waits in the run's progress. */
  onRetry?: (event: HttpRetryEvent) => void;
}

/** Builds the connector of a provider; injectable for tests and custom deployments. */
export type ConnectorFactory = (
  providerType: string,
  config: Record<string, unknown>,
  runtime?: ConnectorRuntimeOptions,
) => RosterConnectorV1;

const configSchemas: Record<SyncProviderType, z.ZodType> = {
  CLEVER: cleverConfigSchema,
  CLASSLINK: classLinkConfigSchema,
  ONEROSTER_API: oneRosterApiConfigSchema,
  ONEROSTER_CSV: oneRosterCsvConfigSchema,
};

const displayNames: Record<SyncProviderType, string> = {
  CLEVER: 'Clever',
  CLASSLINK: 'ClassLink',
  ONEROSTER_API: 'OneRoster API',
  ONEROSTER_CSV: 'OneRoster CSV',
};

function isSyncProviderType(providerType: string): providerType is SyncProviderType {
  return Object.hasOwn(configSchemas, providerType);
}

/**
 * Validates a provider's decrypted config with its connector's exported schema and builds the connector.
 * A bad config throws an `InvalidConfigError` whose message names every wrong field (never a value), so the
 * run history tells the admin what to fix.
 *
 * @example
 * const connector = createConnectorForProvider('CLEVER', { districtId: 'd1', accessToken: '…' });
 */
export const createConnectorForProvider: ConnectorFactory = (providerType, config, runtime = {}) => {
  if (!isSyncProviderType(providerType)) {
    throw new InvalidConfigError({
      message: `Provider type ${providerType} cannot be synced by this build; use CLEVER, CLASSLINK, ONEROSTER_API or ONEROSTER_CSV`,
      issues: [{ path: 'providerType', message: 'is not supported' }],
    });
  }
  const parsed = configSchemas[providerType].safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(config)',
      message: issue.message,
    }));
    throw new InvalidConfigError({
      message: `The ${displayNames[providerType]} settings of this provider are invalid: ${issues
        .map((issue) => `${issue.path} ${issue.message}`)
        .join('; ')}. Fix them in the provider's settings and run the sync again.`,
      issues,
    });
  }
  const onRetry = runtime.onRetry ? { onRetry: runtime.onRetry } : {};
  switch (providerType) {
    case 'CLEVER':
      return createCleverConnector({
        ...(config as unknown as Parameters<typeof createCleverConnector>[0]),
        ...onRetry,
      });
    case 'CLASSLINK':
      return createClassLinkConnector({
        ...(config as unknown as Parameters<typeof createClassLinkConnector>[0]),
        ...onRetry,
      });
    case 'ONEROSTER_API':
      return createOneRosterApiConnector({
        ...(config as unknown as Parameters<typeof createOneRosterApiConnector>[0]),
        ...onRetry,
      });
    case 'ONEROSTER_CSV':
      return createOneRosterCsvConnector(
        config as unknown as Parameters<typeof createOneRosterCsvConnector>[0],
      );
  }
};
