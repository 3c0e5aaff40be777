import type { RecordIssue } from '@aivo/connector-sdk';
import type { SyncIssueSummary } from './sync-result.js';

const sampleLimit = 100;

/**
 * Counts every issue of a run, keeps the first few as a sample, and buffers the rest until the next flush to
 * the store, so memory stays bounded by the batch size rather than the district.
 */
export class IssueCollector {
  readonly #summary: SyncIssueSummary = { total: 0, byCode: {}, byEntity: {}, sample: [] };
  #pending: RecordIssue[] = [];

  add(issue: RecordIssue): void {
    const summary = this.#summary;
    summary.total += 1;
    summary.byCode[issue.code] = (summary.byCode[issue.code] ?? 0) + 1;
    summary.byEntity[issue.entity] = (summary.byEntity[issue.entity] ?? 0) + 1;
    if (summary.sample.length < sampleLimit) summary.sample.push(issue);
    this.#pending.push(issue);
  }

  /** Issues added since the last call. */
  takePending(): RecordIssue[] {
    const pending = this.#pending;
    this.#pending = [];
    return pending;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  summary(): SyncIssueSummary {
    return this.#summary;
  }
}
