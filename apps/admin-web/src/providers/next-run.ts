import type { Provider } from '../api/api-types';
import { validateCron } from '../schedule/validate-cron';

/** When the provider syncs next: the service's answer when it gives one, else computed from its cron. */
export function nextRunOf(provider: Provider, now: Date = new Date()): Date | null {
  if (!provider.enabled || !provider.syncSchedule) return null;
  if (provider.nextSyncAt) return new Date(provider.nextSyncAt);
  const check = validateCron(provider.syncSchedule, provider.syncTimezone || 'UTC', { count: 1, from: now });
  return check.valid ? (check.nextRuns[0] ?? null) : null;
}
