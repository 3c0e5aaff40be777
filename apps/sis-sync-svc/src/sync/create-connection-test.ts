import { InvalidConfigError } from '@aivo/connector-sdk';
import type { TestConnection } from '../providers/connection-test.js';
import { type ConnectorFactory, createConnectorForProvider } from './create-connector-for-provider.js';

/**
 * Tests a provider's connection (stored or not saved yet) with its real connector: the connector's own check says whether the
 * credentials, the network or an expired token is at fault. A config the connector refuses is a failed test
 * naming the wrong fields (`reason: 'invalid_config'`), not an error.
 *
 * @example
 * const service = await startService({ config, testConnection: createConnectionTest() });
 */
export function createConnectionTest(settings: { connectorFactory?: ConnectorFactory } = {}): TestConnection {
  const connectorFactory = settings.connectorFactory ?? createConnectorForProvider;
  return async ({ provider, config, signal }) => {
    let connector: ReturnType<ConnectorFactory>;
    try {
      connector = connectorFactory(provider.providerType, config);
    } catch (error) {
      if (InvalidConfigError.isInstance(error)) {
        return { success: false, message: error.message, reason: 'invalid_config' };
      }
      throw error;
    }
    const check = await connector.testConnection({ signal });
    return {
      success: check.success,
      message: check.message,
      ...(check.success || !check.code ? {} : { reason: check.code }),
    };
  };
}
