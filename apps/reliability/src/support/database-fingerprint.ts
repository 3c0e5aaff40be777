import type pg from 'pg';

/** Row count and content checksum of every data table, plus the successful audit entries. */
export interface DatabaseFingerprint {
  tables: Record<string, { rows: number; checksum: string }>;
  /** Audit rows whose outcome is success; refused attempts are audited by design, so only these must not grow. */
  successfulAuditRows: number;
}

/**
 * Fingerprints every table of the `public` schema (the service's data; pg-boss keeps its own schema) except
 * the audit log, whose refused-attempt rows are expected; so a test can prove a refused request changed
 * nothing that matters.
 */
export async function fingerprintDatabase(pool: pg.Pool): Promise<DatabaseFingerprint> {
  const tables = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_log'
      ORDER BY table_name`,
  );
  const fingerprint: DatabaseFingerprint = { tables: {}, successfulAuditRows: 0 };
  for (const { table_name: table } of tables.rows) {
    const result = await pool.query<{ rows: string; checksum: string | null }>(
      `SELECT count(*) AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS checksum
         FROM public."${table.replaceAll('"', '""')}" t`,
    );
    fingerprint.tables[table] = {
      rows: Number(result.rows[0]!.rows),
      checksum: result.rows[0]!.checksum ?? '',
    };
  }
  const audit = await pool.query<{ rows: string }>(
    `SELECT count(*) AS rows FROM audit_log WHERE outcome = 'success'`,
  );
  fingerprint.successfulAuditRows = Number(audit.rows[0]!.rows);
  return fingerprint;
}
