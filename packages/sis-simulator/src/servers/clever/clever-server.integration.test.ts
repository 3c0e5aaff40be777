import { afterEach, describe, expect, it } from 'vitest';
import { createDistrict } from '../../generator/create-district.js';
import { type CleverServer, startCleverServer } from './clever-server.js';
import { createCleverValidator } from './clever-swagger-validator.test-support.js';

const validate = createCleverValidator();
const servers: CleverServer[] = [];

async function start(options: Partial<Parameters<typeof startCleverServer>[0]> = {}) {
  const server = await startCleverServer({ district: createDistrict({ seed: 7, size: 'tiny' }), ...options });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Envelope {
  data: Array<{ data: Record<string, unknown> & { id: string } }>;
  links: Array<{ rel: string; uri: string }>;
}

async function get(server: CleverServer, uri: string, token = server.accessToken) {
  const response = await fetch(`${server.url}${uri}`, { headers: { authorization: `Bearer ${token}` } });
  return { response, body: (await response.json()) as Envelope & { error?: string } };
}

/** Follows `rel: next` links from `uri`, validating every page against Clever's definition. */
async function readAll(server: CleverServer, uri: string, definition?: string) {
  const ids: string[] = [];
  const records: Array<Record<string, unknown> & { id: string }> = [];
  let next: string | undefined = uri;
  let pages = 0;
  while (next) {
    const { response, body } = await get(server, next);
    expect(response.status).toBe(200);
    if (definition) expect(validate(definition, body)).toEqual([]);
    for (const link of body.links) expect(link.uri.startsWith('/v3.0/')).toBe(true);
    for (const item of body.data) {
      ids.push(item.data.id);
      records.push(item.data);
    }
    next = body.links.find((link) => link.rel === 'next')?.uri;
    pages += 1;
    if (body.data.length === 0) break;
  }
  return { ids, records, pages };
}

function expectAscendingUnique(ids: string[]) {
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
}

describe('Clever v3.0 simulator', () => {
  it('serves every collection in shapes that validate against Clever v3.0 definitions', async () => {
    const server = await start();
    const definitions = {
      districts: 'DistrictsResponse',
      schools: 'SchoolsResponse',
      sections: 'SectionsResponse',
      courses: 'CoursesResponse',
      terms: 'TermsResponse',
      users: 'UsersResponse',
    };
    for (const [collection, definition] of Object.entries(definitions)) {
      const { records } = await readAll(server, `/v3.0/${collection}?limit=5`, definition);
      expect(records.length).toBeGreaterThan(0);
      const { body } = await get(server, `/v3.0/${collection}/${records[0]!.id}`);
      expect(validate(definition.replace(/sResponse$/, 'Response'), body)).toEqual([]);
      expect(body.data).toEqual(records[0]);
    }
  });

  it('rejects a payload that breaks the definitions, so the validation can fail', () => {
    const errors = validate('UsersResponse', {
      data: [{ data: { id: 'x', roles: { student: { dob: '2012-01-31', grade: 'KG' } }, nickname: 'x' } }],
      links: [],
    });
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it('maps the roster: multi-role staff, sections with rosters, Clever grades and dob', async () => {
    const district = createDistrict({ seed: 7, size: 'tiny' });
    const server = await start({ district });
    const { records: users } = await readAll(server, '/v3.0/users?limit=100');
    const byId = new Map(users.map((user) => [user.id, user]));
    const truth = district.groundTruth();
    expect(truth.multiRoleTeacherIds.length).toBeGreaterThan(0);
    for (const id of truth.multiRoleTeacherIds) {
      expect(Object.keys(byId.get(id)!.roles as object).sort()).toEqual(['staff', 'teacher']);
    }
    const student = users.find((user) => (user.roles as { student?: unknown }).student) as unknown as {
      roles: { student: { dob: string; grade: string } };
    };
    expect(student.roles.student.dob).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    expect(student.roles.student.grade).not.toMatch(/^0\d$/);
    const { records: sections } = await readAll(server, '/v3.0/sections?limit=100');
    const enrollments = [...district.enrollments()];
    for (const section of sections) {
      const own = enrollments.filter((enrollment) => enrollment.classSourcedId === section.id);
      expect([...(section.students as string[])].sort()).toEqual(
        own
          .filter((enrollment) => enrollment.role === 'student')
          .map((enrollment) => enrollment.userSourcedId)
          .sort(),
      );
      const primary = own.find((enrollment) => enrollment.role === 'teacher' && enrollment.primary);
      expect(section.teacher).toBe(primary?.userSourcedId);
      expect(section.teachers).toContain(section.teacher);
    }
  });

  it('serves ground-truth counts at every page size without skipping or repeating a record', {
    timeout: 60_000,
  }, async () => {
    const district = createDistrict({ seed: 3, size: 'small' });
    const server = await start({ district });
    const truth = district.groundTruth();
    const classes = [...district.classes()];
    for (const limit of [97, 500, 10_000]) {
      const users = await readAll(server, `/v3.0/users?limit=${limit}`);
      expectAscendingUnique(users.ids);
      expect(users.ids.length).toBe(truth.records.users);
      expect(users.pages).toBe(Math.ceil(truth.records.users / limit));
      const sections = await readAll(server, `/v3.0/sections?limit=${limit}`);
      expectAscendingUnique(sections.ids);
      expect(sections.ids).toEqual(classes.map((roster) => roster.sourcedId).sort());
    }
    const students = await readAll(server, '/v3.0/users?role=student&limit=300');
    expect(students.ids.length).toBe(truth.usersByRole.student);
    const teachers = await readAll(server, '/v3.0/users?role=teacher&limit=300');
    expect(teachers.ids.length).toBe(truth.usersByRole.teacher);
    const schools = await readAll(server, '/v3.0/schools');
    expect(schools.ids.length).toBe(truth.counts.schools);
  });

  it('serves the nested reads (section users by role, school sections, user sections, to-one links)', async () => {
    const server = await start();
    const { records: sections } = await readAll(server, '/v3.0/sections?limit=100');
    const section = sections[0]!;
    const students = await readAll(
      server,
      `/v3.0/sections/${section.id}/users?role=student&limit=2`,
      'UsersResponse',
    );
    expect(students.ids).toEqual([...(section.students as string[])].sort());
    const teachers = await readAll(
      server,
      `/v3.0/sections/${section.id}/users?role=teacher`,
      'UsersResponse',
    );
    expect(teachers.ids).toEqual([...(section.teachers as string[])].sort());
    const { body: term } = await get(server, `/v3.0/sections/${section.id}/term`);
    expect(validate('TermResponse', term)).toEqual([]);
    expect(term.data).toMatchObject({ id: section.term_id });
    const inSchool = await readAll(server, `/v3.0/schools/${section.school}/sections`, 'SectionsResponse');
    expect(inSchool.ids).toEqual(
      sections.filter((item) => item.school === section.school).map((item) => item.id),
    );
    const student = (section.students as string[])[0]!;
    const ofStudent = await readAll(server, `/v3.0/users/${student}/sections`, 'SectionsResponse');
    expect(ofStudent.ids).toContain(section.id);
    expect((await get(server, `/v3.0/sections/${section.id}/nonsense`)).response.status).toBe(404);
    expect((await get(server, `/v3.0/sections/${section.id}/users?role=staff`)).response.status).toBe(400);
  });

  it('pages backwards with ending_before, ending_before=last and prev links', async () => {
    const server = await start();
    const all = (await readAll(server, '/v3.0/users?limit=1000')).ids;
    const { body: last } = await get(server, '/v3.0/users?ending_before=last&limit=4');
    expect(last.data.map((item) => item.data.id)).toEqual(all.slice(-4));
    const prev = last.links.find((link) => link.rel === 'prev')!.uri;
    expect(last.links.some((link) => link.rel === 'next')).toBe(false);
    const { body: before } = await get(server, prev);
    expect(before.data.map((item) => item.data.id)).toEqual(all.slice(-8, -4));
  });

  it('enforces limit bounds and bearer auth', async () => {
    const server = await start();
    const { response: tooBig } = await get(server, '/v3.0/users?limit=10001');
    expect(tooBig.status).toBe(413);
    const anonymous = await fetch(`${server.apiUrl}/users`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: expect.any(String) });
    const { response: wrong } = await get(server, '/v3.0/users', 'not-the-token');
    expect(wrong.status).toBe(401);
    const { response: missing } = await get(server, '/v3.0/users/ffffffffffffffffffffffff');
    expect(missing.status).toBe(404);
  });

  it('lists district tokens for the right client credentials only', async () => {
    const server = await start({ clientId: 'app', clientSecret: 's3cret' });
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const response = await fetch(`${server.tokensUrl}?owner_type=district`, {
      headers: { authorization: basic('app', 's3cret') },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<Record<string, unknown>>; links: unknown[] };
    expect(body.data).toEqual([
      {
        id: expect.any(String),
        created: expect.any(String),
        owner: { type: 'district', id: server.districtId },
        access_token: server.accessToken,
        scopes: expect.arrayContaining(['read:students', 'read:teachers']),
      },
    ]);
    const other = await fetch(`${server.tokensUrl}?owner_type=district&district=000000000000000000000000`, {
      headers: { authorization: basic('app', 's3cret') },
    });
    expect(((await other.json()) as { data: unknown[] }).data).toEqual([]);
    const wrong = await fetch(`${server.tokensUrl}?owner_type=district`, {
      headers: { authorization: basic('app', 'nope') },
    });
    expect(wrong.status).toBe(401);
  });

  it('sends X-RateLimit headers and answers 429 over the per-minute budget until the window resets', async () => {
    let clock = Date.UTC(2025, 8, 1, 6, 0, 10);
    const server = await start({ rateLimitPerMinute: 3, now: () => clock });
    const statuses: number[] = [];
    let lastHeaders: Headers | undefined;
    for (let request = 0; request < 4; request += 1) {
      const { response } = await get(server, '/v3.0/schools');
      statuses.push(response.status);
      lastHeaders = response.headers;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(lastHeaders!.get('x-ratelimit-limit')).toBe('3');
    expect(lastHeaders!.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(lastHeaders!.get('x-ratelimit-reset'))).toBe(Date.UTC(2025, 8, 1, 6, 1, 0) / 1000);
    expect(lastHeaders!.get('x-ratelimit-bucket')).toBeTruthy();
    clock += 60_000;
    expect((await get(server, '/v3.0/schools')).response.status).toBe(200);
    expect(server.requests.filter((entry) => entry.status === 429)).toHaveLength(1);
  });

  it('serves the day-to-day changes as events that validate, with roster changes as sections.updated', {
    timeout: 60_000,
  }, async () => {
    let clock = Date.UTC(2025, 8, 1, 6);
    const day1 = createDistrict({ seed: 11, size: 'small' });
    const server = await start({ district: day1, now: () => clock });
    const { body: newest } = await get(server, '/v3.0/events?ending_before=last&limit=1');
    expect(newest.data).toHaveLength(1);
    const cursor = newest.data[0]!.data.id;
    clock += 24 * 60 * 60 * 1000;
    const day2 = day1.nextDay();
    const { events: added } = server.setDistrict(day2);
    expect(added).toBeGreaterThan(0);
    const { records: events } = await readAll(
      server,
      `/v3.0/events?starting_after=${cursor}&limit=50`,
      'EventsResponse',
    );
    expect(events).toHaveLength(added);
    for (const event of events) expect(validate(event.type as string, event)).toEqual([]);
    const changes = day2.changesSince(day1);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    expect(count('users.created')).toBe(changes.users.counts.created);
    expect(count('users.deleted')).toBe(changes.users.counts.deleted);
    expect(count('sections.deleted')).toBe(changes.classes.counts.deleted);
    const rosterChange = events.find(
      (event) =>
        event.type === 'sections.updated' &&
        (event.data as { previous_attributes?: { students?: unknown } }).previous_attributes?.students,
    );
    expect(rosterChange).toBeDefined();
    const { records: userEvents } = await readAll(
      server,
      `/v3.0/events?starting_after=${cursor}&record_type=users`,
    );
    expect(userEvents.every((event) => (event.type as string).startsWith('users.'))).toBe(true);
    expect(userEvents.length).toBe(
      events.filter((event) => (event.type as string).startsWith('users.')).length,
    );
    const school = [...day2.orgs()].find((org) => org.type === 'school')!.sourcedId;
    const { records: schoolEvents } = await readAll(
      server,
      `/v3.0/events?starting_after=${cursor}&school=${school}`,
    );
    expect(schoolEvents.length).toBeGreaterThan(0);
    expect(schoolEvents.length).toBeLessThan(events.length);
    // A server started on day 2 with day 1 as `previous` holds the same changes after its start event.
    const fresh = await start({ district: day2, previous: day1 });
    expect(fresh.events.slice(1).map((event) => event.type)).toEqual(events.map((event) => event.type));
    // The served snapshot is day 2 now.
    const sections = await readAll(server, '/v3.0/sections?limit=10000');
    expect(sections.ids.length).toBe(day2.groundTruth().records.classes);
  });

  it('drops events after the retention window and rejects a cursor older than it with 404', async () => {
    let clock = Date.UTC(2025, 8, 1, 6);
    const day1 = createDistrict({ seed: 5, size: 'tiny' });
    const server = await start({ district: day1, now: () => clock });
    const { body: newest } = await get(server, '/v3.0/events?ending_before=last&limit=1');
    const cursor = newest.data[0]!.data.id;
    clock += 31 * 24 * 60 * 60 * 1000;
    server.setDistrict(day1.nextDay());
    const { response, body } = await get(server, `/v3.0/events?starting_after=${cursor}`);
    expect(response.status).toBe(404);
    expect(body.error).toMatch(/older than the 30-day event window/);
    const { response: unknown } = await get(server, '/v3.0/events?starting_after=000000000000000000000999');
    expect(unknown.status).toBe(404);
    const { body: all } = await get(server, '/v3.0/events?limit=10000');
    expect(all.data.length).toBeGreaterThan(0);
  });
});
