import type pg from 'pg';

/**
 * Every row of the service's tables and of pg-boss's job tables as text, labelled by table, so a test can
 * search the whole database for a leaked secret.
 */
export async function collectStoredText(pool: pg.Pool): Promise<Array<{ table: string; text: string }>> {
  const tables = await pool.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'
      ORDER BY table_schema, table_name`,
  );
  const collected: Array<{ table: string; text: string }> = [];
  for (const { table_schema: schema, table_name: table } of tables.rows) {
    const quoted = `"${schema.replaceAll('"', '""')}"."${table.replaceAll('"', '""')}"`;
    const rows = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${quoted} t`);
    for (const { row } of rows.rows) collected.push({ table: `${schema}.${table}`, text: row });
  }
  return collected;
}
