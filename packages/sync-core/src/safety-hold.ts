import type { RosterEntity } from '@aivo/connector-sdk';
import type { SyncThresholds } from './sync-options.js';

/** The default share of an entity's active rows one run may deactivate before the deactivations are held. */
export const defaultMaxDeactivatePercent = 10;

/** What the safety check decided for one entity. */
export type SafetyDecision = { hold: false } | { hold: true; reason: string };

/**
 * Decides whether an entity's deactivations must be held for review: when they exceed the threshold share of
 * its active rows, or when a full read returned no record at all for an entity that had rows (an empty feed
 * is far more often a broken export than a district that closed).
 */
export function decideSafetyHold(input: {
  entity: RosterEntity;
  candidates: number;
  activeBefore: number;
  recordsRead: number;
  mode: 'full' | 'delta';
  thresholds?: SyncThresholds;
}): SafetyDecision {
  const { entity, candidates, activeBefore, recordsRead, mode, thresholds } = input;
  if (candidates === 0) return { hold: false };
  if (mode === 'full' && recordsRead === 0) {
    return {
      hold: true,
      reason: `The source returned no ${entity} records, which would deactivate all ${candidates} active rows; held for review.`,
    };
  }
  const maxPercent =
    thresholds?.maxDeactivatePercentByEntity?.[entity] ??
    thresholds?.maxDeactivatePercent ??
    defaultMaxDeactivatePercent;
  const percent = activeBefore === 0 ? 100 : (candidates / activeBefore) * 100;
  if (percent > maxPercent) {
    return {
      hold: true,
      reason: `Deactivating ${candidates} of ${activeBefore} active ${entity} (${percent.toFixed(1)}%) exceeds the ${maxPercent}% threshold; held for review.`,
    };
  }
  return { hold: false };
}
