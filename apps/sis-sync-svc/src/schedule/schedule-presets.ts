/** The schedule presets of SPEC.md, accepted by name wherever a cron expression is. */
export const schedulePresets = [
  { name: 'daily', cron: '0 2 * * *', description: 'every day at 2 AM' },
  { name: 'twice-daily', cron: '0 2,14 * * *', description: '2 AM and 2 PM' },
  { name: 'every-6-hours', cron: '0 */6 * * *', description: 'every six hours' },
  { name: 'weekdays', cron: '0 6 * * 1-5', description: 'weekdays at 6 AM' },
  { name: 'hourly', cron: '0 * * * *', description: 'every hour' },
  { name: 'weekly', cron: '0 0 * * 0', description: 'Sundays at midnight' },
] as const;

export type SchedulePreset = (typeof schedulePresets)[number];
