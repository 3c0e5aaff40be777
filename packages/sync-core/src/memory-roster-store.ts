import { randomUUID } from 'node:crypto';
import type { RecordIssue, RosterEntity } from '@aivo/connector-sdk';
import { normalizeEmail } from './normalize-email.js';
import type {
  DeactivationSelection,
  HeldSet,
  RosterChange,
  RosterScope,
  RosterStore,
  RowWrite,
  SeenEntry,
  StoredRecord,
  StoredRow,
  UserCandidate,
} from './roster-store.js';

/** Settings of {@link createMemoryRosterStore}; inject ids and a clock for deterministic tests. */
export interface MemoryRosterStoreSettings {
  /** Makes ids for new platform users and held sets. Default: `crypto.randomUUID`. */
  createId?: () => string;
  /** The clock used for `HeldSet.createdAt`. Default: the system clock. */
  now?: () => Date;
}

interface MemoryRow {
  sourcedId: string;
  active: boolean;
  contentHash: string;
  record: StoredRecord;
  userId?: string;
  deactivatedByRunId?: string;
}

interface PlatformUser {
  userId: string;
  tenantId: string;
  email?: string;
  studentNumber?: string;
  givenName?: string;
  familyName?: string;
  role?: string;
  /** `providerId\u0000sourcedId` of every link to this user. */
  links: Set<string>;
}

interface MemoryHeldSet {
  heldSet: HeldSet;
  items: Set<string>;
}

/** A row of the memory store as a test sees it, through {@link MemoryRosterStore.snapshot}. */
export interface MemoryRowSnapshot {
  tenantId: string;
  providerId: string;
  entity: RosterEntity;
  sourcedId: string;
  active: boolean;
  contentHash: string;
  record: StoredRecord;
  userId?: string;
  deactivatedByRunId?: string;
}

/** The in-memory {@link RosterStore}, plus a snapshot for tests. */
export interface MemoryRosterStore extends RosterStore {
  /** Every roster row (deep copies), sorted by tenant, provider, entity and sourcedId. */
  snapshot(): MemoryRowSnapshot[];
}

const separator = '\u0000';

function replaceContent<Key, Value>(target: Map<Key, Value>, source: Map<Key, Value>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

function scopeKey(scope: RosterScope, ...parts: string[]): string {
  return [scope.tenantId, scope.providerId, ...parts].join(separator);
}

/** Person fields a user record refreshes on its platform user. */
function personFields(record: StoredRecord): Partial<PlatformUser> {
  const user = record as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    email: normalizeEmail(text(user.email)),
    studentNumber: user.role === 'student' ? text(user.identifier) : undefined,
    givenName: text(user.givenName),
    familyName: text(user.familyName),
    role: text(user.role),
  };
}

/**
 * An in-memory {@link RosterStore} for tests, demos and library users who keep their roster elsewhere. It
 * follows the same contract as the PostgreSQL store (it passes `describeRosterStoreContract`), but keeps
 * everything in process memory: not for production districts.
 *
 * @example
 * const store = createMemoryRosterStore();
 * const result = await runSync({ connector, store, tenantId: 't1', providerId: 'p1', runId: 'r1', mode: 'full' });
 */
export function createMemoryRosterStore(settings: MemoryRosterStoreSettings = {}): MemoryRosterStore {
  const createId = settings.createId ?? randomUUID;
  const now = settings.now ?? (() => new Date());
  const rowGroups = new Map<string, Map<string, MemoryRow>>();
  const users = new Map<string, PlatformUser>();
  const seenByRun = new Map<string, Map<string, SeenEntry>>();
  const heldSets = new Map<string, MemoryHeldSet>();
  const changesByRun = new Map<string, RosterChange[]>();
  const issuesByRun = new Map<string, RecordIssue[]>();

  function rowGroup(scope: RosterScope, entity: RosterEntity): Map<string, MemoryRow> {
    const key = scopeKey(scope, entity);
    let group = rowGroups.get(key);
    if (!group) {
      group = new Map();
      rowGroups.set(key, group);
    }
    return group;
  }

  function seenEntries(scope: RosterScope, entity: RosterEntity, runId: string): Map<string, SeenEntry> {
    const key = scopeKey(scope, runId, entity);
    let entries = seenByRun.get(key);
    if (!entries) {
      entries = new Map();
      seenByRun.set(key, entries);
    }
    return entries;
  }

  function appendChanges(scope: RosterScope, runId: string, changes: RosterChange[]): void {
    const key = scopeKey(scope, runId);
    const list = changesByRun.get(key) ?? [];
    list.push(...changes);
    changesByRun.set(key, list);
  }

  function candidates(selection: DeactivationSelection): MemoryRow[] {
    const seen = seenEntries(selection, selection.entity, selection.runId);
    const selected: MemoryRow[] = [];
    for (const row of rowGroup(selection, selection.entity).values()) {
      if (!row.active) continue;
      const entry = seen.get(row.sourcedId);
      const isCandidate = selection.rule === 'absent' ? !entry || entry.deleted : entry?.deleted === true;
      if (isCandidate) selected.push(row);
    }
    return selected;
  }

  function candidateUsers(scope: RosterScope, matches: (user: PlatformUser) => boolean): UserCandidate[] {
    const found: UserCandidate[] = [];
    for (const user of users.values()) {
      if (user.tenantId !== scope.tenantId || !matches(user)) continue;
      const linkedSourcedIds: string[] = [];
      for (const link of user.links) {
        const [providerId, sourcedId] = link.split(separator) as [string, string];
        if (providerId === scope.providerId) linkedSourcedIds.push(sourcedId);
      }
      found.push({
        userId: user.userId,
        ...(user.email ? { email: user.email } : {}),
        ...(user.studentNumber ? { studentNumber: user.studentNumber } : {}),
        linkedSourcedIds: linkedSourcedIds.sort(),
      });
    }
    return found;
  }

  /** Deactivates rows and cascades to enrollments; returns the counts. */
  function deactivateRows(
    scope: RosterScope,
    entity: RosterEntity,
    rows: MemoryRow[],
    change: { runId: string; reason: string; heldId?: string },
  ): { deactivated: number; cascadedEnrollments: number } {
    const changes: RosterChange[] = [];
    const note = (row: MemoryRow, rowEntity: RosterEntity, reason: string) => {
      row.active = false;
      row.deactivatedByRunId = change.runId;
      changes.push({
        runId: change.runId,
        entity: rowEntity,
        sourcedId: row.sourcedId,
        action: 'deactivated',
        reason,
        ...(row.userId ? { userId: row.userId } : {}),
        ...(change.heldId ? { heldId: change.heldId } : {}),
      });
    };
    for (const row of rows) note(row, entity, change.reason);
    let cascadedEnrollments = 0;
    const referenceField =
      entity === 'classes' ? 'classSourcedId' : entity === 'users' ? 'userSourcedId' : null;
    if (referenceField && rows.length > 0) {
      const gone = new Set(rows.map((row) => row.sourcedId));
      for (const enrollment of rowGroup(scope, 'enrollments').values()) {
        const target = (enrollment.record as Record<string, unknown>)[referenceField];
        if (enrollment.active && typeof target === 'string' && gone.has(target)) {
          note(enrollment, 'enrollments', 'cascade');
          cascadedEnrollments += 1;
        }
      }
    }
    appendChanges(scope, change.runId, changes);
    return { deactivated: rows.length, cascadedEnrollments };
  }

  function writeUser(row: MemoryRow): void {
    const user = row.userId ? users.get(row.userId) : undefined;
    if (!user) return;
    // Keep what another provider told us when this record leaves a field blank.
    for (const [field, value] of Object.entries(personFields(row.record))) {
      if (value !== undefined) (user as unknown as Record<string, unknown>)[field] = value;
    }
  }

  function requireHeldSet(scope: RosterScope, heldId: string): MemoryHeldSet {
    const held = heldSets.get(heldId);
    if (!held || held.heldSet.tenantId !== scope.tenantId || held.heldSet.providerId !== scope.providerId) {
      throw new Error(`Held set ${heldId} not found for this tenant and provider`);
    }
    return held;
  }

  const store: MemoryRosterStore = {
    async findRows({ entity, sourcedIds, ...scope }): Promise<StoredRow[]> {
      const group = rowGroup(scope, entity);
      const found: StoredRow[] = [];
      for (const sourcedId of new Set(sourcedIds)) {
        const row = group.get(sourcedId);
        if (!row) continue;
        found.push({
          sourcedId: row.sourcedId,
          active: row.active,
          contentHash: row.contentHash,
          ...(row.userId ? { userId: row.userId } : {}),
        });
      }
      return found;
    },

    async findKnownSourcedIds({ entity, runId, sourcedIds, ...scope }) {
      const group = rowGroup(scope, entity);
      const seen = seenEntries(scope, entity, runId);
      return [...new Set(sourcedIds)].filter(
        (sourcedId) => group.get(sourcedId)?.active === true || seen.get(sourcedId)?.accepted === true,
      );
    },

    async findUsersByEmail({ emails, ...scope }) {
      const wanted = new Set(emails);
      return candidateUsers(scope, (user) => user.email !== undefined && wanted.has(user.email));
    },

    async findUsersByStudentNumber({ studentNumbers, ...scope }) {
      const wanted = new Set(studentNumbers);
      return candidateUsers(
        scope,
        (user) => user.studentNumber !== undefined && wanted.has(user.studentNumber),
      );
    },

    async markSeen({ entity, runId, entries, ...scope }) {
      const seen = seenEntries(scope, entity, runId);
      const duplicates: string[] = [];
      for (const entry of entries) {
        if (seen.has(entry.sourcedId)) duplicates.push(entry.sourcedId);
        else seen.set(entry.sourcedId, { ...entry });
      }
      return { duplicates };
    },

    async applyBatch({ entity, runId, creates, updates, reactivations, ...scope }) {
      const group = rowGroup(scope, entity);
      // Check everything first so a bad batch changes nothing, as one transaction would.
      for (const create of creates) {
        if (group.has(create.sourcedId)) {
          throw new Error(`Cannot create ${entity} ${create.sourcedId}: a row with that sourcedId exists`);
        }
        if (create.userId && users.get(create.userId)?.tenantId !== scope.tenantId) {
          throw new Error(
            `Cannot link ${entity} ${create.sourcedId}: platform user ${create.userId} not found in this tenant`,
          );
        }
      }
      for (const write of [...updates, ...reactivations]) {
        if (!group.has(write.sourcedId)) {
          throw new Error(`Cannot update ${entity} ${write.sourcedId}: no such row`);
        }
      }
      const changes: RosterChange[] = [];
      for (const create of creates) {
        const row: MemoryRow = {
          sourcedId: create.sourcedId,
          active: true,
          contentHash: create.contentHash,
          record: structuredClone(create.record),
        };
        if (entity === 'users') {
          let user = create.userId ? users.get(create.userId) : undefined;
          if (!user) {
            user = { userId: createId(), tenantId: scope.tenantId, links: new Set() };
            users.set(user.userId, user);
          }
          user.links.add([scope.providerId, create.sourcedId].join(separator));
          row.userId = user.userId;
        }
        group.set(row.sourcedId, row);
        writeUser(row);
        changes.push({
          runId,
          entity,
          sourcedId: row.sourcedId,
          action: 'created',
          ...(row.userId ? { userId: row.userId } : {}),
          ...(create.matchedBy ? { reason: create.matchedBy } : {}),
        });
      }
      const rewrite = (write: RowWrite, action: 'updated' | 'reactivated') => {
        const row = group.get(write.sourcedId)!;
        row.record = structuredClone(write.record);
        row.contentHash = write.contentHash;
        row.active = true;
        delete row.deactivatedByRunId;
        writeUser(row);
        changes.push({
          runId,
          entity,
          sourcedId: row.sourcedId,
          action,
          ...(row.userId ? { userId: row.userId } : {}),
        });
      };
      for (const update of updates) rewrite(update, 'updated');
      for (const reactivation of reactivations) rewrite(reactivation, 'reactivated');
      appendChanges(scope, runId, changes);
    },

    async countActive({ entity, ...scope }) {
      let count = 0;
      for (const row of rowGroup(scope, entity).values()) if (row.active) count += 1;
      return count;
    },

    async hasRows({ entity, ...scope }) {
      return rowGroup(scope, entity).size > 0;
    },

    async findDeactivationCandidates({ sampleSize, ...selection }) {
      const selected = candidates(selection);
      return {
        count: selected.length,
        sample: selected
          .map((row) => row.sourcedId)
          .sort()
          .slice(0, sampleSize),
      };
    },

    async deactivate(selection) {
      return deactivateRows(selection, selection.entity, candidates(selection), {
        runId: selection.runId,
        reason: selection.rule,
      });
    },

    async holdDeactivations({ reason, ...selection }) {
      const { tenantId, providerId, entity, runId } = selection;
      for (const held of heldSets.values()) {
        const set = held.heldSet;
        if (
          set.tenantId === tenantId &&
          set.providerId === providerId &&
          set.entity === entity &&
          set.status === 'pending'
        ) {
          set.status = 'superseded';
        }
      }
      const items = new Set(candidates(selection).map((row) => row.sourcedId));
      const heldSet: HeldSet = {
        heldId: createId(),
        tenantId,
        providerId,
        runId,
        entity,
        status: 'pending',
        count: items.size,
        reason,
        createdAt: now().toISOString(),
      };
      heldSets.set(heldSet.heldId, { heldSet, items });
      return { ...heldSet };
    },

    async releaseSeenFromHolds({ entity, runId, ...scope }) {
      const seen = seenEntries(scope, entity, runId);
      for (const held of heldSets.values()) {
        const set = held.heldSet;
        if (
          set.tenantId !== scope.tenantId ||
          set.providerId !== scope.providerId ||
          set.entity !== entity ||
          set.status !== 'pending'
        ) {
          continue;
        }
        for (const sourcedId of held.items) {
          const entry = seen.get(sourcedId);
          if (entry && !entry.deleted) held.items.delete(sourcedId);
        }
      }
    },

    async listHeldSets({ status, ...scope }) {
      return [...heldSets.values()]
        .map((held) => held.heldSet)
        .filter(
          (set) =>
            set.tenantId === scope.tenantId &&
            set.providerId === scope.providerId &&
            (status === undefined || set.status === status),
        )
        .reverse()
        .map((set) => ({ ...set }));
    },

    async listHeldSourcedIds({ heldId, limit, ...scope }) {
      return [...requireHeldSet(scope, heldId).items].sort().slice(0, limit);
    },

    async approveHeldSet({ heldId, ...scope }) {
      const held = requireHeldSet(scope, heldId);
      const set = held.heldSet;
      if (set.status !== 'pending') {
        return { heldSet: { ...set }, deactivated: 0, cascadedEnrollments: 0, skipped: 0 };
      }
      const group = rowGroup(scope, set.entity);
      const rows = [...held.items]
        .map((sourcedId) => group.get(sourcedId))
        .filter((row): row is MemoryRow => row?.active === true);
      const result = deactivateRows(scope, set.entity, rows, {
        runId: set.runId,
        reason: 'approved',
        heldId,
      });
      set.status = 'approved';
      return { heldSet: { ...set }, ...result, skipped: set.count - rows.length };
    },

    async discardHeldSet({ heldId, ...scope }) {
      const set = requireHeldSet(scope, heldId).heldSet;
      if (set.status === 'pending') set.status = 'discarded';
      return { ...set };
    },

    async recordIssues({ runId, issues, ...scope }) {
      const key = scopeKey(scope, runId);
      const list = issuesByRun.get(key) ?? [];
      list.push(...issues.map((issue) => structuredClone(issue)));
      issuesByRun.set(key, list);
    },

    async *listIssues({ runId, ...scope }) {
      for (const issue of issuesByRun.get(scopeKey(scope, runId)) ?? []) yield structuredClone(issue);
    },

    async *listChanges({ runId, ...scope }) {
      for (const change of changesByRun.get(scopeKey(scope, runId)) ?? []) yield { ...change };
    },

    async clearSeen({ runId, ...scope }) {
      const prefix = scopeKey(scope, runId) + separator;
      for (const key of [...seenByRun.keys()]) if (key.startsWith(prefix)) seenByRun.delete(key);
    },

    async withRollback(work) {
      // Not isolated like a database transaction: do not use the store for anything else meanwhile.
      const saved = structuredClone({ rowGroups, users, seenByRun, heldSets, changesByRun, issuesByRun });
      try {
        return await work(store);
      } finally {
        replaceContent(rowGroups, saved.rowGroups);
        replaceContent(users, saved.users);
        replaceContent(seenByRun, saved.seenByRun);
        replaceContent(heldSets, saved.heldSets);
        replaceContent(changesByRun, saved.changesByRun);
        replaceContent(issuesByRun, saved.issuesByRun);
      }
    },

    snapshot() {
      const rows: MemoryRowSnapshot[] = [];
      for (const [key, group] of rowGroups) {
        const [tenantId, providerId, entity] = key.split(separator) as [string, string, RosterEntity];
        for (const row of group.values()) {
          rows.push({ tenantId, providerId, entity, ...structuredClone(row) });
        }
      }
      const order = (row: MemoryRowSnapshot) =>
        [row.tenantId, row.providerId, row.entity, row.sourcedId].join(separator);
      return rows.sort((left, right) =>
        order(left) < order(right) ? -1 : order(left) > order(right) ? 1 : 0,
      );
    },
  };
  return store;
}
