import { ApiCallError, type RecordIssue, type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import { collect, describeConnectorContract } from '@aivo/connector-sdk/testing';
import {
  createDistrict,
  type OneRosterServer,
  type OneRosterServerOptions,
  startOneRosterServer,
} from '@aivo/sis-simulator';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOneRosterApiConnector,
  type OneRosterApiConnectorSettings,
} from './oneroster-api-connector.js';

const district = createDistrict({ seed: 11, size: 'tiny' });
const truth = district.groundTruth();
const servers: OneRosterServer[] = [];

async function start(options: Partial<OneRosterServerOptions> = {}) {
  const server = await startOneRosterServer({ district, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Quick retries so fault tests do not sit out the production backoff. */
const fastRetry = { retry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 } };

function connectTo(server: OneRosterServer, settings: Partial<OneRosterApiConnectorSettings> = {}) {
  return createOneRosterApiConnector({
    baseUrl: server.baseUrl,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    pageSize: 25,
    quirks: fastRetry,
    ...settings,
  });
}

async function countAll(connector: ReturnType<typeof connectTo>) {
  const counts: Partial<Record<RosterEntity, number>> = {};
  const issues: RecordIssue[] = [];
  for (const entity of rosterEntities) {
    counts[entity] = (
      await collect<unknown>(
        connector[entity]({ onIssue: (issue) => issues.push(issue) }) as AsyncIterable<unknown>,
      )
    ).length;
  }
  return { counts, issues };
}

describe('OneRoster REST connector against the simulator', () => {
  it('reads every entity with OAuth 1.0a, exactly the ground truth', async () => {
    const server = await start({ auth: 'oauth1' });
    const { counts, issues } = await countAll(connectTo(server));
    expect(counts).toEqual(truth.records);
    expect(issues).toEqual([]);
  });

  it('reads every entity with OAuth 2 client credentials, exactly the ground truth', async () => {
    const server = await start({ auth: 'oauth2' });
    const { counts } = await countAll(connectTo(server, { auth: 'oauth2', tokenUrl: server.tokenUrl }));
    expect(counts).toEqual(truth.records);
    expect(server.requests.filter((request) => request.path.endsWith('/token')).length).toBe(1);
  });

  it('reads the ClassLink flavour (string booleans, absolute hrefs, empty strings)', async () => {
    const server = await start({ flavour: 'classlink' });
    const users = await collect(connectTo(server).users());
    expect(users.length).toBe(truth.records.users);
    expect(users.every((user) => user.enabledUser === true)).toBe(true);
  });

  it('survives a server that silently caps limit, with and without paging headers', async () => {
    for (const options of [
      { capLimit: 7 },
      { capLimit: 7, omitLinkHeader: true },
      { capLimit: 7, omitLinkHeader: true, omitTotalCount: true },
    ]) {
      const server = await start(options);
      const users = await collect(connectTo(server, { pageSize: 100 }).users());
      expect(users.length).toBe(truth.records.users);
      expect(new Set(users.map((user) => user.sourcedId)).size).toBe(truth.records.users);
    }
  });

  it('throws on a page that keeps failing with 500 — never a short list', async () => {
    const server = await start({
      faults: [
        { kind: 'status', status: 500, onRequest: 2, times: 100, match: (url) => url.includes('/users') },
      ],
    });
    let received = 0;
    const read = async () => {
      for await (const _user of connectTo(server).users()) received += 1;
    };
    const error = await read().catch((caught: unknown) => caught);
    expect(ApiCallError.isInstance(error) && error.status).toBe(500);
    expect(received).toBe(25);
  });

  it('retries a single 500 and completes', async () => {
    const server = await start({
      faults: [{ kind: 'status', status: 500, onRequest: 2, match: (url) => url.includes('/users') }],
    });
    expect((await collect(connectTo(server).users())).length).toBe(truth.records.users);
  });

  it('retries a 429 burst (honouring Retry-After) and completes', async () => {
    const server = await start({
      faults: [{ kind: 'rate-limit-burst', count: 2, retryAfterSeconds: 1, onRequest: 2 }],
    });
    const retries: number[] = [];
    const connector = connectTo(server, { onRetry: (event) => retries.push(event.status ?? 0) });
    expect((await collect(connector.enrollments())).length).toBe(truth.records.enrollments);
    expect(retries).toEqual([429, 429]);
  });

  it('retries a connection dropped mid-body and completes; throws when it keeps dropping', async () => {
    const once = await start({
      faults: [{ kind: 'drop-connection-mid-body', onRequest: 2, match: (url) => url.includes('/users') }],
    });
    expect((await collect(connectTo(once).users())).length).toBe(truth.records.users);
    expect(once.requests.some((request) => request.faults.includes('drop-connection-mid-body'))).toBe(true);

    const always = await start({
      faults: [
        {
          kind: 'drop-connection-mid-body',
          onRequest: 2,
          times: 100,
          match: (url) => url.includes('/users'),
        },
      ],
    });
    let received = 0;
    const read = async () => {
      for await (const _user of connectTo(always).users()) received += 1;
    };
    await expect(read()).rejects.toSatisfy(ApiCallError.isInstance);
    expect(received).toBe(25);
  });

  it('fetches a new OAuth 2 token when the server revokes the old one mid-read', async () => {
    const server = await start({
      auth: 'oauth2',
      faults: [{ kind: 'expire-token', onRequest: 3, match: (url) => url.includes('/enrollments') }],
    });
    const connector = connectTo(server, { auth: 'oauth2', tokenUrl: server.tokenUrl });
    expect((await collect(connector.enrollments())).length).toBe(truth.records.enrollments);
    expect(server.requests.filter((request) => request.path.endsWith('/token')).length).toBe(2);
  });

  it('throws on an HTML error page instead of a page of records', async () => {
    const server = await start({
      faults: [
        {
          kind: 'html-error-page',
          status: 200,
          onRequest: 2,
          times: 100,
          match: (url) => url.includes('/users'),
        },
      ],
    });
    await expect(collect(connectTo(server).users())).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('reads a day-2 delta with since: exactly the changes, deletions as tobedeleted', async () => {
    const server = await start();
    const dayTwo = district.nextDay();
    server.setDistrict(dayTwo);
    const connector = connectTo(server);
    const since = new Date(district.snapshotTime);
    const expected = dayTwo.deltaRecords(district);
    for (const entity of ['users', 'classes', 'enrollments'] as const) {
      const read = await collect<{ sourcedId: string; status: string }>(
        connector[entity]({ since }) as AsyncIterable<{ sourcedId: string; status: string }>,
      );
      const wanted = [...expected[entity]].map((record) => `${record.sourcedId}:${record.status}`).sort();
      expect(read.map((record) => `${record.sourcedId}:${record.status}`).sort()).toEqual(wanted);
      expect(read.length).toBeGreaterThan(0);
    }
    const deleted = (await collect(connector.enrollments({ since }))).filter(
      (record) => record.status === 'tobedeleted',
    );
    expect(deleted.length).toBeGreaterThan(0);
    expect(server.requests.some((request) => request.url.includes('filter=dateLastModified'))).toBe(true);
  });

  it('testConnection succeeds, and tells wrong credentials apart', async () => {
    const server = await start();
    expect(await connectTo(server).testConnection()).toMatchObject({ success: true });
    const wrong = await connectTo(server, { clientSecret: 'not-the-secret' }).testConnection();
    expect(wrong).toMatchObject({ success: false, code: 'authentication_failed' });
    expect(wrong.message).not.toContain('not-the-secret');

    const oauth2 = await start({ auth: 'oauth2' });
    const wrongToken = await connectTo(oauth2, {
      auth: 'oauth2',
      tokenUrl: oauth2.tokenUrl,
      clientSecret: 'not-the-secret',
    }).testConnection();
    expect(wrongToken).toMatchObject({ success: false, code: 'authentication_failed' });
    expect(wrongToken.message).not.toContain('not-the-secret');
    const notOneRoster = await connectTo(oauth2, {
      baseUrl: oauth2.url,
      auth: 'oauth2',
      tokenUrl: oauth2.tokenUrl,
    }).testConnection();
    expect(notOneRoster).toMatchObject({ success: false, code: 'not_oneroster_endpoint' });
  });
});

describeConnectorContract('OneRoster REST connector (simulator)', {
  create: async () => {
    const server = await startOneRosterServer({ district: createDistrict({ seed: 3, size: 'tiny' }) });
    return { connector: connectTo(server), cleanup: () => server.close() };
  },
  expectations: { nonEmpty: [...rosterEntities], connectionSucceeds: true },
});
