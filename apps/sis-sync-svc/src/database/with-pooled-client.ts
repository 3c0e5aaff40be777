import type pg from 'pg';

/** Clients that already carry the listener below (one per connection, for its whole life). */
const guardedClients = new WeakSet<pg.PoolClient>();

function ignoreConnectionError(): void {
  // The query in flight rejects with the same error; an idle pooled client is dropped by the pool.
}

/**
 * Runs `work` on a connection checked out of the pool, and gives it back afterwards.
 *
 * A checked-out node-postgres client whose connection drops (PostgreSQL restarting) emits `error`, and with
 * no listener Node ends the process: the pool only listens on idle clients, and the server's "terminating
 * connection" message can fail the query before the socket closes. So every checked-out client carries a
 * listener for good, and a connection whose work failed (or that `work` marks broken, e.g. after a failed
 * ROLLBACK) is destroyed instead of going back to the pool.
 */
export async function withPooledClient<Result>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, markBroken: (error: Error) => void) => Promise<Result>,
): Promise<Result> {
  const client = await pool.connect();
  if (!guardedClients.has(client)) {
    client.on('error', ignoreConnectionError);
    guardedClients.add(client);
  }
  let broken: Error | undefined;
  const markBroken = (error: Error) => {
    broken ??= error;
  };
  try {
    return await work(client, markBroken);
  } catch (error) {
    markBroken(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    client.release(broken);
  }
}
