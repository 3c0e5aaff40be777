import { type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import { z } from '@hono/zod-openapi';
import { Prisma, type SisProviderSyncState } from '../generated/prisma/client.js';

const percent = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');

/** Per-entity deactivation limits; an entity left out uses `maxDeactivatePercent`. */
const percentByEntitySchema = z.strictObject(
  Object.fromEntries(rosterEntities.map((entity) => [entity, percent.optional()])) as Record<
    RosterEntity,
    z.ZodOptional<typeof percent>
  >,
);

/**
 * A provider's reconciliation settings as the API accepts them (create and PATCH). Fields left out keep
 * their value; `null` returns a limit to the default.
 */
export const providerSyncSettingsInputSchema = z
  .strictObject({
    createUnmatchedUsers: z.boolean().optional().openapi({
      description: 'Create a platform user for a SIS user no existing user matches (default true)',
    }),
    maxDeactivatePercent: percent.nullable().optional().openapi({
      description:
        'Hold deactivations for approval when a run would deactivate more than this share (0–100) of an entity; null restores the default (10)',
    }),
    maxDeactivatePercentByEntity: percentByEntitySchema.nullable().optional().openapi({
      description: 'The same limit per entity (orgs, academicSessions, courses, classes, users, enrollments)',
    }),
  })
  .openapi('ProviderSyncSettingsInput');

/** Validated sync settings of a create or PATCH body. */
export type ProviderSyncSettingsInput = z.infer<typeof providerSyncSettingsInputSchema>;

/** A provider's stored sync settings as the API shows them; null limits mean the default. */
export const providerSyncSettingsSchema = z
  .object({
    createUnmatchedUsers: z.boolean(),
    maxDeactivatePercent: z.number().nullable(),
    maxDeactivatePercentByEntity: z.record(z.string(), z.number()).nullable(),
  })
  .openapi('ProviderSyncSettings');

/** Stored sync settings of a provider, as the API shows them. */
export type ProviderSyncSettings = z.infer<typeof providerSyncSettingsSchema>;

/** The settings of a provider without a `sis_provider_sync_state` row (the executor's defaults). */
export const defaultProviderSyncSettings: ProviderSyncSettings = {
  createUnmatchedUsers: true,
  maxDeactivatePercent: null,
  maxDeactivatePercentByEntity: null,
};

/** API view of a sync state row (or the defaults without one). */
export function toProviderSyncSettings(state: SisProviderSyncState | null | undefined): ProviderSyncSettings {
  if (!state) return defaultProviderSyncSettings;
  return {
    createUnmatchedUsers: state.createUnmatchedUsers,
    maxDeactivatePercent: state.maxDeactivatePercent,
    maxDeactivatePercentByEntity:
      (state.maxDeactivatePercentByEntity as Record<string, number> | null) ?? null,
  };
}

/** Prisma column values of the settings given (left-out fields are not touched). */
export function syncSettingsColumns(settings: ProviderSyncSettingsInput) {
  return {
    ...(settings.createUnmatchedUsers !== undefined
      ? { createUnmatchedUsers: settings.createUnmatchedUsers }
      : {}),
    ...(settings.maxDeactivatePercent !== undefined
      ? { maxDeactivatePercent: settings.maxDeactivatePercent }
      : {}),
    ...(settings.maxDeactivatePercentByEntity !== undefined
      ? {
          maxDeactivatePercentByEntity:
            settings.maxDeactivatePercentByEntity === null
              ? Prisma.DbNull
              : (settings.maxDeactivatePercentByEntity as Prisma.InputJsonObject),
        }
      : {}),
  };
}
