import { describe, expect, it } from 'vitest';
import { readHeldDeactivations, readRunProgress, readRunStats } from './read-run-details';

describe('readRunStats', () => {
  it('keeps the counts per entity and ignores other fields', () => {
    expect(
      readRunStats({
        users: { created: 3, updated: 1, deactivated: 0, issues: [{ code: 'x' }], note: 'ignored' },
        durationMs: 1200,
      }),
    ).toEqual({
      users: {
        created: 3,
        updated: 1,
        unchanged: undefined,
        deactivated: 0,
        reactivated: undefined,
        skipped: undefined,
        issues: 1,
        held: undefined,
      },
    });
    expect(readRunStats(null)).toBeNull();
  });
});

describe('readRunProgress', () => {
  it('reads entity, phase and processed records', () => {
    expect(readRunProgress({ entity: 'users', phase: 'load', processed: 500 })).toEqual({
      entity: 'users',
      phase: 'load',
      processed: 500,
      total: undefined,
      message: undefined,
    });
    expect(readRunProgress('nothing')).toBeNull();
  });
});

describe('readHeldDeactivations', () => {
  it("reads sync-core's list and a map of entity to count", () => {
    expect(
      readHeldDeactivations([
        { entity: 'users', count: 40, reason: 'over 10%', sample: ['u1'], heldId: 'h' },
      ]),
    ).toEqual([{ entity: 'users', count: 40, reason: 'over 10%', sample: ['u1'] }]);
    expect(readHeldDeactivations({ held: [{ entity: 'classes', count: 2 }] })).toEqual([
      { entity: 'classes', count: 2, reason: undefined, sample: [] },
    ]);
    expect(readHeldDeactivations({ users: 5 })).toEqual([{ entity: 'users', count: 5, sample: [] }]);
    expect(readHeldDeactivations(null)).toEqual([]);
  });
});
