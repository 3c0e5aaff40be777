import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Treats empty environment variables as unset, so `PORT=` means "use the default". */
function unsetWhenEmpty(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

const optionalText = z.preprocess(unsetWhenEmpty, z.string().trim().optional());

function integerSetting(defaultValue: number, minimum: number, maximum: number) {
  return z.preprocess(
    unsetWhenEmpty,
    z.coerce.number().int('must be a whole number').min(minimum).max(maximum).default(defaultValue),
  );
}

/** The environment variables the service reads, validated at start. */
export const serviceEnvironmentSchema = z.object({
  DATABASE_URL: z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL')
      .optional(),
  ),
  PORT: integerSetting(3000, 0, 65_535),
  HOST: z.preprocess(unsetWhenEmpty, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(unsetWhenEmpty, z.enum(logLevels).default('info')),
  NODE_ENV: z.preprocess(unsetWhenEmpty, z.string().default('development')),
  MAX_CONCURRENT_SYNCS: integerSetting(2, 1, 64),
  MAX_CONCURRENT_SYNCS_TOTAL: z.preprocess(
    unsetWhenEmpty,
    z.coerce.number().int('must be a whole number').min(1).max(10_000).optional(),
  ),
  SYNC_LOCK_TIMEOUT: integerSetting(1_800_000, 1_000, 7 * 24 * 3_600_000),
  SIS_CONFIG_ENCRYPTION_KEY: optionalText,
  SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS: optionalText,
  JWT_SECRET: optionalText,
  JWT_JWKS_URL: z.preprocess(unsetWhenEmpty, z.url('must be an http(s) URL').optional()),
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  SIS_SYNC_DATA_DIR: optionalText,
  SIS_SYNC_EMBEDDED_PG_PORT: z.preprocess(
    unsetWhenEmpty,
    z.coerce.number().int().min(1).max(65_535).optional(),
  ),
  SIS_SYNC_PUBLIC_URL: z.preprocess(unsetWhenEmpty, z.url('must be an http(s) URL').optional()),
  SIS_ALLOW_INSECURE_HOSTS: optionalText,
});

/** Splits a comma-separated list, dropping blanks. */
function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Validated settings of one service process. */
export interface ServiceConfig {
  /** Absent means: start an embedded PostgreSQL under `dataDirectory`. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  logLevel: (typeof logLevels)[number];
  nodeEnvironment: string;
  isProduction: boolean;
  maxConcurrentSyncs: number;
  /** Cap on running syncs across all replicas on the database; undefined = only the per-instance cap. */
  maxConcurrentSyncsTotal: number | undefined;
  /** Milliseconds after which a running sync is failed and its provider unlocked. */
  syncLockTimeoutMs: number;
  /** Current AES-256 key (base64 or hex of 32 bytes); generated in embedded mode when absent. */
  encryptionKey: string | undefined;
  /** Keys that may still decrypt older rows, until `sis-sync rotate-key` re-encrypts them. */
  previousEncryptionKeys: string[];
  jwtSecret: string | undefined;
  jwtJwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  /** Folder for the embedded database and generated local secrets. */
  dataDirectory: string;
  /** Fixed port of the embedded PostgreSQL; a free one is picked when undefined. */
  embeddedDatabasePort: number | undefined;
  /** Base URL printed for admins; defaults to http://localhost:PORT. */
  publicUrl: string | undefined;
  /**
   * Hosts provider configs may reach over plain http in any mode (SIS_ALLOW_INSECURE_HOSTS); otherwise
   * source URLs must be https, except loopback hosts outside production.
   */
  insecureSourceHosts: string[];
}

/** A configuration problem found at start; the message lists every variable to fix. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid service configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Reads and validates the service configuration from environment variables.
 *
 * @throws ConfigurationError naming each variable that is wrong or missing.
 * @example const config = loadServiceConfig(process.env, process.cwd());
 */
export function loadServiceConfig(
  environment: Record<string, string | undefined>,
  workingDirectory: string,
): ServiceConfig {
  const parsed = serviceEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const isProduction = values.NODE_ENV === 'production';
  const problems: string[] = [];
  if (values.JWT_SECRET !== undefined && values.JWT_SECRET.length < 32) {
    problems.push('JWT_SECRET: must be at least 32 characters long');
  }
  const insecureSourceHosts = commaList(values.SIS_ALLOW_INSECURE_HOSTS);
  for (const host of insecureSourceHosts) {
    if (/[/\s@?#]/.test(host)) {
      problems.push(
        `SIS_ALLOW_INSECURE_HOSTS: "${host}" is not a host name; list host names or IP addresses only, comma-separated (e.g. sis.district.internal,10.0.0.5)`,
      );
    }
  }
  if (isProduction) {
    if (!values.SIS_CONFIG_ENCRYPTION_KEY) {
      problems.push(
        'SIS_CONFIG_ENCRYPTION_KEY: required when NODE_ENV=production (32 random bytes, base64: `openssl rand -base64 32`)',
      );
    }
    if (!values.JWT_SECRET && !values.JWT_JWKS_URL) {
      problems.push('JWT_SECRET or JWT_JWKS_URL: one is required when NODE_ENV=production');
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  const dataDirectory = values.SIS_SYNC_DATA_DIR ?? '.data';
  return {
    databaseUrl: values.DATABASE_URL,
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    nodeEnvironment: values.NODE_ENV,
    isProduction,
    maxConcurrentSyncs: values.MAX_CONCURRENT_SYNCS,
    maxConcurrentSyncsTotal: values.MAX_CONCURRENT_SYNCS_TOTAL,
    syncLockTimeoutMs: values.SYNC_LOCK_TIMEOUT,
    encryptionKey: values.SIS_CONFIG_ENCRYPTION_KEY,
    previousEncryptionKeys: commaList(values.SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS),
    jwtSecret: values.JWT_SECRET,
    jwtJwksUrl: values.JWT_JWKS_URL,
    jwtIssuer: values.JWT_ISSUER,
    jwtAudience: values.JWT_AUDIENCE,
    dataDirectory: isAbsolute(dataDirectory) ? dataDirectory : resolve(workingDirectory, dataDirectory),
    embeddedDatabasePort: values.SIS_SYNC_EMBEDDED_PG_PORT,
    publicUrl: values.SIS_SYNC_PUBLIC_URL,
    insecureSourceHosts,
  };
}
