import type { RecordIssue } from '@aivo/connector-sdk';
import type { SyncIssueSummary } from './sync-result.js';

const sampleLimit = 100;

/**
 * Issues waiting for the store beyond this are counted but not stored: a source whose every row is invalid
 * yields no record (so no batch) while reporting an issue per row, and memory must stay bounded.
 */
export const maxPendingIssues = 10_000;

/**
 * Counts every issue of a run, keeps the first few as a sample, and buffers the rest until the next flush to
 * the store, so memory stays bounded by the batch size rather than the district.
 */
export class IssueCollector {
  readonly #summary: SyncIssueSummary = { total: 0, byCode: {}, byEntity: {}, sample: [] };
  #pending: RecordIssue[] = [];
  #dropped: RecordIssue[] = [];
  #droppedCount = 0;

  add(issue: RecordIssue): void {
    const summary = this.#summary;
    summary.total += 1;
    summary.byCode[issue.code] = (summary.byCode[issue.code] ?? 0) + 1;
    summary.byEntity[issue.entity] = (summary.byEntity[issue.entity] ?? 0) + 1;
    if (summary.sample.length < sampleLimit) summary.sample.push(issue);
    if (this.#pending.length < maxPendingIssues) {
      this.#pending.push(issue);
    } else {
      this.#droppedCount += 1;
      if (this.#dropped.length === 0) this.#dropped.push(issue);
    }
  }

  /** Issues added since the last call. */
  takePending(): RecordIssue[] {
    const pending = this.#pending;
    const first = this.#dropped[0];
    if (first) {
      pending.push({
        entity: first.entity,
        severity: 'warning',
        code: 'issues_not_recorded',
        message: `${this.#droppedCount} more ${first.entity} issues arrived before they could be stored and were only counted; the first was: ${first.message}`,
      });
    }
    this.#pending = [];
    this.#dropped = [];
    this.#droppedCount = 0;
    return pending;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  summary(): SyncIssueSummary {
    return this.#summary;
  }
}
