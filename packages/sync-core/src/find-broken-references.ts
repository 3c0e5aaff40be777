import type { RecordIssue, RosterEntity, RosterRecord } from '@aivo/connector-sdk';
import type { RosterScope, RosterStore } from './roster-store.js';

/** The references sync-core checks: a class's school, an enrollment's class and user. */
const referenceRules: Partial<
  Record<RosterEntity, { field: string; target: RosterEntity; label: string }[]>
> = {
  classes: [{ field: 'schoolSourcedId', target: 'orgs', label: 'school' }],
  enrollments: [
    { field: 'classSourcedId', target: 'classes', label: 'class' },
    { field: 'userSourcedId', target: 'users', label: 'user' },
  ],
};

/**
 * Checks the references of a batch with one store call per target entity, and returns an issue for each record
 * that points at a row this provider does not hold (nor read, accepted, earlier in this run).
 */
export async function findBrokenReferences(input: {
  store: RosterStore;
  scope: RosterScope;
  runId: string;
  entity: RosterEntity;
  records: RosterRecord[];
}): Promise<Map<string, RecordIssue>> {
  const { store, scope, runId, entity, records } = input;
  const broken = new Map<string, RecordIssue>();
  for (const rule of referenceRules[entity] ?? []) {
    const referenced = new Set<string>();
    for (const record of records) {
      const target = (record as unknown as Record<string, unknown>)[rule.field];
      if (typeof target === 'string') referenced.add(target);
    }
    if (referenced.size === 0) continue;
    const known = new Set(
      await store.findKnownSourcedIds({ ...scope, entity: rule.target, runId, sourcedIds: [...referenced] }),
    );
    for (const record of records) {
      const target = (record as unknown as Record<string, unknown>)[rule.field];
      if (typeof target !== 'string' || known.has(target) || broken.has(record.sourcedId)) continue;
      broken.set(record.sourcedId, {
        entity,
        severity: 'error',
        code: 'unknown_reference',
        sourcedId: record.sourcedId,
        message: `${entity} ${record.sourcedId} points at ${rule.label} ${target}, which is not an active ${rule.label} of this provider (missing from the source, deactivated, or skipped earlier in this run); the record was skipped.`,
        details: [{ path: rule.field, message: `unknown ${rule.label} ${target}` }],
      });
    }
  }
  return broken;
}
