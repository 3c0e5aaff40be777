import { Cron } from 'croner';
import { schedulePresets } from './schedule-presets.js';

/** Outcome of {@link resolveSchedule}: the cron to store, or what is wrong. */
export type ResolvedSchedule = { ok: true; cron: string } | { ok: false; message: string };

/**
 * Turns a preset name or a five-field cron expression into the cron expression to store, checking it
 * with croner in the provider's time zone.
 *
 * @example resolveSchedule('weekdays', 'UTC') // { ok: true, cron: '0 6 * * 1-5' }
 */
export function resolveSchedule(value: string, timeZone: string): ResolvedSchedule {
  const trimmed = value.trim();
  const preset = schedulePresets.find((candidate) => candidate.name === trimmed);
  const cron = preset ? preset.cron : trimmed.split(/\s+/).join(' ');
  if (!preset && cron.split(' ').length !== 5) {
    return {
      ok: false,
      message: `"${trimmed}" is neither a preset (${schedulePresets.map((candidate) => candidate.name).join(', ')}) nor a five-field cron expression (minute hour day-of-month month day-of-week)`,
    };
  }
  try {
    new Cron(cron, { timezone: timeZone, paused: true }).stop();
  } catch (error) {
    return { ok: false, message: `"${trimmed}" is not a valid cron expression: ${(error as Error).message}` };
  }
  return { ok: true, cron };
}

/** True when the IANA time zone name is known to this Node.js runtime. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Next time a cron fires after `from`, or undefined. */
export function nextScheduledRun(cron: string, timeZone: string, from: Date = new Date()): Date | undefined {
  try {
    return new Cron(cron, { timezone: timeZone, paused: true }).nextRun(from) ?? undefined;
  } catch {
    return undefined;
  }
}
