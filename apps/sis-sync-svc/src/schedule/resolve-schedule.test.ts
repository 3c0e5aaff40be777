import { describe, expect, it } from 'vitest';
import { isValidTimeZone, nextScheduledRun, resolveSchedule } from './resolve-schedule.js';

describe('resolveSchedule', () => {
  it('turns presets into their cron', () => {
    expect(resolveSchedule('twice-daily', 'UTC')).toEqual({ ok: true, cron: '0 2,14 * * *' });
  });

  it('accepts a five-field cron and normalizes spacing', () => {
    expect(resolveSchedule(' 0  6 * * 1-5 ', 'America/Chicago')).toEqual({ ok: true, cron: '0 6 * * 1-5' });
  });

  it('explains what is wrong', () => {
    const wrongCount = resolveSchedule('* * * * * *', 'UTC');
    expect(wrongCount.ok).toBe(false);
    expect(!wrongCount.ok && wrongCount.message).toContain('five-field cron');
    const wrongValue = resolveSchedule('0 25 * * *', 'UTC');
    expect(wrongValue.ok).toBe(false);
    expect(!wrongValue.ok && wrongValue.message).toContain('not a valid cron expression');
  });
});

describe('time zones', () => {
  it('knows IANA names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('computes the next run in the provider time zone', () => {
    const next = nextScheduledRun('0 2 * * *', 'America/New_York', new Date('2026-01-15T00:00:00Z'));
    expect(next?.toISOString()).toBe('2026-01-15T07:00:00.000Z');
  });
});
