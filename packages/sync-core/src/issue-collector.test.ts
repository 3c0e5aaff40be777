import type { RecordIssue } from '@aivo/connector-sdk';
import { describe, expect, it } from 'vitest';
import { IssueCollector, maxPendingIssues } from './issue-collector.js';

const issue = (index: number): RecordIssue => ({
  entity: 'users',
  severity: 'error',
  code: 'invalid_record',
  message: `row ${index} is bad`,
});

describe('IssueCollector', () => {
  it('counts every issue, samples the first 100 and hands pending ones over once', () => {
    const collector = new IssueCollector();
    for (let index = 0; index < 150; index += 1) collector.add(issue(index));
    expect(collector.summary()).toMatchObject({
      total: 150,
      byCode: { invalid_record: 150 },
      byEntity: { users: 150 },
    });
    expect(collector.summary().sample).toHaveLength(100);
    expect(collector.takePending()).toHaveLength(150);
    expect(collector.takePending()).toEqual([]);
  });

  it('bounds memory: issues beyond the pending limit are counted and summarized, not kept', () => {
    const collector = new IssueCollector();
    for (let index = 0; index < maxPendingIssues + 5; index += 1) collector.add(issue(index));
    const pending = collector.takePending();
    expect(pending).toHaveLength(maxPendingIssues + 1);
    expect(pending.at(-1)).toMatchObject({
      code: 'issues_not_recorded',
      message: expect.stringContaining(`5 more users issues`),
    });
    expect(collector.summary().total).toBe(maxPendingIssues + 5);
  });
});
