import type { ServiceConfig } from '../config/service-config.js';
import { ensureLocalSecrets, type LocalSecrets } from '../database/local-secrets.js';

/** The secrets a process uses, from the environment or (outside production) the data folder. */
export interface ResolvedSecrets {
  encryptionKey: string;
  previousEncryptionKeys: string[];
  jwtSecret: string | undefined;
  /** Present when secrets came from (or were added to) the data folder's local-secrets.json. */
  localSecrets: LocalSecrets | undefined;
}

/**
 * Picks the encryption key and JWT secret: environment first; outside production, anything missing is
 * generated once and kept in `<data dir>/local-secrets.json` (mode 0600), which also holds the embedded
 * database's password.
 */
export async function resolveSecrets(config: ServiceConfig): Promise<ResolvedSecrets> {
  const needsLocal =
    !config.isProduction &&
    (!config.databaseUrl || !config.encryptionKey || (!config.jwtSecret && !config.jwtJwksUrl));
  const localSecrets = needsLocal ? await ensureLocalSecrets(config.dataDirectory) : undefined;
  const encryptionKey = config.encryptionKey ?? localSecrets?.encryptionKey;
  if (!encryptionKey) throw new Error('SIS_CONFIG_ENCRYPTION_KEY is required');
  return {
    encryptionKey,
    previousEncryptionKeys: [
      ...config.previousEncryptionKeys,
      ...(config.encryptionKey ? [] : (localSecrets?.previousEncryptionKeys ?? [])),
    ],
    jwtSecret: config.jwtSecret ?? (config.jwtJwksUrl ? undefined : localSecrets?.jwtSecret),
    localSecrets,
  };
}
