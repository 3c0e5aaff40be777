import cronstrue from 'cronstrue';

/**
 * The schedule in words with its time zone, e.g. "Every day at 2:00 AM, America/Chicago".
 * Returns "Manual only" when there is no schedule.
 */
export function describeSchedule(
  cron: string | null | undefined,
  timeZone: string | null | undefined,
): string {
  if (!cron) return 'Manual only';
  let words: string;
  try {
    words = cronstrue.toString(cron, { use24HourTimeFormat: false, verbose: false });
  } catch {
    return `Custom schedule "${cron}"`;
  }
  // "At 02:00 AM" → "Every day at 2:00 AM": admins read times without the leading zero.
  const tidy = words.replace(/\b0(\d:\d{2})/g, '$1');
  const everyDay = /^At [^,]+$/.test(tidy) ? tidy.replace(/^At /, 'Every day at ') : tidy;
  return timeZone ? `${everyDay}, ${timeZone}` : everyDay;
}
