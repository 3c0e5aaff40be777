export { contentHash, toStoredRecord } from './content-hash.js';
export type { ApproveHeldResult, HeldSelector } from './held-deactivations.js';
export { approveHeld, discardHeld } from './held-deactivations.js';
export type {
  MemoryRosterStore,
  MemoryRosterStoreSettings,
  MemoryRowSnapshot,
} from './memory-roster-store.js';
export { createMemoryRosterStore } from './memory-roster-store.js';
export { normalizeEmail } from './normalize-email.js';
export type {
  DeactivationRule,
  DeactivationSelection,
  HeldSet,
  HeldSetApplication,
  HeldSetStatus,
  RosterChange,
  RosterScope,
  RosterStore,
  RowCreate,
  RowWrite,
  SeenEntry,
  StoredRecord,
  StoredRow,
  UserCandidate,
} from './roster-store.js';
export { defaultBatchSize, runSync } from './run-sync.js';
export type { SafetyDecision } from './safety-hold.js';
export { decideSafetyHold, defaultMaxDeactivatePercent } from './safety-hold.js';
export type { SyncBatch, SyncLogger, SyncOptions, SyncProgress, SyncThresholds } from './sync-options.js';
export type {
  HeldDeactivations,
  PlannedChange,
  SyncIssueSummary,
  SyncResult,
  SyncStatus,
} from './sync-result.js';
export type { EntityStats, StatsKey, SyncStats } from './sync-stats.js';
export { createEmptyStats, statsKeyByEntity } from './sync-stats.js';
