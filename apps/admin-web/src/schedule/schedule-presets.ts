import type { SchedulePreset } from '../api/api-types';

/**
 * SPEC.md's presets, offered until (or if) `GET /api/v1/schedule-presets` answers; the service's list wins.
 */
export const defaultSchedulePresets: readonly SchedulePreset[] = [
  { name: 'daily', cron: '0 2 * * *', description: 'every day at 2 AM' },
  { name: 'twice-daily', cron: '0 2,14 * * *', description: '2 AM and 2 PM' },
  { name: 'every-6-hours', cron: '0 */6 * * *', description: 'every six hours' },
  { name: 'weekdays', cron: '0 6 * * 1-5', description: 'weekdays at 6 AM' },
  { name: 'hourly', cron: '0 * * * *', description: 'every hour' },
  { name: 'weekly', cron: '0 0 * * 0', description: 'Sundays at midnight' },
];

/** A preset's label, e.g. "Every day at 2 AM". */
export function presetLabel(preset: SchedulePreset): string {
  return preset.description.charAt(0).toUpperCase() + preset.description.slice(1);
}
