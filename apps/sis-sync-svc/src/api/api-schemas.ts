import { z } from '@hono/zod-openapi';
import { providerConfigSchemas, providerTypeNames } from '../providers/provider-config-schemas.js';
import {
  providerSyncSettingsInputSchema,
  providerSyncSettingsSchema,
} from '../providers/provider-sync-settings.js';

/** Zod schemas of the API's requests and responses; they also produce the OpenAPI document. */

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

export const tenantParamsSchema = z.object({ tenantId: z.string().min(1).max(200) });
export const providerParamsSchema = z.object({ providerId: z.uuid() });
export const runParamsSchema = z.object({ runId: z.uuid() });

const scheduleSchema = z.string().min(1).max(200).nullable().openapi({
  description: 'A preset name (daily, weekdays, …) or a five-field cron expression; null removes it',
});
const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .openapi({ description: 'IANA time zone of the schedule', example: 'America/Chicago' });

const createCommon = {
  tenantId: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().optional(),
  syncSchedule: scheduleSchema.optional(),
  syncTimezone: timeZoneSchema.optional(),
  syncSettings: providerSyncSettingsInputSchema.optional(),
};

export const createProviderBodySchema = z
  .discriminatedUnion('providerType', [
    z.strictObject({
      ...createCommon,
      providerType: z.literal('CLEVER'),
      config: providerConfigSchemas.CLEVER,
    }),
    z.strictObject({
      ...createCommon,
      providerType: z.literal('CLASSLINK'),
      config: providerConfigSchemas.CLASSLINK,
    }),
    z.strictObject({
      ...createCommon,
      providerType: z.literal('ONEROSTER_API'),
      config: providerConfigSchemas.ONEROSTER_API,
    }),
    z.strictObject({
      ...createCommon,
      providerType: z.literal('ONEROSTER_CSV'),
      config: providerConfigSchemas.ONEROSTER_CSV,
    }),
  ])
  .openapi('CreateProvider');

/** An unsaved provider config to test: the create body's tenant, type and config, validated the same way. */
export const testProviderConfigBodySchema = z
  .discriminatedUnion('providerType', [
    z.strictObject({
      tenantId: createCommon.tenantId,
      providerType: z.literal('CLEVER'),
      config: providerConfigSchemas.CLEVER,
    }),
    z.strictObject({
      tenantId: createCommon.tenantId,
      providerType: z.literal('CLASSLINK'),
      config: providerConfigSchemas.CLASSLINK,
    }),
    z.strictObject({
      tenantId: createCommon.tenantId,
      providerType: z.literal('ONEROSTER_API'),
      config: providerConfigSchemas.ONEROSTER_API,
    }),
    z.strictObject({
      tenantId: createCommon.tenantId,
      providerType: z.literal('ONEROSTER_CSV'),
      config: providerConfigSchemas.ONEROSTER_CSV,
    }),
  ])
  .openapi('TestProviderConfig');

export const updateProviderBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    config: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'Full config; secret fields left blank or absent keep their stored values' }),
    enabled: z.boolean().optional(),
    syncSchedule: scheduleSchema.optional(),
    syncTimezone: timeZoneSchema.optional(),
    syncSettings: providerSyncSettingsInputSchema.optional(),
  })
  .openapi('UpdateProvider');

export const providerSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    providerType: z.enum(providerTypeNames as [string, ...string[]]),
    name: z.string(),
    config: z.record(z.string(), z.unknown()).openapi({
      description: 'Non-secret fields; each secret field is shown as { "set": true|false }',
    }),
    enabled: z.boolean(),
    syncSchedule: z.string().nullable(),
    syncTimezone: z.string(),
    nextSyncAt: z.string().nullable(),
    lastSyncAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    // Always sent; optional in the document so clients typed against the earlier document stay valid.
    syncSettings: providerSyncSettingsSchema.optional(),
  })
  .openapi('Provider');

export const providerListSchema = z.object({ providers: z.array(providerSchema) }).openapi('ProviderList');

export const runSchema = z
  .object({
    id: z.string(),
    providerId: z.string(),
    tenantId: z.string(),
    status: z.string(),
    mode: z.string(),
    dryRun: z.boolean(),
    isManual: z.boolean(),
    triggeredBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    heartbeatAt: z.string().nullable(),
    cancelRequested: z.boolean(),
    statsJson: z.unknown(),
    progress: z.unknown(),
    heldStatus: z.string().nullable(),
    errorMessage: z.string().nullable(),
  })
  .openapi('SyncRun');

export const pagingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const runListSchema = z
  .object({ runs: z.array(runSchema), total: z.number(), limit: z.number(), offset: z.number() })
  .openapi('SyncRunList');

export const runDetailSchema = runSchema
  .extend({
    issuesSummary: z.object({ total: z.number(), byCode: z.record(z.string(), z.number()) }),
    heldDeactivations: z.unknown(),
  })
  .openapi('SyncRunDetail');

export const triggerSyncBodySchema = z
  .strictObject({
    dryRun: z.boolean().optional(),
    mode: z.enum(['full', 'delta']).optional(),
  })
  .openapi('TriggerSync');

export const triggerSyncResponseSchema = z
  .object({ runId: z.string(), status: z.string(), run: runSchema })
  .openapi('TriggeredSync');

export const cancelSyncResponseSchema = z
  .object({ runId: z.string(), status: z.string(), run: runSchema })
  .openapi('CancelledSync');

export const syncStatusSchema = z
  .object({
    isRunning: z.boolean(),
    lastSync: z.string().nullable(),
    lastStatus: z.string().nullable(),
    currentRunId: z.string().nullable(),
    currentRunStatus: z.string().nullable(),
  })
  .openapi('SyncStatus');

export const connectionTestSchema = z
  .object({ success: z.boolean(), message: z.string(), reason: z.string().optional() })
  .openapi('ConnectionTest');

export const issueSchema = z
  .object({
    id: z.string(),
    entity: z.string(),
    sourcedId: z.string().nullable(),
    severity: z.string(),
    code: z.string(),
    message: z.string(),
    location: z.string().nullable(),
    detail: z.unknown(),
    createdAt: z.string(),
  })
  .openapi('RunIssue');

export const issuesQuerySchema = pagingQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
  code: z.string().max(100).optional(),
  entity: z.string().max(50).optional(),
});

export const issueListSchema = z
  .object({ issues: z.array(issueSchema), total: z.number(), limit: z.number(), offset: z.number() })
  .openapi('RunIssueList');

export const heldDecisionSchema = z
  .object({
    runId: z.string(),
    heldStatus: z.string(),
    deactivated: z.record(z.string(), z.number()).optional(),
  })
  .openapi('HeldDecision');

export const schedulePresetListSchema = z
  .object({ presets: z.array(z.object({ name: z.string(), cron: z.string(), description: z.string() })) })
  .openapi('SchedulePresetList');

export const rosterEntities = ['schools', 'terms', 'courses', 'classes', 'users', 'enrollments'] as const;

export const rosterParamsSchema = tenantParamsSchema.extend({ entity: z.enum(rosterEntities) });

export const rosterQuerySchema = pagingQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  active: z.enum(['true', 'false', 'all']).default('true'),
  providerId: z.uuid().optional(),
  schoolId: z.string().max(200).optional().openapi({ description: 'sourcedId of a school' }),
  classId: z.string().max(200).optional().openapi({ description: 'sourcedId of a class (enrollments)' }),
  role: z.string().max(50).optional(),
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Case-insensitive match on name/title/email' }),
});

export const rosterPageSchema = z
  .object({
    items: z.array(z.record(z.string(), z.unknown())),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
  })
  .openapi('RosterPage');
