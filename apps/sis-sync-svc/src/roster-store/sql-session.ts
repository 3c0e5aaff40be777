import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { withPooledClient } from '../database/with-pooled-client.js';

/** Where the roster store sends SQL: the pool, or one connection inside an outer transaction. */
export interface SqlSession {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<Row>>;
  /** Runs `work` atomically: a transaction on the pool, a savepoint inside an outer transaction. */
  transaction<Result>(work: (session: SqlSession) => Promise<Result>): Promise<Result>;
  /**
   * Runs a `COPY … FROM STDIN` statement fed with `chunks` (lines in COPY text format). Only inside a
   * transaction: what it copies into a temporary table is only visible on that connection.
   */
  copyIn(statement: string, chunks: Iterable<string>): Promise<void>;
}

/** A session that checks out a pooled connection for each transaction. */
export function createPoolSession(pool: pg.Pool): SqlSession {
  return {
    query: (text, values) => pool.query(text, values),
    transaction: (work) =>
      withPooledClient(pool, async (client, markBroken) => {
        try {
          await client.query('BEGIN');
          const result = await work(createClientSession(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // A connection whose rollback failed may be broken: it is destroyed rather than reused.
          await client.query('ROLLBACK').catch(markBroken);
          throw error;
        }
      }),
    copyIn: () => Promise.reject(new Error('COPY needs a transaction: call it inside transaction()')),
  };
}

/**
 * A session on one connection that is already inside a transaction; nested transactions become savepoints
 * so a failing write still undoes only itself.
 */
export function createClientSession(client: pg.PoolClient): SqlSession {
  let savepoints = 0;
  const session: SqlSession = {
    query: (text, values) => client.query(text, values),
    copyIn: (statement, chunks) => pipeline(Readable.from(chunks), client.query(copyFrom(statement))),
    async transaction(work) {
      savepoints += 1;
      const name = `roster_store_${savepoints}`;
      await client.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(session);
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    },
  };
  return session;
}
