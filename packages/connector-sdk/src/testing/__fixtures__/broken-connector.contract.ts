// Run only by connector-contract.test.ts: proves the contract suite fails connectors that break the rules.
import type { RosterConnectorV1 } from '../../connector/roster-connector.js';
import type { User } from '../../model/user.js';
import { describeConnectorContract } from '../connector-contract.js';
import { createStaticConnector } from '../static-connector.js';

const user = (sourcedId: string, givenName = 'Ana'): User => ({
  sourcedId,
  status: 'active',
  raw: {},
  enabledUser: true,
  role: 'student',
  orgSourcedIds: [],
  userIds: [],
  givenName,
  familyName: 'Lee',
  agentSourcedIds: [],
  grades: [],
});

const valid = createStaticConnector({ records: { users: [user('u1'), user('u2'), user('u3')] } });

const broken: RosterConnectorV1 = {
  ...valid,
  async testConnection() {
    throw new Error('testConnection must not throw');
  },
  // Duplicates a sourcedId, yields an invalid record, and ignores the abort signal.
  async *users() {
    yield user('u1');
    yield user('u1');
    yield user('u2', '');
  },
  // Throws for a bad record instead of reporting it through onIssue.
  async *orgs() {
    yield* valid.orgs();
    throw new Error('bad org record');
  },
};

describeConnectorContract('broken connector', {
  create: async () => ({ connector: broken }),
  expectations: { skip: ['academicSessions', 'courses', 'classes', 'enrollments'], abortWithinMs: 500 },
});
