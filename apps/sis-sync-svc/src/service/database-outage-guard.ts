import type { Logger } from 'pino';

/** Socket errors of a database connection that is down or restarting, not of a wrong setting. */
const transientNetworkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs of a server shutting down or starting up (class 08 is matched as a whole). */
const transientServerCodes = new Set(['57P01', '57P02', '57P03']);

/** Messages node-postgres gives a connection that broke or could not be made in time. */
const transientPgMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

/**
 * True when an error says the database connection is down for now (refused, reset, server restarting),
 * looking through `cause` chains and `AggregateError`s (Node reports a refused `localhost` per address).
 */
export function isTransientDatabaseConnectionError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (transientNetworkCodes.has(code) || transientServerCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return true;
  }
  if (typeof message === 'string' && transientPgMessages.some((known) => message.startsWith(known)))
    return true;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.every((each) => isTransientDatabaseConnectionError(each, depth + 1));
  }
  return isTransientDatabaseConnectionError(cause, depth + 1);
}

/**
 * What `sis-sync serve` does with a promise rejection nobody handled. pg-boss 10 completes and fails jobs
 * without awaiting them (its Manager's `onFetch`), so a database outage while a job ends rejects where the
 * service cannot catch it. Those connection errors are logged and the service keeps serving: runs caught
 * by the outage are ended by the run sweeper, and pg-boss expires their jobs. Any other unhandled rejection
 * is a bug: it is logged and the process exits with code 1, as Node would.
 */
export function createUnhandledRejectionHandler(
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): (reason: unknown) => void {
  return (reason) => {
    if (isTransientDatabaseConnectionError(reason)) {
      logger.warn(
        { err: reason },
        'database connection lost in background work (e.g. completing a job); the service keeps running and retries when the database is back',
      );
      return;
    }
    logger.fatal({ err: reason }, 'unhandled promise rejection; exiting');
    exit(1);
  };
}

/**
 * Installs {@link createUnhandledRejectionHandler} for this process; returns a function that removes it.
 * Only for a process the service owns (the CLI): an application embedding `startService` decides itself.
 */
export function keepServingThroughDatabaseOutages(logger: Logger): () => void {
  const handler = createUnhandledRejectionHandler(logger);
  process.on('unhandledRejection', handler);
  return () => {
    process.off('unhandledRejection', handler);
  };
}
