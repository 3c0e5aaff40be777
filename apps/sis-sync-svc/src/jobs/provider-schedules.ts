import type PgBoss from 'pg-boss';
import { providerIdOfScheduleQueue, scheduleQueueName } from './sync-queue-names.js';

/** The provider fields that decide its schedule. */
export interface ScheduledProvider {
  id: string;
  enabled: boolean;
  syncSchedule: string | null;
  syncTimezone: string;
}

/**
 * Makes pg-boss's schedule for one provider match the provider: a cron schedule (with time zone) when it is
 * enabled and has a schedule, nothing otherwise.
 */
export async function applyProviderSchedule(boss: PgBoss, provider: ScheduledProvider): Promise<void> {
  const queue = scheduleQueueName(provider.id);
  if (!provider.enabled || !provider.syncSchedule) {
    await boss.unschedule(queue);
    return;
  }
  if (!(await boss.getQueue(queue))) {
    await boss.createQueue(queue, { name: queue, policy: 'short', retryLimit: 0 });
  }
  await boss.schedule(
    queue,
    provider.syncSchedule,
    { providerId: provider.id },
    { tz: provider.syncTimezone },
  );
}

/** Removes a deleted provider's schedule and its tick queue. */
export async function removeProviderSchedule(boss: PgBoss, providerId: string): Promise<void> {
  const queue = scheduleQueueName(providerId);
  await boss.unschedule(queue);
  if (await boss.getQueue(queue)) await boss.deleteQueue(queue);
}

/**
 * Brings every provider's schedule in line with the database (run at start, so a change whose schedule
 * update failed, or a provider deleted by hand, is repaired), and drops schedules of unknown providers.
 */
export async function reconcileProviderSchedules(
  boss: PgBoss,
  providers: ScheduledProvider[],
): Promise<void> {
  const known = new Set(providers.map((provider) => provider.id));
  for (const provider of providers) await applyProviderSchedule(boss, provider);
  for (const schedule of await boss.getSchedules()) {
    const providerId = providerIdOfScheduleQueue(schedule.name);
    if (providerId && !known.has(providerId)) await removeProviderSchedule(boss, providerId);
  }
}
