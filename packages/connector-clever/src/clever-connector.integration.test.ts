import {
  ApiCallError,
  DeltaCursorExpiredError,
  type Enrollment,
  type RecordIssue,
  type RosterEntity,
  type RosterRecordByEntity,
} from '@aivo/connector-sdk';
import { collect, createFakeClock, describeConnectorContract } from '@aivo/connector-sdk/testing';
import { type CleverServer, createDistrict, startCleverServer } from '@aivo/sis-simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { type CleverConnectorSettings, createCleverConnector } from './clever-connector.js';

const servers: CleverServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(options: Partial<Parameters<typeof startCleverServer>[0]> = {}) {
  const server = await startCleverServer({ district: createDistrict({ seed: 7, size: 'tiny' }), ...options });
  servers.push(server);
  return server;
}

function connectorFor(server: CleverServer, settings: Partial<CleverConnectorSettings> = {}) {
  return createCleverConnector({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    districtId: server.districtId,
    apiBaseUrl: server.url,
    oauthBaseUrl: server.url,
    ...settings,
  });
}

function apiRequests(server: CleverServer) {
  return server.requests.filter((request) => request.path.startsWith('/v3.0/'));
}

describeConnectorContract('Clever connector against the simulator', {
  create: async () => {
    const server = await startCleverServer({ district: createDistrict({ seed: 11, size: 'tiny' }) });
    return { connector: connectorFor(server, { pageSize: 7 }), cleanup: () => server.close() };
  },
  expectations: {
    nonEmpty: ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'],
    connectionSucceeds: true,
  },
});

describe('Clever connector: full reads match the generator’s ground truth', () => {
  for (const [size, pageSize] of [
    ['tiny', 3],
    ['small', 250],
    ['small', 10_000],
  ] as const) {
    it(`reads exact counts of a ${size} district with pages of ${pageSize}`, async () => {
      const district = createDistrict({ seed: 7, size });
      const truth = district.groundTruth();
      const server = await startServer({ district });
      const clever = connectorFor(server, { pageSize });
      const issues: RecordIssue[] = [];
      const onIssue = (issue: RecordIssue) => issues.push(issue);

      const users = await collect(clever.users({ onIssue }));
      const byRole = (role: string) => users.filter((user) => user.role === role).length;
      expect(byRole('student')).toBe(truth.usersByRole.student);
      expect(byRole('teacher')).toBe(truth.usersByRole.teacher);
      expect(byRole('administrator')).toBe(truth.usersByRole.administrator);
      expect(byRole('aide')).toBe(truth.usersByRole.aide);
      expect(new Set(users.map((user) => user.sourcedId)).size).toBe(users.length);

      const classes = await collect(clever.classes({ onIssue }));
      expect(classes).toHaveLength(truth.records.classes);

      const enrollments = await collect(clever.enrollments({ onIssue }));
      const enrollmentsOf = (role: string) =>
        enrollments.filter((enrollment) => enrollment.role === role).length;
      expect(enrollmentsOf('student')).toBe(truth.enrollmentsByRole.student);
      expect(enrollmentsOf('teacher')).toBe(truth.enrollmentsByRole.teacher);
      expect(enrollments.filter((enrollment) => enrollment.primary)).toHaveLength(
        truth.primaryTeacherEnrollments,
      );
      expect(new Set(enrollments.map((enrollment) => enrollment.sourcedId)).size).toBe(enrollments.length);

      const orgs = await collect(clever.orgs({ onIssue }));
      expect(orgs).toHaveLength(truth.counts.schools + 1);
      expect(issues).toEqual([]);

      // Each list took as many pages as its size needs: paging followed every next link and no more.
      const studentPages = apiRequests(server).filter((request) => request.url.includes('role=student'));
      expect(studentPages).toHaveLength(Math.ceil(truth.usersByRole.student / pageSize));
    });
  }

  it('yields each multi-role teacher once, as a teacher', async () => {
    const district = createDistrict({ seed: 7, size: 'small' });
    const multiRole = district.groundTruth().multiRoleTeacherIds;
    expect(multiRole.length).toBeGreaterThan(0);
    const server = await startServer({ district });
    const users = await collect(connectorFor(server, { pageSize: 1000 }).users());
    for (const id of multiRole) {
      expect(users.filter((user) => user.sourcedId === id).map((user) => user.role)).toEqual(['teacher']);
    }
  });

  it('matches the generator’s student records field by field', async () => {
    const district = createDistrict({ seed: 7, size: 'tiny' });
    const server = await startServer({ district });
    const users = await collect(connectorFor(server).users());
    for (const expected of district.users()) {
      if (expected.role !== 'student') continue;
      const actual = users.find((user) => user.sourcedId === expected.sourcedId);
      expect(actual).toMatchObject({
        givenName: expected.givenName,
        familyName: expected.familyName,
        email: expected.email,
        identifier: expected.identifier,
        grades: expected.grades,
      });
      expect(new Set(actual?.orgSourcedIds)).toEqual(new Set(expected.orgSourcedIds));
    }
  });
});

describe('Clever connector: auth, rate limits and failures', () => {
  it('exchanges the client credentials for the district token once, and again after the token is revoked', async () => {
    const server = await startServer();
    const clever = connectorFor(server, { pageSize: 5 });
    server.setFaults([{ kind: 'expire-token', onRequest: 3, match: (url) => url.startsWith('/v3.0/') }]);
    const users = await collect(clever.users());
    expect(users.length).toBeGreaterThan(0);
    const tokenRequests = server.requests.filter((request) => request.path === '/oauth/tokens');
    expect(tokenRequests).toHaveLength(2);
    expect(tokenRequests.every((request) => request.status === 200)).toBe(true);
    expect(apiRequests(server).filter((request) => request.status === 401)).toHaveLength(1);
  });

  it('never exceeds the server’s per-minute budget, spreading requests over windows instead', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const server = await startServer({ rateLimitPerMinute: 12, now: clock.now });
    const clever = connectorFor(server, { pageSize: 2, requestsPerMinute: 12, clock });
    const users = await collect(clever.users());
    expect(users.length).toBeGreaterThan(20);
    const requests = apiRequests(server);
    expect(requests.filter((request) => request.status === 429)).toEqual([]);
    const perWindow = new Map<number, number>();
    for (const request of requests) {
      const window = Math.floor(request.time / 60_000);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(12);
    expect(perWindow.size).toBeGreaterThan(1);
  });

  it('waits as the 429 headers say, then completes the read', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const district = createDistrict({ seed: 7, size: 'tiny' });
    const server = await startServer({ district, now: clock.now });
    server.setFaults([
      {
        kind: 'rate-limit-burst',
        count: 2,
        retryAfterSeconds: 20,
        match: (url) => url.includes('role=student'),
      },
    ]);
    const users = await collect(connectorFor(server, { pageSize: 4, clock }).users());
    expect(users.filter((user) => user.role === 'student')).toHaveLength(
      district.groundTruth().usersByRole.student,
    );
    expect(apiRequests(server).filter((request) => request.status === 429)).toHaveLength(2);
    expect(clock.sleeps.filter((milliseconds) => milliseconds >= 19_000)).toHaveLength(2);
  });

  it('throws — never returns a short list — when a page keeps failing with 500', async () => {
    const server = await startServer({ district: createDistrict({ seed: 7, size: 'small' }) });
    server.setFaults([{ kind: 'status', status: 500, match: (url) => url.includes('starting_after') }]);
    const clever = connectorFor(server, { pageSize: 100, retry: { maxRetries: 2, initialDelayMs: 1 } });
    const seen: string[] = [];
    const read = (async () => {
      for await (const enrollment of clever.enrollments()) seen.push(enrollment.sourcedId);
    })();
    await expect(read).rejects.toSatisfy((error) => ApiCallError.isInstance(error) && error.status === 500);
    expect(seen.length).toBeGreaterThan(0);
    expect(apiRequests(server).filter((request) => request.status === 500)).toHaveLength(3);
  });

  it('retries a single 500 mid-paging and still delivers everything', async () => {
    const district = createDistrict({ seed: 7, size: 'small' });
    const server = await startServer({ district });
    server.setFaults([
      { kind: 'status', status: 500, onRequest: 3, match: (url) => url.startsWith('/v3.0/sections') },
    ]);
    const classes = await collect(
      connectorFor(server, { pageSize: 50, retry: { initialDelayMs: 1 } }).classes(),
    );
    expect(classes).toHaveLength(district.groundTruth().records.classes);
  });
});

/** Applies a delta read to a snapshot keyed by sourcedId: `tobedeleted` removes, anything else replaces. */
function applyDelta<Record extends { sourcedId: string; status: string }>(
  snapshot: Map<string, Record>,
  delta: Record[],
): Map<string, Record> {
  const next = new Map(snapshot);
  for (const record of delta) {
    if (record.status === 'tobedeleted') next.delete(record.sourcedId);
    else next.set(record.sourcedId, record);
  }
  return next;
}

function comparable(entity: RosterEntity, record: RosterRecordByEntity[RosterEntity]) {
  const { raw: _raw, dateLastModified: _modified, ...rest } = record;
  if (entity === 'enrollments') {
    const { classSourcedId, userSourcedId, role, primary, schoolSourcedId } = rest as Enrollment;
    return { classSourcedId, userSourcedId, role, primary, schoolSourcedId };
  }
  return rest;
}

describe('Clever connector: deltas from the Events API', () => {
  it('day 1 + the day-2 events = a full read of day 2, for every entity', async () => {
    const day1 = createDistrict({ seed: 7, size: 'small' });
    const server = await startServer({ district: day1 });
    const clever = connectorFor(server, { pageSize: 500 });
    const cursor = await clever.deltaCursor();
    const before = new Map<RosterEntity, Map<string, RosterRecordByEntity[RosterEntity]>>();
    const entities = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;
    for (const entity of entities) {
      const records = await collect(clever[entity]() as AsyncIterable<RosterRecordByEntity[RosterEntity]>);
      before.set(entity, new Map(records.map((record) => [record.sourcedId, record])));
    }
    const { events } = server.setDistrict(day1.nextDay());
    expect(events).toBeGreaterThan(0);

    let changes = 0;
    for (const entity of entities) {
      const issues: RecordIssue[] = [];
      const delta = await collect(
        clever[entity]({ since: cursor, onIssue: (issue) => issues.push(issue) }) as AsyncIterable<
          RosterRecordByEntity[RosterEntity]
        >,
      );
      expect(issues).toEqual([]);
      changes += delta.length;
      const patched = applyDelta(before.get(entity)!, delta);
      const full = await collect(clever[entity]() as AsyncIterable<RosterRecordByEntity[RosterEntity]>);
      const expected = new Map(full.map((record) => [record.sourcedId, comparable(entity, record)]));
      const actual = new Map([...patched].map(([id, record]) => [id, comparable(entity, record)]));
      expect([...actual.keys()].sort(), `${entity} sourcedIds`).toEqual([...expected.keys()].sort());
      expect(actual, `${entity} contents`).toEqual(expected);
    }
    expect(changes).toBeGreaterThan(0);
  });

  it('takes the newest event id as the cursor, so a read right after it yields nothing', async () => {
    const server = await startServer();
    const clever = connectorFor(server);
    const cursor = await clever.deltaCursor();
    expect(cursor).toBe(server.events.at(-1)?.id);
    expect(await collect(clever.users({ since: cursor }))).toEqual([]);
  });

  it('reads changes since a time, skipping older events', async () => {
    let now = Date.parse('2025-09-01T06:00:00Z');
    const day1 = createDistrict({ seed: 7, size: 'tiny' });
    const server = await startServer({ district: day1, now: () => now });
    const clever = connectorFor(server, { clock: { now: () => now, sleep: async () => undefined } });
    now += 60_000;
    const day2 = day1.nextDay();
    server.setDistrict(day2);
    now += 60 * 60_000;
    const since = new Date(now - 30 * 60_000);
    server.setDistrict(day2.nextDay());
    const recent = await collect(clever.users({ since }));
    const all = await collect(clever.users({ since: new Date(now - 2 * 60 * 60_000) }));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
  });

  it('reports a cursor the feed no longer has as expired, so the caller runs a full sync', async () => {
    let now = Date.parse('2025-09-01T06:00:00Z');
    const day1 = createDistrict({ seed: 7, size: 'tiny' });
    const server = await startServer({ district: day1, now: () => now });
    const clever = connectorFor(server, { clock: { now: () => now, sleep: async () => undefined } });
    const cursor = await clever.deltaCursor();
    now += 31 * 24 * 60 * 60_000;
    server.setDistrict(day1.nextDay());
    await expect(collect(clever.users({ since: cursor }))).rejects.toSatisfy((error) =>
      DeltaCursorExpiredError.isInstance(error),
    );
    await expect(collect(clever.users({ since: new Date(now - 40 * 24 * 60 * 60_000) }))).rejects.toSatisfy(
      (error) => DeltaCursorExpiredError.isInstance(error),
    );
  });
});
