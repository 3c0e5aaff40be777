import type { SchedulePreset } from '../api/api-types';

/**
 * SPEC.md's presets, used until (or if) `GET /api/v1/schedule-presets` answers; the service's list wins.
 */
export const defaultSchedulePresets: readonly SchedulePreset[] = [
  { id: 'daily', cron: '0 2 * * *', label: 'Every day at 2 AM' },
  { id: 'twice-daily', cron: '0 2,14 * * *', label: 'Twice a day, 2 AM and 2 PM' },
  { id: 'every-6-hours', cron: '0 */6 * * *', label: 'Every six hours' },
  { id: 'weekdays', cron: '0 6 * * 1-5', label: 'Weekdays at 6 AM' },
  { id: 'hourly', cron: '0 * * * *', label: 'Every hour' },
  { id: 'weekly', cron: '0 0 * * 0', label: 'Sundays at midnight' },
];
