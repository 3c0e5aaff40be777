import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createDistrict } from '../generator/create-district.js';
import { type CleverServer, startCleverServer } from './clever/clever-server.js';
import { type OneRosterServer, startOneRosterServer } from './oneroster/oneroster-server.js';
import { type SftpServer, startSftpServer } from './sftp/sftp-server.js';

const district = createDistrict({ seed: 21, size: 'tiny' });
const closers: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function clever(): Promise<CleverServer> {
  const server = await startCleverServer({ district });
  closers.push(() => server.close());
  return server;
}

async function oneRoster(): Promise<OneRosterServer> {
  const server = await startOneRosterServer({ district, auth: 'oauth2' });
  closers.push(() => server.close());
  return server;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function oneRosterToken(server: OneRosterServer): Promise<string> {
  const response = await fetch(server.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Reads a response with node:http so a truncated body shows as an `aborted` error with what had arrived. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; length: number; received: number; error?: Error }>((resolve) => {
    const request = httpRequest(url, { headers }, (response) => {
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      const finish = (error?: Error) =>
        resolve({
          status: response.statusCode ?? 0,
          length: Number(response.headers['content-length']),
          received,
          ...(error ? { error } : {}),
        });
      response.on('end', () => finish());
      response.on('error', finish);
      response.on('aborted', () => finish(new Error('aborted')));
    });
    request.on('error', (error) => resolve({ status: 0, length: 0, received: 0, error }));
    request.end();
  });
}

describe('fault injection', () => {
  it('fails exactly the Nth matching page with the status asked for, in the protocol error format', async () => {
    const server = await clever();
    server.setFaults([
      { kind: 'status', status: 500, onRequest: 2, match: (url) => url.startsWith('/v3.0/users') },
    ]);
    const statuses: number[] = [];
    for (const path of ['/users', '/schools', '/users', '/users']) {
      const response = await fetch(`${server.apiUrl}${path}`, { headers: bearer(server.accessToken) });
      statuses.push(response.status);
      if (response.status === 500) expect(await response.json()).toEqual({ error: expect.any(String) });
    }
    expect(statuses).toEqual([200, 200, 500, 200]);
    expect(server.requests.map((entry) => entry.faults.length)).toEqual([0, 0, 1, 0]);
  });

  it('drops the connection mid-body after sending the headers and part of the body', async () => {
    const server = await oneRoster();
    const token = await oneRosterToken(server);
    server.setFaults([{ kind: 'drop-connection-mid-body', onRequest: 1 }]);
    const dropped = await rawGet(`${server.baseUrl}/users`, bearer(token));
    expect(dropped.status).toBe(200);
    expect(dropped.error).toBeDefined();
    expect(dropped.received).toBeGreaterThan(0);
    expect(dropped.received).toBeLessThan(dropped.length);
    const whole = await rawGet(`${server.baseUrl}/users`, bearer(token));
    expect(whole.error).toBeUndefined();
    expect(whole.received).toBe(whole.length);
    await expect(
      (async () => {
        server.setFaults([{ kind: 'drop-connection-mid-body' }]);
        const response = await fetch(`${server.baseUrl}/users`, { headers: bearer(token) });
        return response.json();
      })(),
    ).rejects.toThrow();
  });

  it('delays matching responses: a delayed request finishes after an undelayed one started later', async () => {
    const server = await clever();
    server.setFaults([{ kind: 'delay', ms: 1000, match: (url) => url.startsWith('/v3.0/users') }]);
    const finished: string[] = [];
    const slow = fetch(`${server.apiUrl}/users`, { headers: bearer(server.accessToken) }).then((response) => {
      finished.push(`users ${response.status}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fast = fetch(`${server.apiUrl}/schools`, { headers: bearer(server.accessToken) }).then(
      (response) => {
        finished.push(`schools ${response.status}`);
      },
    );
    await Promise.all([slow, fast]);
    expect(finished).toEqual(['schools 200', 'users 200']);
  });

  it('answers a burst of 429s with Retry-After, then recovers', async () => {
    const server = await clever();
    server.setFaults([{ kind: 'rate-limit-burst', count: 2, retryAfterSeconds: 7 }]);
    const responses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      responses.push(await fetch(`${server.apiUrl}/schools`, { headers: bearer(server.accessToken) }));
    }
    expect(responses.map((response) => response.status)).toEqual([429, 429, 200]);
    expect(responses[0]!.headers.get('retry-after')).toBe('7');
    expect(responses[0]!.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('serves an HTML error page instead of JSON', async () => {
    const server = await oneRoster();
    server.setFaults([{ kind: 'html-error-page', onRequest: 1 }]);
    const response = await fetch(`${server.baseUrl}/users`);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
    server.setFaults([{ kind: 'html-error-page', status: 200, onRequest: 1 }]);
    expect((await fetch(`${server.baseUrl}/users`)).headers.get('content-type')).toMatch(/text\/html/);
  });

  it('expires tokens: Clever rotates its district token, OneRoster revokes OAuth 2 tokens', async () => {
    const cleverServer = await clever();
    const oldToken = cleverServer.accessToken;
    cleverServer.setFaults([{ kind: 'expire-token', onRequest: 1 }]);
    expect((await fetch(`${cleverServer.apiUrl}/schools`, { headers: bearer(oldToken) })).status).toBe(401);
    expect((await fetch(`${cleverServer.apiUrl}/schools`, { headers: bearer(oldToken) })).status).toBe(401);
    const tokens = await fetch(`${cleverServer.tokensUrl}?owner_type=district`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${cleverServer.clientId}:${cleverServer.clientSecret}`).toString('base64')}`,
      },
    });
    const newToken = ((await tokens.json()) as { data: Array<{ access_token: string }> }).data[0]!
      .access_token;
    expect(newToken).not.toBe(oldToken);
    expect((await fetch(`${cleverServer.apiUrl}/schools`, { headers: bearer(newToken) })).status).toBe(200);

    const oneRosterServer = await oneRoster();
    const token = await oneRosterToken(oneRosterServer);
    oneRosterServer.setFaults([
      { kind: 'expire-token', match: (url) => url.includes('/users'), onRequest: 1 },
    ]);
    const expired = await fetch(`${oneRosterServer.baseUrl}/users`, { headers: bearer(token) });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { imsx_description: string }).imsx_description).toMatch(/expired/);
    expect((await fetch(`${oneRosterServer.baseUrl}/orgs`, { headers: bearer(token) })).status).toBe(401);
    const fresh = await oneRosterToken(oneRosterServer);
    expect((await fetch(`${oneRosterServer.baseUrl}/users`, { headers: bearer(fresh) })).status).toBe(200);
  });

  it('serves empty pages of a collection: no records, no next page; auth, errors and other lists unchanged', async () => {
    const cleverServer = await clever();
    const isStudents = (url: string) => url.startsWith('/v3.0/users?role=student');
    cleverServer.setFaults([{ kind: 'empty-page', match: isStudents }]);
    const cleverGet = (path: string, token = cleverServer.accessToken) =>
      fetch(`${cleverServer.apiUrl}${path}`, { headers: bearer(token) });
    const students = await cleverGet('/users?role=student&limit=2');
    expect(students.status).toBe(200);
    expect(await students.json()).toEqual({
      data: [],
      links: [{ rel: 'self', uri: '/v3.0/users?role=student&limit=2' }],
    });
    expect((await cleverGet('/users?role=student', 'not-the-token')).status).toBe(401);
    const teachers = (await (await cleverGet('/users?role=teacher')).json()) as { data: unknown[] };
    expect(teachers.data.length).toBeGreaterThan(0);

    const oneRosterServer = await oneRoster();
    const token = await oneRosterToken(oneRosterServer);
    oneRosterServer.setFaults([{ kind: 'empty-page', match: (url) => url.includes('/users') }]);
    const users = await fetch(`${oneRosterServer.baseUrl}/users?limit=2`, { headers: bearer(token) });
    expect(users.status).toBe(200);
    expect(users.headers.get('x-total-count')).toBe('0');
    expect(users.headers.get('link')).toBeNull();
    expect(await users.json()).toEqual({ users: [] });
    const [firstUser] = [...district.users()];
    const single = await fetch(`${oneRosterServer.baseUrl}/users/${firstUser!.sourcedId}`, {
      headers: bearer(token),
    });
    expect(((await single.json()) as { user: { sourcedId: string } }).user.sourcedId).toBe(
      firstUser!.sourcedId,
    );
    const orgs = await fetch(`${oneRosterServer.baseUrl}/orgs`, { headers: bearer(token) });
    expect(Number(orgs.headers.get('x-total-count'))).toBeGreaterThan(0);
    expect((await fetch(`${oneRosterServer.baseUrl}/users`)).status).toBe(401);
  });

  it('disconnects SFTP mid-file and delays SFTP operations', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sftp-fault-test-'));
    closers.push(() => rm(folder, { recursive: true, force: true }));
    await mkdir(join(folder, 'drop'));
    await writeFile(join(folder, 'drop', 'users.csv'), 'y'.repeat(300_000));
    const server: SftpServer = await startSftpServer({
      root: folder,
      password: 'pw',
      faults: [{ kind: 'disconnect-mid-file', match: (path) => path.endsWith('users.csv'), onRequest: 1 }],
    });
    closers.unshift(() => server.close());
    const connect = async () => {
      const client = new SftpClient();
      await client.connect({
        host: server.host,
        port: server.port,
        username: server.username,
        password: 'pw',
      });
      closers.unshift(() => client.end().catch(() => undefined));
      return client;
    };
    const first = await connect();
    await expect(first.get('/drop/users.csv')).rejects.toThrow();
    expect(server.requests.some((entry) => entry.faults.includes('disconnect-mid-file'))).toBe(true);
    const second = await connect();
    expect(((await second.get('/drop/users.csv')) as Buffer).length).toBe(300_000);
    server.setFaults([{ kind: 'delay', ms: 50, onRequest: 1 }]);
    await second.stat('/drop/users.csv');
    expect(server.requests.at(-1)!.faults).toEqual(['delay']);
  });
});
