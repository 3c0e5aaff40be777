import {
  buildOAuth1AuthorizationHeader,
  createOAuth1Signature,
  signOAuth1Request,
} from '@aivo/connector-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createDistrict } from '../../generator/create-district.js';
import {
  type OneRosterServer,
  type OneRosterServerOptions,
  startOneRosterServer,
} from './oneroster-server.js';

const servers: OneRosterServer[] = [];

async function start(options: Partial<OneRosterServerOptions> = {}) {
  const server = await startOneRosterServer({
    district: createDistrict({ seed: 9, size: 'tiny' }),
    ...options,
  });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Signs with the SDK's OAuth 1.0a signer, as a connector would. */
function signed(
  server: OneRosterServer,
  url: string,
  overrides: { timestamp?: number; nonce?: string } = {},
) {
  return signOAuth1Request({
    method: 'GET',
    url,
    consumerKey: server.clientId,
    consumerSecret: server.clientSecret,
    ...overrides,
  }).authorization;
}

async function get(server: OneRosterServer, path: string) {
  const url = path.startsWith('http') ? path : `${server.baseUrl}${path}`;
  const response = await fetch(url, { headers: { authorization: signed(server, url) } });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

function nextLink(response: Response): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
}

/** Follows `rel="next"` from the first page; returns every sourcedId in order. */
async function readAll(server: OneRosterServer, path: string, key: string) {
  const ids: string[] = [];
  let url: string | undefined = `${server.baseUrl}${path}`;
  let total: number | undefined;
  while (url) {
    const { response, body } = await get(server, url);
    expect(response.status).toBe(200);
    total = Number(response.headers.get('x-total-count'));
    for (const record of body[key] as Array<{ sourcedId: string }>) ids.push(record.sourcedId);
    url = nextLink(response);
  }
  return { ids, total };
}

function expectNoRepeats(ids: string[]) {
  expect(new Set(ids).size).toBe(ids.length);
}

describe('OneRoster 1.1 REST simulator', () => {
  it('serves ground-truth counts at several page sizes, never skipping or repeating a record', {
    timeout: 60_000,
  }, async () => {
    const district = createDistrict({ seed: 4, size: 'small' });
    const server = await start({ district });
    const truth = district.groundTruth();
    for (const limit of [250, 5000]) {
      const users = await readAll(server, `/users?limit=${limit}`, 'users');
      expectNoRepeats(users.ids);
      expect(users.ids.length).toBe(truth.records.users);
      expect(users.total).toBe(truth.records.users);
      const enrollments = await readAll(server, `/enrollments?limit=${limit}`, 'enrollments');
      expectNoRepeats(enrollments.ids);
      expect(enrollments.ids.length).toBe(truth.records.enrollments);
    }
    expect((await readAll(server, '/students?limit=1000', 'users')).ids.length).toBe(
      truth.usersByRole.student,
    );
    expect((await readAll(server, '/teachers?limit=1000', 'users')).ids.length).toBe(
      truth.usersByRole.teacher,
    );
    expect((await readAll(server, '/schools', 'orgs')).ids.length).toBe(truth.counts.schools);
    expect((await readAll(server, '/orgs', 'orgs')).ids.length).toBe(truth.records.orgs);
    expect((await readAll(server, '/classes?limit=1000', 'classes')).ids.length).toBe(truth.records.classes);
    expect((await readAll(server, '/courses', 'courses')).ids.length).toBe(truth.records.courses);
    expect((await readAll(server, '/academicSessions', 'academicSessions')).ids.length).toBe(
      truth.records.academicSessions,
    );
  });

  it('pages a tiny district one record at a time with offset, X-Total-Count and all four links', async () => {
    const district = createDistrict({ seed: 9, size: 'tiny' });
    const server = await start({ district });
    const expected = [...district.classes()].map((roster) => roster.sourcedId);
    const { ids } = await readAll(server, '/classes?limit=1', 'classes');
    expect(ids).toEqual(expected);
    const { response } = await get(server, '/classes?limit=5&offset=5');
    const link = response.headers.get('link')!;
    expect(link).toContain('offset=10>; rel="next"');
    expect(link).toContain(`offset=${Math.floor((expected.length - 1) / 5) * 5}>; rel="last"`);
    expect(link).toContain('offset=0>; rel="first"');
    expect(link).toContain('offset=0>; rel="prev"');
  });

  it('keys envelopes by type and serves single records and nested paths', async () => {
    const district = createDistrict({ seed: 9, size: 'tiny' });
    const server = await start({ district });
    const school = [...district.orgs()].find((org) => org.type === 'school')!;
    const roster = [...district.classes()][0]!;
    const { body: schools } = await get(server, '/schools');
    expect(Object.keys(schools)).toEqual(['orgs']);
    expect(Object.keys((await get(server, '/students')).body)).toEqual(['users']);
    expect(Object.keys((await get(server, '/terms')).body)).toEqual(['academicSessions']);
    const { body: single } = await get(server, `/schools/${school.sourcedId}`);
    expect((single.org as { sourcedId: string }).sourcedId).toBe(school.sourcedId);
    const { body: classStudents } = await get(server, `/classes/${roster.sourcedId}/students?limit=1000`);
    const enrolled = [...district.enrollments()]
      .filter((enrollment) => enrollment.classSourcedId === roster.sourcedId && enrollment.role === 'student')
      .map((enrollment) => enrollment.userSourcedId)
      .sort();
    expect((classStudents.users as Array<{ sourcedId: string }>).map((user) => user.sourcedId)).toEqual(
      enrolled,
    );
    const { body: schoolClasses } = await get(server, `/schools/${school.sourcedId}/classes?limit=1000`);
    expect(
      (schoolClasses.classes as Array<{ school: { sourcedId: string } }>).every(
        (item) => item.school.sourcedId === school.sourcedId,
      ),
    ).toBe(true);
    const { body: schoolEnrollments } = await get(
      server,
      `/schools/${school.sourcedId}/classes/${roster.sourcedId}/enrollments`,
    );
    expect(Array.isArray(schoolEnrollments.enrollments)).toBe(roster.schoolSourcedId === school.sourcedId);
    const { response: missing, body: missingBody } = await get(server, '/users/ffffffffffffffffffffffff');
    expect(missing.status).toBe(404);
    expect(missingBody.imsx_codeMajor).toBe('failure');
  });

  it('filters by role, status and dateLastModified, returning deletions as tobedeleted after a day change', {
    timeout: 60_000,
  }, async () => {
    const day1 = createDistrict({ seed: 12, size: 'small' });
    const server = await start({ district: day1 });
    const teachers = await readAll(
      server,
      `/users?limit=1000&filter=${encodeURIComponent("role='teacher' AND status='active'")}`,
      'users',
    );
    expect(teachers.ids.length).toBe(day1.groundTruth().usersByRole.teacher);
    const since = day1.snapshotTime;
    const day2 = day1.nextDay();
    server.setDistrict(day2);
    const delta = [...day2.deltaRecords(day1).users];
    const filter = encodeURIComponent(`dateLastModified>'${since}'`);
    const { body } = await get(server, `/users?limit=10000&filter=${filter}`);
    const served = body.users as Array<{ sourcedId: string; status: string }>;
    expect(served.map((user) => `${user.sourcedId}:${user.status}`).sort()).toEqual(
      delta.map((user) => `${user.sourcedId}:${user.status}`).sort(),
    );
    expect(served.some((user) => user.status === 'tobedeleted')).toBe(true);
    const enrollmentDelta = [...day2.deltaRecords(day1).enrollments];
    const { response } = await get(server, `/enrollments?limit=1&filter=${filter}`);
    expect(Number(response.headers.get('x-total-count'))).toBe(enrollmentDelta.length);
    // Without a dateLastModified filter the snapshot has no deleted records.
    const { response: snapshot } = await get(server, '/users?limit=1');
    expect(Number(snapshot.headers.get('x-total-count'))).toBe(day2.groundTruth().records.users);
    // A server started on day 2 with day 1 as `previous` serves the same delta.
    const fresh = await start({ district: day2, previous: day1 });
    const { body: freshBody } = await get(fresh, `/users?limit=10000&filter=${filter}`);
    expect((freshBody.users as unknown[]).length).toBe(delta.length);
    const { response: bad, body: badBody } = await get(
      server,
      `/users?filter=${encodeURIComponent("shoeSize='9'")}`,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(badBody)).toContain('invalid_filter_field');
  });

  it('sorts by a field with sort and orderBy, keeping paging stable', async () => {
    const server = await start();
    const { body } = await get(server, '/users?limit=1000&sort=familyName&orderBy=desc');
    const names = (body.users as Array<{ familyName: string }>).map((user) => user.familyName);
    expect(names).toEqual([...names].sort((left, right) => right.localeCompare(left)));
    const paged = await readAll(server, '/users?limit=7&sort=familyName', 'users');
    expectNoRepeats(paged.ids);
    expect(paged.ids.length).toBe(names.length);
  });

  it('mimics weak servers: capLimit, no Link header, no X-Total-Count', async () => {
    const server = await start({ capLimit: 4, omitLinkHeader: true, omitTotalCount: true });
    const { response, body } = await get(server, '/users?limit=10');
    expect((body.users as unknown[]).length).toBe(4);
    expect(response.headers.get('link')).toBeNull();
    expect(response.headers.get('x-total-count')).toBeNull();
  });

  it('accepts requests signed by the SDK signer and rejects tampered, stale and replayed ones', async () => {
    let clock = Date.now();
    const server = await start({ now: () => clock });
    const url = `${server.baseUrl}/users?limit=2`;
    const authorization = signed(server, url);
    expect((await fetch(url, { headers: { authorization } })).status).toBe(200);
    const replay = await fetch(url, { headers: { authorization } });
    expect(replay.status).toBe(401);
    const replayBody = (await replay.json()) as Record<string, unknown>;
    expect(replayBody.imsx_codeMajor).toBe('failure');
    expect(replayBody.imsx_description).toMatch(/nonce/);
    const tampered = await fetch(`${server.baseUrl}/users?limit=3`, {
      headers: { authorization: signed(server, url) },
    });
    expect(tampered.status).toBe(401);
    const stale = await fetch(url, {
      headers: { authorization: signed(server, url, { timestamp: Math.floor(clock / 1000) - 301 }) },
    });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { imsx_description: string }).imsx_description).toMatch(/timestamp/);
    const wrongSecret = signOAuth1Request({
      method: 'GET',
      url,
      consumerKey: server.clientId,
      consumerSecret: 'x',
    });
    expect((await fetch(url, { headers: { authorization: wrongSecret.authorization } })).status).toBe(401);
    expect((await fetch(url)).status).toBe(401);
    const sha1 = signOAuth1Request({
      method: 'GET',
      url,
      consumerKey: server.clientId,
      consumerSecret: server.clientSecret,
      signatureMethod: 'HMAC-SHA1',
    });
    const sha1Response = await fetch(url, { headers: { authorization: sha1.authorization } });
    expect(sha1Response.status).toBe(401);
    expect(((await sha1Response.json()) as { imsx_description: string }).imsx_description).toMatch(
      /HMAC-SHA256/,
    );
    clock += 1000;
    expect((await fetch(url, { headers: { authorization: signed(server, url) } })).status).toBe(200);
  });

  it('accepts the SIS-FORMATS reference vector (public URL behind a proxy, ClassLink header without oauth_version)', async () => {
    const server = await start({
      clientId: 'demo-key',
      clientSecret: 'demo-secret',
      publicUrl: 'https://example-ca-v2.oneroster.com',
      now: () => 1_700_000_000_000,
    });
    const path =
      '/ims/oneroster/v1p1/users?filter=status%3D%27active%27%20AND%20role%3D%27student%27&limit=100&offset=0';
    const vector = createOAuth1Signature({
      method: 'GET',
      url: `https://example-ca-v2.oneroster.com${path}`,
      consumerKey: 'demo-key',
      consumerSecret: 'demo-secret',
      nonce: 'n0nc3',
      timestamp: 1700000000,
      version: '1.0',
    });
    expect(vector.signature).toBe('wmr39RLRFkWOmmtSM/1VCV/elgCSPM7z2GrbfryDOzk=');
    const authorization = buildOAuth1AuthorizationHeader(vector);
    const response = await fetch(`${server.url}${path}`, { headers: { authorization } });
    expect(response.status).toBe(200);
    const classLink = createOAuth1Signature({
      method: 'GET',
      url: `https://example-ca-v2.oneroster.com${path}`,
      consumerKey: 'demo-key',
      consumerSecret: 'demo-secret',
      nonce: 'n0nc3-classlink',
      timestamp: 1700000000,
    });
    const header = buildOAuth1AuthorizationHeader({ ...classLink, separator: ',' });
    expect(header).not.toContain('oauth_version');
    expect((await fetch(`${server.url}${path}`, { headers: { authorization: header } })).status).toBe(200);
  });

  it('issues OAuth 2 client-credentials tokens that expire', async () => {
    let clock = Date.now();
    const server = await start({ tokenLifetimeSeconds: 60, now: () => clock });
    const basic = `Basic ${Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64')}`;
    const tokenResponse = await fetch(server.tokenUrl, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=roster-core.readonly',
    });
    const token = (await tokenResponse.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
    };
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 60 });
    const bearer = { authorization: `Bearer ${token.access_token}` };
    expect((await fetch(`${server.baseUrl}/orgs`, { headers: bearer })).status).toBe(200);
    clock += 61_000;
    expect((await fetch(`${server.baseUrl}/orgs`, { headers: bearer })).status).toBe(401);
    const wrong = await fetch(server.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
  });

  it('serves the ClassLink flavour: string booleans, absolute hrefs, empty strings for absent values', async () => {
    const server = await start({ flavour: 'classlink' });
    const { body } = await get(server, '/users?limit=1000');
    const users = body.users as Array<Record<string, unknown>>;
    expect(users.every((user) => user.enabledUser === 'true' || user.enabledUser === 'false')).toBe(true);
    expect(users.every((user) => typeof user.middleName === 'string' && typeof user.sms === 'string')).toBe(
      true,
    );
    expect(users.some((user) => user.email === '')).toBe(true);
    const href = (users[0]!.orgs as Array<{ href: string }>)[0]!.href;
    expect(href.startsWith(`${server.url}/ims/oneroster/v1p1/orgs/`)).toBe(true);
    const { body: enrollments } = await get(server, '/enrollments?limit=1000');
    const primaries = (enrollments.enrollments as Array<{ primary: unknown }>).map((item) => item.primary);
    expect(new Set(primaries)).toEqual(new Set(['true', 'false']));
    const standard = await start();
    const { body: plain } = await get(standard, '/users?limit=1');
    const user = (plain.users as Array<Record<string, unknown>>)[0]!;
    expect(user.enabledUser).toBe(true);
    expect((user.orgs as Array<{ href: string }>)[0]!.href.startsWith('/ims/oneroster/v1p1/orgs/')).toBe(
      true,
    );
  });
});
