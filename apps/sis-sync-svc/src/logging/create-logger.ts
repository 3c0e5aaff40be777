import { type Logger, pino } from 'pino';
import { redactSecretsInText } from './redact-secrets-in-text.js';

/** Paths that may hold secrets; pino replaces their values before a line is written. */
export const redactedLogPaths = [
  'config',
  '*.config',
  'configJson',
  '*.configJson',
  'clientSecret',
  '*.clientSecret',
  'accessToken',
  '*.accessToken',
  'privateKey',
  '*.privateKey',
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Creates the service's structured logger.
 *
 * @example const logger = createLogger({ level: 'info' });
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'sis-sync-svc' },
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger };

function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack'] as const) {
    if (typeof serialized[key] === 'string') serialized[key] = redactSecretsInText(serialized[key]);
  }
  return serialized;
}
