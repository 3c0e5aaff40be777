import { randomUUID } from 'node:crypto';
import type { RecordIssue, RosterEntity } from '@aivo/connector-sdk';
import type {
  DeactivationRule,
  HeldSet,
  HeldSetStatus,
  RosterChange,
  RosterScope,
  RosterStore,
  RowCreate,
  StoredRow,
  UserCandidate,
} from '@aivo/sync-core';
import type pg from 'pg';
import { withPooledClient } from '../database/with-pooled-client.js';
import {
  type BatchInputRow,
  type BatchPart,
  batchInputLines,
  batchInputOf,
  batchInputTable,
  copyBatchInput,
  createBatchInputTable,
} from './batch-input-table.js';
import { namedSql } from './named-sql.js';
import { enrollmentReferenceColumn, personColumns, rosterTables } from './roster-tables.js';
import { createClientSession, createPoolSession, type SqlSession } from './sql-session.js';

/** Settings of {@link createPostgresRosterStore}. */
export interface PostgresRosterStoreSettings {
  /** The service's connection pool; the schema comes from `prisma/migrations`. */
  pool: pg.Pool;
  /** Rows read per round trip by `listIssues` and `listChanges`. Default 1,000. */
  pageSize?: number;
}

/** Sorting that matches JavaScript's default string order, whatever the database collation. */
const byteOrder = 'COLLATE "C"';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The input rows of a batch's creations. Users get the platform user they link to: the matched one, or a new
 * id for the person the batch creates. A matched id that is not a UUID cannot name a platform user.
 */
function toCreateRows(entity: RosterEntity, creates: RowCreate[]): BatchInputRow[] {
  const isUsers = entity === 'users';
  return creates.map((create) => {
    if (isUsers && create.userId !== undefined && !uuidPattern.test(create.userId)) {
      throw new Error(`Cannot link users: platform user ${create.userId} not found in this tenant`);
    }
    return {
      sourcedId: create.sourcedId,
      contentHash: create.contentHash,
      record: create.record,
      ...(isUsers ? { userId: create.userId ?? randomUUID(), isNew: create.userId === undefined } : {}),
      ...(create.matchedBy ? { matchedBy: create.matchedBy } : {}),
    };
  });
}

/**
 * The 64-bit key of a run's seen-markers, from @tenant, @provider and @run. One compact key instead of three
 * text columns keeps the markers' index a third of the size; a collision needs two live runs among 2^64.
 */
const seenRunKey =
  // A scalar subquery is computed once per statement; the bare expression was computed once per row.
  '(SELECT hashtextextended(json_build_array(@tenant::text, @provider::text, @run::text)::text, 0))';

/** Active rows of the entity that a rule selects, as `r` rows; uses @tenant, @provider, @run, @entity. */
function candidateRows(table: string, rule: DeactivationRule | 'held'): string {
  const marker = `SELECT 1 FROM roster_seen_markers seen
     WHERE seen.run_key = ${seenRunKey} AND seen.entity = @entity AND seen.sourced_id = r.sourced_id`;
  const predicate =
    rule === 'absent'
      ? `NOT EXISTS (${marker} AND NOT seen.deleted)`
      : rule === 'markedDeleted'
        ? `EXISTS (${marker} AND seen.deleted)`
        : 'r.sourced_id IN (SELECT held.sourced_id FROM roster_held_items held WHERE held.held_id = @heldId::uuid)';
  return `SELECT r.id, r.sourced_id FROM ${table} r
     WHERE r.tenant_id = @tenant AND r.provider_id = @provider AND r.active AND ${predicate}`;
}

/** Runs `work` atomically with one planner setting changed for its transaction only. */
async function withLocalSetting<Result>(
  on: SqlSession,
  setting: 'enable_nestloop' | 'enable_seqscan',
  work: (session: SqlSession) => Promise<Result>,
): Promise<Result> {
  return on.transaction(async (inner) => {
    const previous = await inner.query<{ value: string }>(
      "SELECT current_setting($1) AS value, set_config($1, 'off', true)",
      [setting],
    );
    const result = await work(inner);
    // Inside an outer transaction (dry runs) a released savepoint keeps SET LOCAL: put it back.
    await inner.query('SELECT set_config($1, $2, true)', [setting, previous.rows[0]?.value ?? 'on']);
    return result;
  });
}

/**
 * Runs `work` atomically with nested-loop joins off. Seen-markers are fresh scratch rows that have no planner
 * statistics yet, so the planner would pick nested-loop anti-joins that scan a run's markers once per roster
 * row (seconds for a few thousand enrollments); hash and merge joins keep every selection linear.
 */
function withSetJoins<Result>(
  on: SqlSession,
  work: (session: SqlSession) => Promise<Result>,
): Promise<Result> {
  return withLocalSetting(on, 'enable_nestloop', work);
}

/**
 * Runs `work` atomically with sequential scans off. During a provider's first sync its roster tables grow
 * from empty while their statistics still say empty, so the planner scanned the whole table for every
 * batch's lookup by sourcedId (a third of a large district's first sync); the unique index is always right.
 */
function withIndexLookups<Result>(
  on: SqlSession,
  work: (session: SqlSession) => Promise<Result>,
): Promise<Result> {
  return withLocalSetting(on, 'enable_seqscan', work);
}

interface HeldSetRow {
  id: string;
  tenant_id: string;
  provider_id: string;
  run_id: string;
  entity: RosterEntity;
  status: HeldSetStatus;
  count: number;
  reason: string;
  created_at: Date;
}

function toHeldSet(row: HeldSetRow): HeldSet {
  return {
    heldId: row.id,
    tenantId: row.tenant_id,
    providerId: row.provider_id,
    runId: row.run_id,
    entity: row.entity,
    status: row.status,
    count: row.count,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

interface IssueRow {
  id: string;
  entity: RecordIssue['entity'];
  severity: RecordIssue['severity'];
  code: string;
  message: string;
  sourced_id: string | null;
  location_json: RecordIssue['location'] | null;
  detail_json: RecordIssue['details'] | null;
}

function toIssue(row: IssueRow): RecordIssue {
  return {
    entity: row.entity,
    severity: row.severity,
    code: row.code,
    message: row.message,
    ...(row.sourced_id !== null ? { sourcedId: row.sourced_id } : {}),
    ...(row.location_json !== null ? { location: row.location_json } : {}),
    ...(row.detail_json !== null ? { details: row.detail_json } : {}),
  };
}

/** A readable location for the run's issue list: `file:line` or the URL. */
function describeLocation(location: RecordIssue['location']): string | null {
  if (!location) return null;
  if (location.file) return location.line === undefined ? location.file : `${location.file}:${location.line}`;
  return location.url ?? null;
}

interface ChangeRow {
  id: string;
  run_id: string;
  entity: RosterEntity;
  sourced_id: string;
  kind: RosterChange['action'];
  user_id: string | null;
  reason: string | null;
  held_id: string | null;
}

function toChange(row: ChangeRow): RosterChange {
  return {
    runId: row.run_id,
    entity: row.entity,
    sourcedId: row.sourced_id,
    action: row.kind,
    ...(row.user_id !== null ? { userId: row.user_id } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.held_id !== null ? { heldId: row.held_id } : {}),
  };
}

/**
 * sync-core's {@link RosterStore} on PostgreSQL. Every method is one set-based statement or one short
 * transaction over the whole batch (jsonb batches unpacked in SQL, `= ANY` lookups, anti-joins against the
 * run's seen-markers, data-modifying CTEs for write + change log + cascade), never a query per row.
 *
 * Rows live in the `roster_*` tables of the service's schema, one per (tenant, provider, sourcedId), with
 * typed columns for what downstream services query and the full normalized record in `content_json`.
 * Users are links (`roster_user_links`) to platform users (`roster_users`, one per person per tenant).
 *
 * @example
 * const store = createPostgresRosterStore({ pool });
 * const result = await runSync({ connector, store, tenantId, providerId, runId, mode: 'full' });
 */
export function createPostgresRosterStore(settings: PostgresRosterStoreSettings): RosterStore {
  return createStoreOnSession(createPoolSession(settings.pool), settings, settings.pool);
}

function createStoreOnSession(
  session: SqlSession,
  settings: PostgresRosterStoreSettings,
  pool: pg.Pool | undefined,
): RosterStore {
  const pageSize = settings.pageSize ?? 1_000;

  async function run<Row extends pg.QueryResultRow>(
    on: SqlSession,
    text: string,
    parameters: Record<string, unknown>,
  ): Promise<pg.QueryResult<Row>> {
    const statement = namedSql(text, parameters);
    return on.query<Row>(statement.text, statement.values);
  }

  /** Deactivates the rule's rows, cascades to enrollments and logs each change, in one statement. */
  async function deactivateRows(
    on: SqlSession,
    scope: RosterScope & { entity: RosterEntity; runId: string },
    selection: { rule: DeactivationRule | 'held'; markerRunId: string; reason: string; heldId?: string },
  ): Promise<{ deactivated: number; cascadedEnrollments: number }> {
    const { entity } = scope;
    const table = rosterTables[entity].name;
    const referenceColumn = enrollmentReferenceColumn[entity];
    const userColumn = entity === 'users' ? 't.user_id' : 'NULL::uuid';
    const cascade = referenceColumn
      ? `, cascaded AS (
           UPDATE roster_enrollments e
              SET active = false, deactivated_at = now(), deactivated_by_run_id = @recordRun, updated_at = now()
             FROM deactivated d
            WHERE e.tenant_id = @tenant AND e.provider_id = @provider AND e.active AND e.${referenceColumn} = d.sourced_id
           RETURNING e.sourced_id)`
      : ', cascaded AS (SELECT NULL::text AS sourced_id WHERE false)';
    const result = await run<{ deactivated: number; cascaded: number }>(
      on,
      `WITH candidates AS (${candidateRows(table, selection.rule)} FOR UPDATE),
       deactivated AS (
         UPDATE ${table} t
            SET active = false, deactivated_at = now(), deactivated_by_run_id = @recordRun, updated_at = now()
           FROM candidates WHERE t.id = candidates.id
         RETURNING t.sourced_id, ${userColumn} AS user_id)
       ${cascade},
       logged AS (
         INSERT INTO roster_changes (run_id, tenant_id, provider_id, entity, sourced_id, kind, user_id, reason, held_id)
         SELECT @recordRun, @tenant, @provider, change.entity, change.sourced_id, 'deactivated', change.user_id,
                change.reason, @heldId::uuid
           FROM (SELECT 0 AS step, @entity::text AS entity, sourced_id, user_id, @reason::text AS reason FROM deactivated
                 UNION ALL
                 SELECT 1, 'enrollments', sourced_id, NULL::uuid, 'cascade' FROM cascaded) change
          ORDER BY change.step, change.sourced_id ${byteOrder})
       SELECT (SELECT count(*) FROM deactivated)::int AS deactivated, (SELECT count(*) FROM cascaded)::int AS cascaded`,
      {
        tenant: scope.tenantId,
        provider: scope.providerId,
        run: selection.markerRunId,
        recordRun: scope.runId,
        entity,
        reason: selection.reason,
        heldId: selection.heldId ?? null,
      },
    );
    if (entity === 'users') {
      // A person stays active while any provider still links them actively.
      await run(
        on,
        `UPDATE roster_users person
            SET active = false, deactivated_at = now(), deactivated_by_run_id = @recordRun, updated_at = now()
          WHERE person.tenant_id = @tenant AND person.active
            AND person.id IN (SELECT link.user_id FROM roster_user_links link
                               WHERE link.tenant_id = @tenant AND link.provider_id = @provider
                                 AND NOT link.active AND link.deactivated_by_run_id = @recordRun)
            AND NOT EXISTS (SELECT 1 FROM roster_user_links other WHERE other.user_id = person.id AND other.active)`,
        { tenant: scope.tenantId, provider: scope.providerId, recordRun: scope.runId },
      );
    }
    const counts = result.rows[0] ?? { deactivated: 0, cascaded: 0 };
    return { deactivated: counts.deactivated, cascadedEnrollments: counts.cascaded };
  }

  /**
   * Creates new rows of a batch (users: links, plus new platform users) and logs them. A `created` entry has
   * no after-image: the content it created is the row's until the first update, whose entry keeps it as
   * `before_json` (decision 0800). Writing it twice was a quarter of a first sync's time.
   */
  async function insertRows(
    on: SqlSession,
    scope: RosterScope & { entity: RosterEntity; runId: string },
    rows: BatchInputRow[],
  ): Promise<void> {
    const { entity } = scope;
    const table = rosterTables[entity];
    const parameters = { tenant: scope.tenantId, provider: scope.providerId, run: scope.runId, entity };
    const isUsers = entity === 'users';
    const input = batchInputOf('create');
    if (isUsers) {
      const matchedIds = [...new Set(rows.flatMap((row) => (row.isNew ? [] : [row.userId!])))];
      if (matchedIds.length > 0) {
        const found = await run<{ id: string }>(
          on,
          'SELECT id FROM roster_users WHERE tenant_id = @tenant AND id = ANY(@ids::uuid[]) FOR UPDATE',
          { tenant: scope.tenantId, ids: matchedIds },
        );
        if (found.rowCount !== matchedIds.length) {
          const known = new Set(found.rows.map((row) => row.id));
          const missing = matchedIds.find((userId) => !known.has(userId));
          throw new Error(`Cannot link users: platform user ${missing} not found in this tenant`);
        }
      }
      // Another provider of the tenant (or an earlier record of this batch) may create the same person at
      // the same time: the unique index on active emails makes that insert a no-op, and the record links
      // to the person that won instead of failing the batch.
      const inserted = await run<{ id: string }>(
        on,
        `WITH input AS (${input})
         INSERT INTO roster_users (id, tenant_id, role, given_name, family_name, email, username, identifier, grades, content_hash)
         SELECT user_id, @tenant, coalesce(content->>'role', ''), coalesce(content->>'givenName', ''),
                coalesce(content->>'familyName', ''), nullif(lower(btrim(content->>'email')), ''),
                nullif(content->>'username', ''), nullif(content->>'identifier', ''),
                ARRAY(SELECT jsonb_array_elements_text(coalesce(content->'grades', '[]'::jsonb))), content_hash
           FROM input WHERE is_new ORDER BY position
         ON CONFLICT (tenant_id, (lower(btrim(email)))) WHERE active AND btrim(email) <> '' DO NOTHING
         RETURNING id`,
        { ...parameters },
      );
      const insertedIds = new Set(inserted.rows.map((row) => row.id));
      const conflicting = rows.filter((row) => row.isNew === true && !insertedIds.has(row.userId!));
      if (conflicting.length > 0) {
        await linkToExistingPeople(on, scope, conflicting);
        for (const row of conflicting) row.isNew = false;
      }
    }
    const columns = Object.keys(table.columns);
    const expressions = Object.values(table.columns);
    await run(
      on,
      `WITH input AS (${input}),
       written AS (
         INSERT INTO ${table.name} (tenant_id, provider_id, sourced_id, content_hash, content_json${isUsers ? ', user_id' : ''}${columns.map((column) => `, "${column}"`).join('')})
         SELECT @tenant, @provider, sourced_id, content_hash, content${isUsers ? ', user_id' : ''}${expressions.map((expression) => `, ${expression}`).join('')}
           FROM input ORDER BY position
         RETURNING sourced_id)
       INSERT INTO roster_changes (run_id, tenant_id, provider_id, entity, sourced_id, kind, user_id, reason)
       SELECT @run, @tenant, @provider, @entity, input.sourced_id, 'created',
              ${isUsers ? 'input.user_id' : 'NULL::uuid'}, input.matched_by
         FROM input JOIN written USING (sourced_id) ORDER BY input.position`,
      parameters,
    );
    if (isUsers && rows.some((row) => !row.isNew)) await refreshPeople(on, scope, 'create', 'matched');
  }

  /**
   * Points the batch's new people that lost an email conflict at the active person holding that email
   * (a separate statement, so it sees the row a concurrent transaction committed), as an email match: their
   * input rows are rewritten to link to that person.
   */
  async function linkToExistingPeople(
    on: SqlSession,
    scope: RosterScope,
    conflicting: BatchInputRow[],
  ): Promise<void> {
    const sourcedIds = conflicting.map((row) => row.sourcedId);
    const relinked = await run<{ sourced_id: string }>(
      on,
      `UPDATE ${batchInputTable} input
          SET user_id = person.id, is_new = false, matched_by = 'email'
         FROM roster_users person
        WHERE input.part = 'create' AND input.sourced_id = ANY(@ids::text[])
          AND person.tenant_id = @tenant AND person.active AND btrim(person.email) <> ''
          AND lower(btrim(person.email)) = lower(btrim(input.content->>'email'))
       RETURNING input.sourced_id`,
      { tenant: scope.tenantId, ids: sourcedIds },
    );
    const relinkedIds = new Set(relinked.rows.map((row) => row.sourced_id));
    const unresolved = sourcedIds.find((sourcedId) => !relinkedIds.has(sourcedId));
    if (unresolved !== undefined) {
      throw new Error(
        `Cannot create user ${unresolved}: its email belongs to another person being written at the same time; the next run links it`,
      );
    }
  }

  /** Rewrites existing rows (updates or reactivations) of the input table's part, makes them active and logs them. */
  async function rewriteRows(
    on: SqlSession,
    scope: RosterScope & { entity: RosterEntity; runId: string },
    part: Exclude<BatchPart, 'create'>,
    count: number,
  ): Promise<void> {
    const { entity } = scope;
    const table = rosterTables[entity];
    const isUsers = entity === 'users';
    const action = part === 'update' ? 'updated' : 'reactivated';
    const assignments = Object.entries(table.columns)
      .map(([column, expression]) => `, "${column}" = ${expression}`)
      .join('');
    const result = await run(
      on,
      `WITH input AS (${batchInputOf(part)}),
       written AS (
         UPDATE ${table.name} t
            SET content_hash = source.content_hash, content_json = source.content, active = true,
                deactivated_at = NULL, deactivated_by_run_id = NULL, updated_at = now()${assignments}
           FROM (SELECT input.*, existing.id, existing.content_json AS before
                   FROM input JOIN ${table.name} existing
                     ON existing.tenant_id = @tenant AND existing.provider_id = @provider
                    AND existing.sourced_id = input.sourced_id) source
          WHERE t.id = source.id
         RETURNING source.sourced_id, source.before, source.content, source.position${isUsers ? ', t.user_id' : ''})
       INSERT INTO roster_changes (run_id, tenant_id, provider_id, entity, sourced_id, kind, before_json, after_json, user_id)
       SELECT @run, @tenant, @provider, @entity, sourced_id, @action, before, content, ${isUsers ? 'user_id' : 'NULL::uuid'}
         FROM written ORDER BY position`,
      {
        tenant: scope.tenantId,
        provider: scope.providerId,
        run: scope.runId,
        entity,
        action,
      },
    );
    if (result.rowCount !== count) {
      throw new Error(
        `Cannot write ${count} ${entity} as ${action}: ${count - (result.rowCount ?? 0)} of them have no row for this tenant and provider`,
      );
    }
    if (isUsers) await refreshPeople(on, scope, part, 'linked');
  }

  /** Refreshes the platform users behind the input table's part (blank fields keep their value). */
  async function refreshPeople(
    on: SqlSession,
    scope: RosterScope,
    part: BatchPart,
    find: 'matched' | 'linked',
  ): Promise<void> {
    const source =
      find === 'matched'
        ? 'SELECT user_id, content FROM input WHERE NOT is_new'
        : `SELECT link.user_id, input.content FROM input JOIN roster_user_links link
             ON link.tenant_id = @tenant AND link.provider_id = @provider AND link.sourced_id = input.sourced_id`;
    const assignments = Object.entries(personColumns)
      .map(([column, expression]) => `"${column}" = ${expression}`)
      .join(', ');
    await run(
      on,
      `WITH input AS (${batchInputOf(part)})
       UPDATE roster_users person
          SET ${assignments}, active = true, deactivated_at = NULL, deactivated_by_run_id = NULL, updated_at = now()
         FROM (${source}) source
        WHERE person.id = source.user_id AND person.tenant_id = @tenant`,
      { tenant: scope.tenantId, provider: scope.providerId },
    );
  }

  async function requireHeldSet(on: SqlSession, scope: RosterScope, heldId: string, lock = false) {
    const row = uuidPattern.test(heldId)
      ? (
          await run<HeldSetRow>(
            on,
            `SELECT * FROM roster_held_sets WHERE id = @heldId::uuid AND tenant_id = @tenant AND provider_id = @provider${lock ? ' FOR UPDATE' : ''}`,
            { heldId, tenant: scope.tenantId, provider: scope.providerId },
          )
        ).rows[0]
      : undefined;
    if (!row) throw new Error(`Held set ${heldId} not found for this tenant and provider`);
    return row;
  }

  async function* pages<Row extends pg.QueryResultRow & { id: string }>(
    text: string,
    parameters: Record<string, unknown>,
  ): AsyncGenerator<Row> {
    let afterId = '0';
    for (;;) {
      const page = await run<Row>(session, text, { ...parameters, afterId, limit: pageSize });
      for (const row of page.rows) yield row;
      if (page.rows.length < pageSize) return;
      afterId = page.rows.at(-1)!.id;
    }
  }

  const store: RosterStore = {
    async findRows({ entity, sourcedIds, ...scope }): Promise<StoredRow[]> {
      const isUsers = entity === 'users';
      const result = await withIndexLookups(session, (on) =>
        run<{
          sourced_id: string;
          active: boolean;
          content_hash: string;
          user_id?: string;
        }>(
          on,
          `SELECT sourced_id, active, content_hash${isUsers ? ', user_id' : ''} FROM ${rosterTables[entity].name}
          WHERE tenant_id = @tenant AND provider_id = @provider AND sourced_id = ANY(@ids::text[])`,
          { tenant: scope.tenantId, provider: scope.providerId, ids: sourcedIds },
        ),
      );
      return result.rows.map((row) => ({
        sourcedId: row.sourced_id,
        active: row.active,
        contentHash: row.content_hash,
        ...(row.user_id ? { userId: row.user_id } : {}),
      }));
    },

    async findKnownSourcedIds({ entity, runId, sourcedIds, ...scope }) {
      // In a real run every accepted record is an active row by now, so the roster answers almost every id;
      // only the rest (a dry run without writes, or truly unknown ids) is looked up among the seen-markers.
      return withIndexLookups(session, async (on) => {
        const active = await run<{ sourced_id: string }>(
          on,
          `SELECT sourced_id FROM ${rosterTables[entity].name}
            WHERE tenant_id = @tenant AND provider_id = @provider AND sourced_id = ANY(@ids::text[]) AND active`,
          { tenant: scope.tenantId, provider: scope.providerId, ids: sourcedIds },
        );
        const known = new Set(active.rows.map((row) => row.sourced_id));
        const unknown = sourcedIds.filter((sourcedId) => !known.has(sourcedId));
        if (unknown.length === 0) return [...known];
        const seen = await run<{ sourced_id: string }>(
          on,
          `SELECT sourced_id FROM roster_seen_markers
            WHERE run_key = ${seenRunKey} AND entity = @entity AND sourced_id = ANY(@ids::text[]) AND accepted`,
          { tenant: scope.tenantId, provider: scope.providerId, run: runId, entity, ids: unknown },
        );
        for (const row of seen.rows) known.add(row.sourced_id);
        return [...known];
      });
    },

    async findUsersByEmail({ emails, ...scope }) {
      return findUsers(scope, 'lower(btrim(person.email)) = ANY(@values::text[])', emails);
    },

    async findUsersByStudentNumber({ studentNumbers, ...scope }) {
      return findUsers(
        scope,
        "person.identifier = ANY(@values::text[]) AND person.role = 'student'",
        studentNumbers,
      );
    },

    async markSeen({ entity, runId, entries, ...scope }) {
      // Only the duplicates come back (usually none), not every inserted sourcedId.
      const duplicates = await run<{ sourced_id: string }>(
        session,
        `WITH entry AS (
           SELECT * FROM unnest(@ids::text[], @accepted::boolean[], @deleted::boolean[])
                    WITH ORDINALITY AS entry(sourced_id, accepted, deleted, position)),
         inserted AS (
           INSERT INTO roster_seen_markers (run_key, entity, sourced_id, accepted, deleted)
           SELECT ${seenRunKey}, @entity, entry.sourced_id, entry.accepted, entry.deleted FROM entry
           ON CONFLICT DO NOTHING
           RETURNING sourced_id)
         SELECT entry.sourced_id FROM entry
          WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.sourced_id = entry.sourced_id)
          ORDER BY entry.position`,
        {
          tenant: scope.tenantId,
          provider: scope.providerId,
          run: runId,
          entity,
          ids: entries.map((entry) => entry.sourcedId),
          accepted: entries.map((entry) => entry.accepted),
          deleted: entries.map((entry) => entry.deleted),
        },
      );
      return { duplicates: duplicates.rows.map((row) => row.sourced_id) };
    },

    async applyBatch({ entity, runId, creates, updates, reactivations, ...scope }) {
      if (creates.length + updates.length + reactivations.length === 0) return;
      const target = { ...scope, entity, runId };
      const createRows = toCreateRows(entity, creates);
      await session.transaction(async (on) => {
        await on.query(createBatchInputTable);
        // Empty at the start of a transaction, except inside a dry run's outer transaction.
        await on.query(`TRUNCATE ${batchInputTable}`);
        await on.copyIn(copyBatchInput, [
          ...batchInputLines('create', createRows),
          ...batchInputLines('update', updates),
          ...batchInputLines('reactivate', reactivations),
        ]);
        if (creates.length > 0) await insertRows(on, target, createRows);
        if (updates.length > 0) await rewriteRows(on, target, 'update', updates.length);
        if (reactivations.length > 0) await rewriteRows(on, target, 'reactivate', reactivations.length);
      });
    },

    async countActive({ entity, ...scope }) {
      const result = await run<{ count: number }>(
        session,
        `SELECT count(*)::int AS count FROM ${rosterTables[entity].name}
          WHERE tenant_id = @tenant AND provider_id = @provider AND active`,
        { tenant: scope.tenantId, provider: scope.providerId },
      );
      return result.rows[0]?.count ?? 0;
    },

    async hasRows({ entity, ...scope }) {
      const result = await run<{ present: boolean }>(
        session,
        `SELECT EXISTS (SELECT 1 FROM ${rosterTables[entity].name}
                         WHERE tenant_id = @tenant AND provider_id = @provider) AS present`,
        { tenant: scope.tenantId, provider: scope.providerId },
      );
      return result.rows[0]?.present ?? true;
    },

    async findDeactivationCandidates({ sampleSize, rule, entity, runId, ...scope }) {
      const result = await withSetJoins(session, (on) =>
        run<{ count: number; sample: string[] }>(
          on,
          `WITH candidates AS (${candidateRows(rosterTables[entity].name, rule)})
         SELECT (SELECT count(*) FROM candidates)::int AS count,
                ARRAY(SELECT sourced_id FROM candidates ORDER BY sourced_id ${byteOrder} LIMIT @sampleSize) AS sample`,
          { tenant: scope.tenantId, provider: scope.providerId, run: runId, entity, sampleSize },
        ),
      );
      const row = result.rows[0];
      return { count: row?.count ?? 0, sample: row?.sample ?? [] };
    },

    async deactivate({ rule, entity, runId, tenantId, providerId }) {
      return withSetJoins(session, (on) =>
        deactivateRows(
          on,
          { tenantId, providerId, entity, runId },
          { rule, markerRunId: runId, reason: rule },
        ),
      );
    },

    async holdDeactivations({ reason, rule, entity, runId, tenantId, providerId }) {
      return withSetJoins(session, async (on) => {
        const parameters = { tenant: tenantId, provider: providerId, run: runId, entity, reason };
        await run(
          on,
          `UPDATE roster_held_sets SET status = 'superseded'
            WHERE tenant_id = @tenant AND provider_id = @provider AND entity = @entity AND status = 'pending'`,
          parameters,
        );
        const held = await run<HeldSetRow>(
          on,
          `WITH candidates AS (${candidateRows(rosterTables[entity].name, rule)}),
           held AS (
             INSERT INTO roster_held_sets (tenant_id, provider_id, run_id, entity, status, count, reason)
             SELECT @tenant, @provider, @run, @entity, 'pending', (SELECT count(*) FROM candidates), @reason
             RETURNING *),
           items AS (
             INSERT INTO roster_held_items (held_id, sourced_id)
             SELECT held.id, candidates.sourced_id FROM held, candidates)
           SELECT * FROM held`,
          parameters,
        );
        return toHeldSet(held.rows[0]!);
      });
    },

    async releaseSeenFromHolds({ entity, runId, ...scope }) {
      await withSetJoins(session, (on) =>
        run(
          on,
          `DELETE FROM roster_held_items item
          USING roster_held_sets held, roster_seen_markers seen
          WHERE item.held_id = held.id
            AND held.tenant_id = @tenant AND held.provider_id = @provider AND held.entity = @entity
            AND held.status = 'pending'
            AND seen.run_key = ${seenRunKey} AND seen.entity = @entity AND seen.sourced_id = item.sourced_id
            AND NOT seen.deleted`,
          { tenant: scope.tenantId, provider: scope.providerId, run: runId, entity },
        ),
      );
    },

    async listHeldSets({ status, ...scope }) {
      const result = await run<HeldSetRow>(
        session,
        `SELECT * FROM roster_held_sets
          WHERE tenant_id = @tenant AND provider_id = @provider AND (@status::text IS NULL OR status = @status::text)
          ORDER BY seq DESC`,
        { tenant: scope.tenantId, provider: scope.providerId, status: status ?? null },
      );
      return result.rows.map(toHeldSet);
    },

    async listHeldSourcedIds({ heldId, limit, ...scope }) {
      await requireHeldSet(session, scope, heldId);
      const result = await run<{ sourced_id: string }>(
        session,
        `SELECT sourced_id FROM roster_held_items WHERE held_id = @heldId::uuid
          ORDER BY sourced_id ${byteOrder} LIMIT @limit`,
        { heldId, limit },
      );
      return result.rows.map((row) => row.sourced_id);
    },

    async approveHeldSet({ heldId, ...scope }) {
      return withSetJoins(session, async (on) => {
        const row = await requireHeldSet(on, scope, heldId, true);
        if (row.status !== 'pending') {
          return { heldSet: toHeldSet(row), deactivated: 0, cascadedEnrollments: 0, skipped: 0 };
        }
        const applied = await deactivateRows(
          on,
          { ...scope, entity: row.entity, runId: row.run_id },
          { rule: 'held', markerRunId: row.run_id, reason: 'approved', heldId },
        );
        const approved = await run<HeldSetRow>(
          on,
          `UPDATE roster_held_sets SET status = 'approved' WHERE id = @heldId::uuid RETURNING *`,
          { heldId },
        );
        return {
          heldSet: toHeldSet(approved.rows[0]!),
          ...applied,
          skipped: row.count - applied.deactivated,
        };
      });
    },

    async discardHeldSet({ heldId, ...scope }) {
      return session.transaction(async (on) => {
        const row = await requireHeldSet(on, scope, heldId, true);
        if (row.status !== 'pending') return toHeldSet(row);
        const discarded = await run<HeldSetRow>(
          on,
          `UPDATE roster_held_sets SET status = 'discarded' WHERE id = @heldId::uuid RETURNING *`,
          { heldId },
        );
        return toHeldSet(discarded.rows[0]!);
      });
    },

    async recordIssues({ runId, issues, ...scope }) {
      if (issues.length === 0) return;
      const batch = issues.map((issue) => ({
        entity: issue.entity,
        sourcedId: issue.sourcedId ?? null,
        severity: issue.severity,
        code: issue.code,
        message: issue.message,
        location: describeLocation(issue.location),
        locationJson: issue.location ?? null,
        details: issue.details ?? null,
      }));
      await run(
        session,
        `INSERT INTO sis_run_issues (run_id, tenant_id, provider_id, entity, sourced_id, severity, code, message, location, location_json, detail_json)
         SELECT @run, @tenant, @provider, item->>'entity', item->>'sourcedId', item->>'severity', item->>'code',
                item->>'message', item->>'location', nullif(item->'locationJson', 'null'::jsonb),
                nullif(item->'details', 'null'::jsonb)
           FROM jsonb_array_elements(@batch::jsonb) WITH ORDINALITY AS batch(item, position)
          ORDER BY position`,
        { run: runId, tenant: scope.tenantId, provider: scope.providerId, batch: JSON.stringify(batch) },
      );
    },

    async *listIssues({ runId, ...scope }) {
      const rows = pages<IssueRow>(
        `SELECT id::text AS id, entity, severity, code, message, sourced_id, location_json, detail_json
           FROM sis_run_issues
          WHERE run_id = @run AND tenant_id = @tenant AND provider_id = @provider AND id > @afterId::bigint
          ORDER BY id LIMIT @limit`,
        { run: runId, tenant: scope.tenantId, provider: scope.providerId },
      );
      for await (const row of rows) yield toIssue(row);
    },

    async *listChanges({ runId, ...scope }) {
      const rows = pages<ChangeRow>(
        `SELECT id::text AS id, run_id, entity, sourced_id, kind, user_id, reason, held_id
           FROM roster_changes
          WHERE run_id = @run AND tenant_id = @tenant AND provider_id = @provider AND id > @afterId::bigint
          ORDER BY id LIMIT @limit`,
        { run: runId, tenant: scope.tenantId, provider: scope.providerId },
      );
      for await (const row of rows) yield toChange(row);
    },

    async clearSeen({ runId, ...scope }) {
      await run(session, `DELETE FROM roster_seen_markers WHERE run_key = ${seenRunKey}`, {
        tenant: scope.tenantId,
        provider: scope.providerId,
        run: runId,
      });
    },
  };

  async function findUsers(
    scope: RosterScope,
    condition: string,
    values: string[],
  ): Promise<UserCandidate[]> {
    if (values.length === 0) return [];
    const result = await run<{
      user_id: string;
      email: string | null;
      student_number: string | null;
      linked: string[];
    }>(
      session,
      `SELECT person.id AS user_id, lower(btrim(person.email)) AS email,
              CASE WHEN person.role = 'student' THEN person.identifier END AS student_number,
              coalesce(array_agg(link.sourced_id ORDER BY link.sourced_id ${byteOrder})
                         FILTER (WHERE link.sourced_id IS NOT NULL), '{}') AS linked
         FROM roster_users person
         LEFT JOIN roster_user_links link
           ON link.user_id = person.id AND link.tenant_id = @tenant AND link.provider_id = @provider
        WHERE person.tenant_id = @tenant AND ${condition}
        GROUP BY person.id`,
      { tenant: scope.tenantId, provider: scope.providerId, values },
    );
    return result.rows.map((row) => ({
      userId: row.user_id,
      ...(row.email ? { email: row.email } : {}),
      ...(row.student_number ? { studentNumber: row.student_number } : {}),
      linkedSourcedIds: row.linked,
    }));
  }

  if (pool) {
    store.withRollback = <Result>(work: (scratch: RosterStore) => Promise<Result>): Promise<Result> =>
      withPooledClient(pool, async (client, markBroken) => {
        await client.query('BEGIN');
        try {
          return await work(createStoreOnSession(createClientSession(client), settings, undefined));
        } finally {
          await client.query('ROLLBACK').catch(markBroken);
        }
      });
  }
  return store;
}
