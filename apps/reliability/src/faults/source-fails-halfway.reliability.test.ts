import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rosterEntities } from '@aivo/connector-sdk';
import {
  createDistrict,
  type Fault,
  startOneRosterServer,
  startSftpServer,
  writeOneRosterCsv,
} from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReliabilityService, startReliabilityService } from '../support/reliability-service.js';
import { allowAllDeactivations, groundTruthOf, readRosterState } from '../support/roster-state.js';
import { createProvider, syncAndWait } from '../support/sync-through-api.js';
import type { RunView } from '../support/wait-for-run.js';

// The source fails halfway through a read: nothing is deactivated on its account, the previous roster
// stays exactly as it was, the run says what failed, and the next clean run reaches the ground truth.
const tenantId = 'district-faults';
const district = createDistrict({ seed: 2026, size: 'tiny' });
const truth = groundTruthOf(district);

let harness: ReliabilityService;
let token: string;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  harness = await startReliabilityService({ syncExecution: true, jobSettings: { heartbeatIntervalMs: 500 } });
  token = await harness.token({ role: 'PLATFORM_ADMIN' });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await harness?.close();
});

/** The roster after a failed run is exactly the ground truth it had, with nothing deactivated. */
async function expectRosterIntact(providerId: string, failed: RunView, context: string) {
  expect(['FAILURE', 'PARTIAL'], `${context}: ${failed.status} ${failed.errorMessage}`).toContain(
    failed.status,
  );
  expect(failed.errorMessage ?? '', context).not.toBe('');
  const stats = (failed.statsJson ?? {}) as Record<string, { deactivated?: number }>;
  for (const [entity, entityStats] of Object.entries(stats))
    expect(entityStats.deactivated ?? 0, `${context}: ${entity}`).toBe(0);
  const state = await readRosterState(harness.service.database.pool, providerId);
  for (const entity of rosterEntities) {
    expect(state.active[entity], `${context}: ${entity}`).toEqual(truth[entity]);
    expect(state.inactive[entity], `${context}: ${entity} rows deactivated`).toBe(0);
    expect(state.duplicates[entity], `${context}: ${entity} duplicates`).toBe(0);
  }
}

describe('the source fails halfway', () => {
  const httpFaults: Array<[string, Fault]> = [
    // Every request for the second users page fails, so retries cannot hide the fault.
    [
      '500 on page 2 of users',
      { kind: 'status', status: 500, match: (url) => url.includes('/users') && url.includes('offset=10') },
    ],
    [
      'connection dropped mid-body on page 2 of users',
      {
        kind: 'drop-connection-mid-body',
        match: (url) => url.includes('/users') && url.includes('offset=10'),
      },
    ],
    [
      'an HTML error page on page 3 of enrollments',
      {
        kind: 'html-error-page',
        status: 502,
        match: (url) => url.includes('/enrollments') && url.includes('offset=20'),
      },
    ],
  ];

  for (const [label, fault] of httpFaults) {
    it(`OneRoster API, ${label}: zero deactivations, previous roster intact, next run exact`, async () => {
      const server = await startOneRosterServer({ district });
      closers.push(() => server.close());
      const providerId = await createProvider(harness, token, {
        tenantId,
        providerType: 'ONEROSTER_API',
        name: `Faulty ${label}`,
        config: {
          baseUrl: server.baseUrl,
          clientId: server.clientId,
          clientSecret: server.clientSecret,
          pageSize: 10,
        },
      });
      // A naive sync would deactivate the unread half: allow it, so only the completeness rule prevents it.
      await allowAllDeactivations(harness.service.database.pool, providerId);
      const first = await syncAndWait(harness, token, providerId);
      expect(first.status, first.errorMessage ?? '').toBe('SUCCESS');

      server.setFaults([fault]);
      const failed = await syncAndWait(harness, token, providerId);
      expect(
        server.requests.some((entry) => entry.faults.length > 0),
        'the fault fired',
      ).toBe(true);
      await expectRosterIntact(providerId, failed, label);

      server.setFaults([]);
      const next = await syncAndWait(harness, token, providerId);
      expect(next.status, next.errorMessage ?? '').toBe('SUCCESS');
      const state = await readRosterState(harness.service.database.pool, providerId);
      expect(state.active).toEqual(truth);
      expect(Object.values(state.duplicates).every((count) => count === 0)).toBe(true);
    });
  }

  it('OneRoster CSV over SFTP, disconnect mid-file: zero deactivations, previous roster intact, next run exact', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aivo-reliability-sftp-fault-'));
    closers.push(() => rm(root, { recursive: true, force: true }));
    await writeOneRosterCsv({ district, out: join(root, 'exports') });
    const password = 'sftp-password-for-faults';
    const server = await startSftpServer({ root, password });
    closers.push(() => server.close());
    const providerId = await createProvider(harness, token, {
      tenantId,
      providerType: 'ONEROSTER_CSV',
      name: 'Faulty SFTP',
      config: {
        sftp: {
          host: server.host,
          port: server.port,
          username: server.username,
          password,
          hostKeySha256: server.hostKeyFingerprint,
        },
        remotePath: '/exports',
      },
    });
    await allowAllDeactivations(harness.service.database.pool, providerId);
    const first = await syncAndWait(harness, token, providerId);
    expect(first.status, first.errorMessage ?? '').toBe('SUCCESS');

    server.setFaults([{ kind: 'disconnect-mid-file', match: (url) => url.endsWith('users.csv') }]);
    const failed = await syncAndWait(harness, token, providerId);
    expect(
      server.requests.some((entry) => entry.faults.includes('disconnect-mid-file')),
      'the fault fired',
    ).toBe(true);
    await expectRosterIntact(providerId, failed, 'SFTP disconnect');

    server.setFaults([]);
    const next = await syncAndWait(harness, token, providerId);
    expect(next.status, next.errorMessage ?? '').toBe('SUCCESS');
    expect((await readRosterState(harness.service.database.pool, providerId)).active).toEqual(truth);
  });
});
