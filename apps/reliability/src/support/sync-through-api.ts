import { expect } from 'vitest';
import type { ReliabilityService } from './reliability-service.js';
import { type RunView, waitForRunEnd } from './wait-for-run.js';

/** Creates a provider through the API and returns its id. */
export async function createProvider(
  harness: ReliabilityService,
  token: string,
  body: { tenantId: string; providerType: string; name: string; config: Record<string, unknown> },
): Promise<string> {
  const response = await harness.request('/api/v1/providers', { method: 'POST', token, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Starts a sync through the API and waits for its end. */
export async function syncAndWait(
  harness: ReliabilityService,
  token: string,
  providerId: string,
  body: { dryRun?: boolean; mode?: 'full' | 'delta' } = {},
): Promise<RunView> {
  const response = await harness.request(`/api/v1/providers/${providerId}/sync`, {
    method: 'POST',
    token,
    body,
  });
  expect(response.status, await response.clone().text()).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  return waitForRunEnd(harness, token, runId, 120_000);
}
