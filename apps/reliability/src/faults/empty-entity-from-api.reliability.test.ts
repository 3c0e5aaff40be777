import { type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import {
  type CleverServer,
  createDistrict,
  type OneRosterServer,
  type SimulatedDistrict,
  startCleverServer,
  startOneRosterServer,
} from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReliabilityService, startReliabilityService } from '../support/reliability-service.js';
import { groundTruthOf, type RosterState, readRosterState } from '../support/roster-state.js';
import { createProvider, syncAndWait } from '../support/sync-through-api.js';
import type { RunView } from '../support/wait-for-run.js';

// Issue 10, fault 4, for API sources: a source answering an entity with an empty (but successful) list, or a
// district 60 % smaller, must not deactivate anything until an admin approves; approving applies exactly the
// held set. The simulator's `empty-page` fault plays the wiped entity at the wire (200, no records, no next
// page), so the connectors and the service see what a real SIS would send.
const tenantId = 'district-empty-entity';
const closers: Array<() => Promise<unknown>> = [];
let harness: ReliabilityService;
let token: string;

beforeAll(async () => {
  harness = await startReliabilityService({ syncExecution: true });
  token = await harness.token({ role: 'PLATFORM_ADMIN' });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await harness?.close();
});

async function oneRosterProvider(server: OneRosterServer, name: string): Promise<string> {
  return createProvider(harness, token, {
    tenantId,
    providerType: 'ONEROSTER_API',
    name,
    config: { baseUrl: server.baseUrl, clientId: server.clientId, clientSecret: server.clientSecret },
  });
}

async function cleverProvider(server: CleverServer, name: string): Promise<string> {
  return createProvider(harness, token, {
    tenantId,
    providerType: 'CLEVER',
    name,
    config: {
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      districtId: server.districtId,
      apiBaseUrl: server.url,
      oauthBaseUrl: server.url,
    },
  });
}

const rosterState = (providerId: string) => readRosterState(harness.service.database.pool, providerId);

const studentsOf = (district: SimulatedDistrict) =>
  [...district.users()]
    .filter((user) => user.role === 'student')
    .map((user) => user.sourcedId)
    .sort();

/**
 * The run is held: PARTIAL, HELD, nothing deactivated, everything active before still active. Rows the
 * source added since are created (creates and updates still apply), and only ids in `sourceIds`.
 */
async function expectHeldWithNothingDeactivated(
  run: RunView,
  providerId: string,
  before: RosterState,
  sourceIds?: Record<RosterEntity, Set<string>>,
): Promise<RosterState> {
  expect(run.status, run.errorMessage ?? '').toBe('PARTIAL');
  expect(run.heldStatus).toBe('HELD');
  const after = await rosterState(providerId);
  for (const entity of rosterEntities) {
    expect(after.inactive[entity], entity).toBe(0);
    expect(after.duplicates[entity], entity).toBe(0);
    const added = after.active[entity].filter((id) => !before.active[entity].includes(id));
    expect(after.active[entity].length - added.length, entity).toBe(before.active[entity].length);
    for (const id of added) expect(sourceIds?.[entity].has(id), `${entity} ${id} created`).toBe(true);
  }
  return after;
}

/** Approves the held run; from the roster as it stood while held (`before`), exactly `dropped` goes inactive. */
async function approveAndExpectExactly(
  run: RunView,
  providerId: string,
  before: RosterState,
  dropped: Record<RosterEntity, string[]>,
) {
  for (const entity of rosterEntities)
    for (const id of dropped[entity]) expect(before.active[entity], entity).toContain(id);
  const approve = await harness.request(`/api/v1/runs/${run.id}/held/approve`, { method: 'POST', token });
  expect(approve.status, await approve.clone().text()).toBe(200);
  const after = await rosterState(providerId);
  for (const entity of rosterEntities) {
    const expectedActive = before.active[entity].filter((id) => !dropped[entity].includes(id));
    expect(after.active[entity], entity).toEqual(expectedActive);
    expect(after.inactive[entity], entity).toBe(dropped[entity].length);
    expect(after.duplicates[entity], entity).toBe(0);
  }
  const again = await harness.request(`/api/v1/runs/${run.id}/held/approve`, { method: 'POST', token });
  expect(again.status).toBe(409);
}

describe('an API source serves an empty entity', () => {
  it('OneRoster REST answering /users with an empty list: held, nothing deactivated; approval deactivates exactly the users and their enrollments; the next good run restores them', async () => {
    const district = createDistrict({ seed: 7070, size: 'tiny' });
    const truth = groundTruthOf(district);
    const server = await startOneRosterServer({ district });
    closers.push(() => server.close());
    const providerId = await oneRosterProvider(server, 'Users wiped');
    const first = await syncAndWait(harness, token, providerId);
    expect(first.status, first.errorMessage ?? '').toBe('SUCCESS');
    const before = await rosterState(providerId);
    expect(before.active).toEqual(truth);

    server.setFaults([{ kind: 'empty-page', match: (_url, request) => request.path.endsWith('/users') }]);
    const held = await syncAndWait(harness, token, providerId);
    await expectHeldWithNothingDeactivated(held, providerId, before);

    // Deactivating a user deactivates its enrollments: every enrollment of the district belongs to a user.
    await approveAndExpectExactly(held, providerId, before, {
      ...emptyPerEntity(),
      users: truth.users,
      enrollments: truth.enrollments,
    });

    server.setFaults([]);
    const restored = await syncAndWait(harness, token, providerId);
    expect(restored.status, restored.errorMessage ?? '').toBe('SUCCESS');
    expect((await rosterState(providerId)).active).toEqual(truth);
  });

  it('Clever answering /users?role=student with an empty list: held, nothing deactivated; approval deactivates exactly the students and their enrollments', async () => {
    const district = createDistrict({ seed: 7171, size: 'tiny' });
    const students = studentsOf(district);
    const server = await startCleverServer({ district });
    closers.push(() => server.close());
    const providerId = await cleverProvider(server, 'Students wiped');
    const first = await syncAndWait(harness, token, providerId);
    expect(first.status, first.errorMessage ?? '').toBe('SUCCESS');
    const before = await rosterState(providerId);
    for (const student of students) expect(before.active.users).toContain(student);

    server.setFaults([
      { kind: 'empty-page', match: (url) => url.startsWith('/v3.0/users?') && url.includes('role=student') },
    ]);
    const held = await syncAndWait(harness, token, providerId);
    await expectHeldWithNothingDeactivated(held, providerId, before);

    const studentSet = new Set(students);
    // Clever enrollment ids are `${sectionId}-${userId}-${role}`.
    const studentEnrollments = before.active.enrollments.filter((id) => id.endsWith('-student'));
    expect(studentEnrollments.length).toBeGreaterThan(0);
    await approveAndExpectExactly(held, providerId, before, {
      ...emptyPerEntity(),
      users: before.active.users.filter((id) => studentSet.has(id)),
      enrollments: studentEnrollments,
    });
  });
});

describe('an API source serves a 60%-smaller district', () => {
  it('Clever: held with nothing deactivated; approval deactivates exactly what the smaller district dropped', async () => {
    const full = createDistrict({ seed: 7272, size: 'tiny' });
    const smaller = createDistrict({
      seed: 7272,
      size: {
        schools: 2,
        students: 8,
        teachers: 3,
        classes: 6,
        administrators: 1,
        aides: 1,
        guardians: 6,
        courses: 3,
      },
    });
    const server = await startCleverServer({ district: full });
    closers.push(() => server.close());
    const providerId = await cleverProvider(server, 'Shrinking Clever');
    const first = await syncAndWait(harness, token, providerId);
    expect(first.status, first.errorMessage ?? '').toBe('SUCCESS');
    const before = await rosterState(providerId);
    // Clever serves a subset of the generator's records (no guardians; a multi-role teacher once), under the
    // generator's sourcedIds; its enrollments are `${sectionId}-${userId}-${role}`.
    const fullIds = cleverIdsOf(full);
    const smallerIds = cleverIdsOf(smaller);
    for (const entity of rosterEntities) {
      expect(before.active[entity].length, entity).toBeGreaterThan(0);
      for (const id of before.active[entity]) expect(fullIds[entity].has(id), `${entity} ${id}`).toBe(true);
    }

    server.setDistrict(smaller);
    const held = await syncAndWait(harness, token, providerId);
    const afterHold = await expectHeldWithNothingDeactivated(held, providerId, before, smallerIds);

    const dropped = Object.fromEntries(
      rosterEntities.map((entity) => [
        entity,
        before.active[entity].filter((id) => !smallerIds[entity].has(id)),
      ]),
    ) as Record<RosterEntity, string[]>;
    expect(dropped.users.length / before.active.users.length).toBeGreaterThan(0.5);
    await approveAndExpectExactly(held, providerId, afterHold, dropped);
  });
});

/** The ids a Clever source would use for the generator's records (a superset: Clever omits some users). */
function cleverIdsOf(district: SimulatedDistrict): Record<RosterEntity, Set<string>> {
  const truth = groundTruthOf(district);
  const ids = Object.fromEntries(rosterEntities.map((entity) => [entity, new Set(truth[entity])])) as Record<
    RosterEntity,
    Set<string>
  >;
  ids.enrollments = new Set(
    [...district.enrollments()].map(
      (enrollment) => `${enrollment.classSourcedId}-${enrollment.userSourcedId}-${enrollment.role}`,
    ),
  );
  return ids;
}

function emptyPerEntity(): Record<RosterEntity, string[]> {
  return Object.fromEntries(rosterEntities.map((entity) => [entity, []])) as unknown as Record<
    RosterEntity,
    string[]
  >;
}
