import type { ConnectionTestResult, ConnectionTestTarget } from '../../providers/connection-test.js';
import { secretConfigPaths } from '../../providers/provider-config-schemas.js';
import type { Principal } from '../../security/access-token.js';
import { recordAudit } from '../../security/audit-log.js';
import type { ApiDependencies } from '../api-dependencies.js';

// Shorter values are not real credentials; replacing them would garble ordinary words of the message.
const shortestHiddenSecret = 4;

function secretValues(providerType: string, config: Record<string, unknown>): string[] {
  const paths = secretConfigPaths[providerType as keyof typeof secretConfigPaths] ?? [];
  const values: string[] = [];
  for (const dotted of paths) {
    let value: unknown = config;
    for (const key of dotted.split('.')) {
      value =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (typeof value === 'string' && value.length >= shortestHiddenSecret) values.push(value);
  }
  return values;
}

/** The text with every secret value of the config replaced, in case a connector quoted one back. */
function withoutSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((hidden, secret) => hidden.replaceAll(secret, '[secret]'), text);
}

/**
 * Runs the injected connection test within the API's time limit and audits it: `test` for a stored
 * provider, `test_unsaved` for a config not saved yet. The result's message and the audit detail never
 * carry a secret value of the config; an unexpected error is audited by its name only and rethrown.
 */
export async function runAuditedConnectionTest(
  dependencies: ApiDependencies,
  input: {
    principal: Principal;
    provider: ConnectionTestTarget;
    /** Reads the config to test (e.g. decrypts it); a failure there is audited like a failed test. */
    readConfig: () => Record<string, unknown>;
  },
): Promise<ConnectionTestResult> {
  const { principal, provider } = input;
  const signal = AbortSignal.timeout(dependencies.connectionTestTimeoutMs ?? 30_000);
  const audit = (outcome: 'success' | 'failure', detail: Record<string, string>) =>
    recordAudit(dependencies.prisma, {
      actor: principal,
      tenantId: provider.tenantId,
      action: provider.id === undefined ? 'test_unsaved' : 'test',
      resourceType: 'provider',
      resourceId: provider.id,
      outcome,
      detail: { providerType: provider.providerType, ...detail },
    });
  let config: Record<string, unknown> = {};
  let result: ConnectionTestResult;
  try {
    config = input.readConfig();
    result = await dependencies.testConnection({ provider, config, signal });
  } catch (error) {
    await audit('failure', { error: (error as Error).name });
    throw error;
  }
  const secrets = secretValues(provider.providerType, config);
  const safe: ConnectionTestResult = { ...result, message: withoutSecrets(result.message, secrets) };
  if (safe.reason !== undefined) safe.reason = withoutSecrets(safe.reason, secrets);
  await audit(safe.success ? 'success' : 'failure', {
    message: safe.message,
    ...(safe.reason === undefined ? {} : { reason: safe.reason }),
  });
  return safe;
}
