import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestService, type TestService } from './start-test-service.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.close();
});

it('starts', async () => {
  const response = await service.request('/healthz');
  expect(response.status).toBe(200);
  const token = await service.token({ role: 'PLATFORM_ADMIN' });
  const presets = await service.request('/api/v1/schedule-presets', { token });
  expect(presets.status).toBe(200);
});
