import { randomUUID } from 'node:crypto';
import { ApiError, type FieldIssue, fieldIssues } from '../api/api-error.js';
import type { PrismaClient, SisProvider, SisProviderSyncState } from '../generated/prisma/client.js';
import { isValidTimeZone, resolveSchedule } from '../schedule/resolve-schedule.js';
import type { ConfigCipher } from '../security/config-cipher.js';
import { mergeSecrets } from '../security/secret-fields.js';
import { configAsGiven } from './config-as-given.js';
import { type ProviderTypeName, providerConfigSchemas } from './provider-config-schemas.js';
import { type ProviderSyncSettingsInput, syncSettingsColumns } from './provider-sync-settings.js';

/** Validated input of a new provider. */
export interface NewProvider {
  tenantId: string;
  providerType: ProviderTypeName;
  name: string;
  config: Record<string, unknown>;
  enabled?: boolean | undefined;
  syncSchedule?: string | null | undefined;
  syncTimezone?: string | undefined;
  syncSettings?: ProviderSyncSettingsInput | undefined;
}

/** Validated changes to a provider (config may omit or blank its secrets). */
export interface ProviderPatch {
  name?: string | undefined;
  config?: Record<string, unknown> | undefined;
  enabled?: boolean | undefined;
  syncSchedule?: string | null | undefined;
  syncTimezone?: string | undefined;
  syncSettings?: ProviderSyncSettingsInput | undefined;
}

/** A provider with its sync settings row (absent while every setting has its default). */
export type ProviderWithSyncState = SisProvider & { syncState: SisProviderSyncState | null };

function scheduleFields(
  schedule: string | null | undefined,
  timeZone: string,
): { syncSchedule: string | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!isValidTimeZone(timeZone))
    issues.push({ path: 'syncTimezone', message: `unknown time zone "${timeZone}"` });
  if (schedule === null || schedule === undefined) return { syncSchedule: null, issues };
  const resolved = resolveSchedule(schedule, issues.length > 0 ? 'UTC' : timeZone);
  if (!resolved.ok) {
    issues.push({ path: 'syncSchedule', message: resolved.message });
    return { syncSchedule: null, issues };
  }
  return { syncSchedule: resolved.cron, issues };
}

/**
 * Stores a new provider with its config (as the admin gave it, validated by the connector's schema)
 * encrypted and bound to the provider id.
 */
export async function createProvider(
  prisma: PrismaClient,
  cipher: ConfigCipher,
  input: NewProvider,
): Promise<ProviderWithSyncState> {
  const syncTimezone = input.syncTimezone ?? 'UTC';
  const { syncSchedule, issues } = scheduleFields(input.syncSchedule, syncTimezone);
  const parsed = providerConfigSchemas[input.providerType].safeParse(input.config);
  if (!parsed.success) issues.push(...fieldIssues(parsed.error, ['config']));
  if (issues.length > 0 || !parsed.success) throw ApiError.validation(issues);
  const config = configAsGiven(parsed.data, input.config);
  const id = randomUUID();
  return prisma.sisProvider.create({
    data: {
      id,
      tenantId: input.tenantId,
      providerType: input.providerType,
      name: input.name,
      configJson: cipher.encrypt(config, id),
      configKeyId: cipher.currentKeyId,
      enabled: input.enabled ?? true,
      syncSchedule,
      syncTimezone,
      ...(input.syncSettings ? { syncState: { create: syncSettingsColumns(input.syncSettings) } } : {}),
    },
    include: { syncState: true },
  });
}

/**
 * Applies a PATCH: a new config replaces the stored one except for secrets left blank or absent, and is
 * validated in full against the provider type's schema.
 */
export async function updateProvider(
  prisma: PrismaClient,
  cipher: ConfigCipher,
  provider: SisProvider,
  patch: ProviderPatch,
): Promise<ProviderWithSyncState> {
  const providerType = provider.providerType as ProviderTypeName;
  const data: Parameters<PrismaClient['sisProvider']['update']>[0]['data'] = {};
  const issues: FieldIssue[] = [];
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.enabled !== undefined) data.enabled = patch.enabled;
  if (patch.config !== undefined) {
    const stored = cipher.decrypt(provider.configJson, provider.id);
    const merged = mergeSecrets(providerType, stored, patch.config);
    const parsed = providerConfigSchemas[providerType].safeParse(merged);
    if (parsed.success) {
      data.configJson = cipher.encrypt(configAsGiven(parsed.data, merged), provider.id);
      data.configKeyId = cipher.currentKeyId;
    } else {
      issues.push(...fieldIssues(parsed.error, ['config']));
    }
  }
  if (patch.syncSchedule !== undefined || patch.syncTimezone !== undefined) {
    const timeZone = patch.syncTimezone ?? provider.syncTimezone;
    const schedule = patch.syncSchedule === undefined ? provider.syncSchedule : patch.syncSchedule;
    const resolved = scheduleFields(schedule, timeZone);
    issues.push(...resolved.issues);
    data.syncSchedule = resolved.syncSchedule;
    data.syncTimezone = timeZone;
  }
  if (patch.syncSettings !== undefined) {
    const columns = syncSettingsColumns(patch.syncSettings);
    data.syncState = { upsert: { create: columns, update: columns } };
  }
  if (issues.length > 0) throw ApiError.validation(issues);
  return prisma.sisProvider.update({ where: { id: provider.id }, data, include: { syncState: true } });
}
