/** pg-boss queue holding one job per sync run (job id = run id). */
export const runQueueName = 'sis-sync-run';

/** pg-boss queue (and schedule) of one provider's cron ticks; pg-boss keys schedules by queue name. */
export function scheduleQueueName(providerId: string): string {
  return `sis-sync-schedule-${providerId}`;
}

/** The provider id of a schedule queue name, or undefined for other queues. */
export function providerIdOfScheduleQueue(queueName: string): string | undefined {
  const prefix = 'sis-sync-schedule-';
  return queueName.startsWith(prefix) ? queueName.slice(prefix.length) : undefined;
}
