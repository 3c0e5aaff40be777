import { Cron } from 'croner';

/** Outcome of checking a cron expression: the next run times, or what to fix. */
export type CronCheck = { valid: true; nextRuns: Date[] } | { valid: false; message: string };

/**
 * Checks a standard five-field cron expression (minute hour day-of-month month day-of-week) in a
 * time zone and previews its next runs.
 */
export function validateCron(
  expression: string,
  timeZone: string,
  options: { count?: number; from?: Date } = {},
): CronCheck {
  const text = expression.trim().replace(/\s+/g, ' ');
  if (!text) return { valid: false, message: 'Enter a cron expression, for example "0 2 * * *".' };
  const fields = text.split(' ');
  if (fields.length !== 5) {
    return {
      valid: false,
      message: `A cron expression has 5 fields (minute hour day-of-month month day-of-week); this one has ${fields.length}.`,
    };
  }
  if (!isValidTimeZone(timeZone)) {
    return { valid: false, message: `"${timeZone}" is not a known time zone (e.g. America/Chicago).` };
  }
  try {
    const cron = new Cron(text, { timezone: timeZone, paused: true });
    const nextRuns = cron.nextRuns(options.count ?? 3, options.from ?? new Date());
    cron.stop();
    if (nextRuns.length === 0) return { valid: false, message: 'This schedule never runs.' };
    return { valid: true, nextRuns };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/i, '') : String(error);
    return { valid: false, message: `Not a valid cron expression: ${detail}` };
  }
}

/** True when the browser knows the IANA time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
