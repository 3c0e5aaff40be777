import { describe, expect, it } from 'vitest';
import type { RecordIssue } from '../model/record-issue.js';
import { rosterEntities } from '../model/roster-entity.js';
import { collect } from './collect.js';
import { describeConnectorContract } from './connector-contract.js';
import { createStaticConnector } from './static-connector.js';

const issue: RecordIssue = {
  entity: 'users',
  severity: 'error',
  code: 'invalid_record',
  message: 'Invalid users record u9: role must be one of …',
  sourcedId: 'u9',
};

function sample() {
  return createStaticConnector({
    records: {
      orgs: [
        { sourcedId: 'd1', status: 'active', raw: {}, name: 'District', type: 'district' },
        { sourcedId: 's1', status: 'active', raw: {}, name: 'School', type: 'school', parentSourcedId: 'd1' },
      ],
      users: [
        {
          sourcedId: 'u1',
          status: 'active',
          raw: {},
          enabledUser: true,
          role: 'student',
          orgSourcedIds: ['s1'],
          userIds: [],
          givenName: 'Ana',
          familyName: 'Lee',
          agentSourcedIds: [],
          grades: ['09'],
        },
        {
          sourcedId: 'u2',
          status: 'active',
          raw: {},
          enabledUser: true,
          role: 'teacher',
          orgSourcedIds: ['s1'],
          userIds: [],
          givenName: 'Bo',
          familyName: 'Ng',
          agentSourcedIds: [],
          grades: [],
        },
      ],
    },
    issues: [issue],
  });
}

describeConnectorContract('createStaticConnector', {
  create: async () => ({ connector: sample() }),
  expectations: { nonEmpty: ['orgs', 'users'], reportsIssues: true, connectionSucceeds: true },
});

describe('createStaticConnector', () => {
  it('throws mid-read at a configured failure, after the records before it', async () => {
    const connector = createStaticConnector({
      records: { orgs: await collect(sample().orgs()) },
      failures: [{ entity: 'orgs', afterRecords: 1 }],
    });
    const seen: string[] = [];
    await expect(async () => {
      for await (const org of connector.orgs()) seen.push(org.sourcedId);
    }).rejects.toThrow(/Simulated failure reading orgs after 1 records/);
    expect(seen).toEqual(['d1']);
  });

  it('throws on an aborted signal even for an entity without records', async () => {
    const connector = sample();
    for (const entity of rosterEntities) {
      const read: AsyncIterable<unknown> = connector[entity]({ signal: AbortSignal.abort() });
      await expect(collect(read)).rejects.toMatchObject({
        name: 'AbortError',
      });
    }
  });
});
