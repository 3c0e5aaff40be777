import { Writable } from 'node:stream';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../database/embedded-database.js';
import { createLogger } from '../logging/create-logger.js';
import {
  createUnhandledRejectionHandler,
  isTransientDatabaseConnectionError,
} from './database-outage-guard.js';

/** The error node-postgres gives when the database is down: a real connection to a port nobody listens on. */
async function refusedConnectionError(host: string): Promise<unknown> {
  const client = new pg.Client({
    host,
    port: await findFreePort(),
    user: 'u',
    password: 'secret-pw',
    database: 'd',
  });
  return client.connect().then(
    () => {
      throw new Error('connected to a closed port');
    },
    (error: unknown) => error,
  );
}

function collectingLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    }),
  });
  return { logger, lines };
}

describe('isTransientDatabaseConnectionError', () => {
  it('recognizes a refused database connection, also wrapped as a cause or per address', async () => {
    const refused = await refusedConnectionError('127.0.0.1');
    expect(isTransientDatabaseConnectionError(refused)).toBe(true);
    expect(isTransientDatabaseConnectionError(await refusedConnectionError('localhost'))).toBe(true);
    expect(isTransientDatabaseConnectionError(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isTransientDatabaseConnectionError(new AggregateError([refused, refused]))).toBe(true);
  });

  it('recognizes a server shutting down and a broken connection', () => {
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(isTransientDatabaseConnectionError(shutdown)).toBe(true);
    expect(isTransientDatabaseConnectionError(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isTransientDatabaseConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not excuse bugs or other database errors', () => {
    expect(isTransientDatabaseConnectionError(new TypeError('x is not a function'))).toBe(false);
    expect(isTransientDatabaseConnectionError(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(
      false,
    );
    expect(isTransientDatabaseConnectionError(Object.assign(new Error('dup'), { code: '23505' }))).toBe(
      false,
    );
    expect(isTransientDatabaseConnectionError(new AggregateError([new TypeError('a'), new Error('b')]))).toBe(
      false,
    );
    expect(isTransientDatabaseConnectionError('ECONNREFUSED')).toBe(false);
    expect(isTransientDatabaseConnectionError(undefined)).toBe(false);
  });
});

describe('createUnhandledRejectionHandler', () => {
  it('logs a lost database connection and keeps the process; exits with 1 on anything else', async () => {
    const { logger, lines } = collectingLogger();
    const exits: number[] = [];
    const handle = createUnhandledRejectionHandler(logger, (code) => exits.push(code));
    handle(await refusedConnectionError('127.0.0.1'));
    expect(exits).toEqual([]);
    expect(lines.join('')).toContain('ECONNREFUSED');
    expect(lines.join('')).toContain('"level":40');
    handle(new TypeError('x is not a function'));
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toContain('"level":60');
  });

  it('never writes a connection-string password it finds in an error message', () => {
    const { logger, lines } = collectingLogger();
    const handle = createUnhandledRejectionHandler(logger, () => {});
    handle(
      Object.assign(new Error('connect ECONNREFUSED postgres://svc:hunter2-secret@db:5432/sis'), {
        code: 'ECONNREFUSED',
      }),
    );
    expect(lines.join('')).not.toContain('hunter2-secret');
  });
});
