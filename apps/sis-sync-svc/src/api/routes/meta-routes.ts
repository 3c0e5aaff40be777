import { createRoute } from '@hono/zod-openapi';
import { schedulePresets } from '../../schedule/schedule-presets.js';
import { createRouter } from '../api-dependencies.js';
import { errorResponseSchema, schedulePresetListSchema } from '../api-schemas.js';

const presetsRoute = createRoute({
  method: 'get',
  path: '/schedule-presets',
  tags: ['schedules'],
  summary: 'Schedule presets accepted by name in syncSchedule',
  responses: {
    200: { description: 'Presets', content: { 'application/json': { schema: schedulePresetListSchema } } },
    401: {
      description: 'Missing or invalid token',
      content: { 'application/json': { schema: errorResponseSchema } },
    },
  },
});

/** Schedule presets. */
export function createMetaRoutes() {
  const router = createRouter();
  router.openapi(presetsRoute, (context) =>
    context.json({ presets: schedulePresets.map((preset) => ({ ...preset })) }, 200),
  );
  return router;
}
