import { rosterEntities } from '@aivo/connector-sdk';
import { createDistrict, startOneRosterServer } from '@aivo/sis-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReliabilityService, startReliabilityService } from '../support/reliability-service.js';
import { allowAllDeactivations, groundTruthOf, readRosterState } from '../support/roster-state.js';
import { createSeededRandom } from '../support/seeded-random.js';
import { createProvider, syncAndWait } from '../support/sync-through-api.js';
import { waitForRunEnd } from '../support/wait-for-run.js';

// Cancels at seeded moments, the safety hold with approval through the API, and 429 storms with slow pages.
const tenantId = 'district-stress';
const closers: Array<() => Promise<unknown>> = [];
let harness: ReliabilityService;
let token: string;

beforeAll(async () => {
  harness = await startReliabilityService({ syncExecution: true, jobSettings: { heartbeatIntervalMs: 300 } });
  token = await harness.token({ role: 'PLATFORM_ADMIN' });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await harness?.close();
});

describe('cancel at seeded random moments', () => {
  it('every cancelled run leaves a consistent roster (nothing deactivated, no duplicates); the next run is exact', async () => {
    const district = createDistrict({ seed: 4040, size: 'tiny' });
    const truth = groundTruthOf(district);
    const server = await startOneRosterServer({ district, faults: [{ kind: 'delay', ms: 40 }] });
    closers.push(() => server.close());
    const providerId = await createProvider(harness, token, {
      tenantId,
      providerType: 'ONEROSTER_API',
      name: 'Cancelled often',
      config: {
        baseUrl: server.baseUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        pageSize: 10,
      },
    });
    await allowAllDeactivations(harness.service.database.pool, providerId);
    const random = createSeededRandom(20_261_126);
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const started = await harness.request(`/api/v1/providers/${providerId}/sync`, {
        method: 'POST',
        token,
        body: {},
      });
      expect(started.status).toBe(202);
      const { runId } = (await started.json()) as { runId: string };
      const moment = Math.floor(random() * 3_000);
      await new Promise((resolve) => setTimeout(resolve, moment));
      const cancel = await harness.request(`/api/v1/providers/${providerId}/sync/cancel`, {
        method: 'POST',
        token,
      });
      // 200 queued run cancelled, 202 running run stops at a batch boundary, 409 it had already ended.
      expect([200, 202, 409], `cancel after ${moment} ms`).toContain(cancel.status);
      const run = await waitForRunEnd(harness, token, runId);
      outcomes.push(`${moment}ms:${run.status}`);
      expect(['CANCELLED', 'SUCCESS'], `cancel after ${moment} ms: ${run.errorMessage}`).toContain(
        run.status,
      );
      if (cancel.status === 409) expect(run.status).toBe('SUCCESS');
      const state = await readRosterState(harness.service.database.pool, providerId);
      for (const entity of rosterEntities) {
        expect(state.inactive[entity], `${entity} after cancel at ${moment} ms`).toBe(0);
        expect(state.duplicates[entity], `${entity} after cancel at ${moment} ms`).toBe(0);
        for (const sourcedId of state.active[entity]) expect(truth[entity]).toContain(sourcedId);
      }
    }
    // The seeded moments cancelled at least one run mid-way (so the checks above saw a cancel).
    expect(
      outcomes.some((outcome) => outcome.endsWith('CANCELLED')),
      outcomes.join(', '),
    ).toBe(true);
    const next = await syncAndWait(harness, token, providerId);
    expect(next.status, next.errorMessage ?? '').toBe('SUCCESS');
    const state = await readRosterState(harness.service.database.pool, providerId);
    expect(state.active).toEqual(truth);
  });
});

describe('safety hold', () => {
  it('a 60%-smaller district is held with nothing deactivated; approving through the API applies exactly the held set', async () => {
    const full = createDistrict({ seed: 5050, size: 'tiny' });
    const smaller = createDistrict({
      seed: 5050,
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
    const fullTruth = groundTruthOf(full);
    const smallerTruth = groundTruthOf(smaller);
    const server = await startOneRosterServer({ district: full });
    closers.push(() => server.close());
    const providerId = await createProvider(harness, token, {
      tenantId,
      providerType: 'ONEROSTER_API',
      name: 'Shrinking',
      config: { baseUrl: server.baseUrl, clientId: server.clientId, clientSecret: server.clientSecret },
    });
    const pool = harness.service.database.pool;
    expect((await syncAndWait(harness, token, providerId)).status).toBe('SUCCESS');
    server.setDistrict(smaller);
    const held = await syncAndWait(harness, token, providerId);
    expect(held.status).toBe('PARTIAL');
    expect(held.heldStatus).toBe('HELD');
    const afterHold = await readRosterState(pool, providerId);
    for (const entity of rosterEntities) {
      // Nothing that disappeared was deactivated; what the smaller source still has is all there.
      expect(afterHold.inactive[entity], entity).toBe(0);
      for (const sourcedId of smallerTruth[entity])
        expect(afterHold.active[entity], entity).toContain(sourcedId);
    }
    const detail = (await (await harness.request(`/api/v1/runs/${held.id}`, { token })).json()) as {
      heldDeactivations: unknown;
    };
    expect(detail.heldDeactivations).toBeTruthy();
    const approve = await harness.request(`/api/v1/runs/${held.id}/held/approve`, { method: 'POST', token });
    expect(approve.status, await approve.clone().text()).toBe(200);
    const afterApproval = await readRosterState(pool, providerId);
    for (const entity of rosterEntities) {
      expect(afterApproval.active[entity], entity).toEqual(smallerTruth[entity]);
      // Exactly the rows the smaller source dropped were deactivated: no more, no fewer.
      const dropped = fullTruth[entity].filter((sourcedId) => !smallerTruth[entity].includes(sourcedId));
      expect(afterApproval.inactive[entity], entity).toBe(dropped.length);
      expect(afterApproval.duplicates[entity], entity).toBe(0);
    }
    const again = await harness.request(`/api/v1/runs/${held.id}/held/approve`, { method: 'POST', token });
    expect(again.status).toBe(409);
  });
});

describe('429 storms and slow responses', () => {
  it('the run completes exactly, waits out every Retry-After, and stays within requestsPerMinute', async () => {
    const district = createDistrict({ seed: 6060, size: 'tiny' });
    const requestsPerMinute = 300;
    const server = await startOneRosterServer({
      district,
      faults: [
        { kind: 'rate-limit-burst', count: 4, retryAfterSeconds: 1, match: (url) => url.includes('/users') },
        {
          kind: 'rate-limit-burst',
          count: 3,
          retryAfterSeconds: 2,
          match: (url) => url.includes('/enrollments'),
        },
        { kind: 'delay', ms: 400, match: (url) => url.includes('/classes') },
      ],
    });
    closers.push(() => server.close());
    const providerId = await createProvider(harness, token, {
      tenantId,
      providerType: 'ONEROSTER_API',
      name: 'Rate limited',
      config: {
        baseUrl: server.baseUrl,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        pageSize: 20,
        requestsPerMinute,
      },
    });
    const run = await syncAndWait(harness, token, providerId);
    expect(run.status, run.errorMessage ?? '').toBe('SUCCESS');
    expect((await readRosterState(harness.service.database.pool, providerId)).active).toEqual(
      groundTruthOf(district),
    );
    const requests = server.requests.filter((entry) => !/token/i.test(entry.path));
    const limited = requests.filter((entry) => entry.status === 429);
    expect(limited).toHaveLength(7);
    for (const refusal of limited) {
      const retryAfterMs = refusal.path.includes('/users') ? 1_000 : 2_000;
      const next = requests.find((entry) => entry.time > refusal.time);
      expect(next, 'the run went on after the 429').toBeDefined();
      // A little slack for clock granularity between the two sides of the loopback.
      expect(next!.time - refusal.time, `retried ${refusal.url} too early`).toBeGreaterThanOrEqual(
        retryAfterMs - 50,
      );
    }
    for (const entry of requests) {
      const inWindow = requests.filter(
        (other) => other.time >= entry.time && other.time < entry.time + 60_000,
      );
      expect(inWindow.length).toBeLessThanOrEqual(requestsPerMinute);
    }
  });
});
