import { describe, expect, it } from 'vitest';
import { validateCron } from './validate-cron';

const from = new Date('2026-03-07T12:00:00Z');

describe('validateCron', () => {
  it('previews the next three runs in the time zone, across a daylight-saving change', () => {
    const check = validateCron('0 2 * * *', 'America/Chicago', { from });
    expect(check.valid).toBe(true);
    if (!check.valid) return;
    expect(check.nextRuns.map((date) => date.toISOString())).toEqual([
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T07:00:00.000Z',
      '2026-03-10T07:00:00.000Z',
    ]);
  });

  it('accepts every SPEC preset', () => {
    for (const cron of [
      '0 2 * * *',
      '0 2,14 * * *',
      '0 */6 * * *',
      '0 6 * * 1-5',
      '0 * * * *',
      '0 0 * * 0',
    ]) {
      expect(validateCron(cron, 'UTC', { from }).valid, cron).toBe(true);
    }
  });

  it('says how many fields a cron needs', () => {
    expect(validateCron('0 2 * *', 'UTC')).toEqual({
      valid: false,
      message: 'A cron expression has 5 fields (minute hour day-of-month month day-of-week); this one has 4.',
    });
    expect(validateCron('0 0 2 * * *', 'UTC').valid).toBe(false);
  });

  it('names the field whose value is out of range', () => {
    const check = validateCron('61 * * * *', 'UTC');
    expect(check).toEqual({
      valid: false,
      message: 'Not a valid cron expression: Invalid value for minute: 61',
    });
  });

  it('rejects an empty expression and an unknown time zone', () => {
    expect(validateCron('  ', 'UTC').valid).toBe(false);
    expect(validateCron('0 2 * * *', 'Mars/Olympus')).toEqual({
      valid: false,
      message: '"Mars/Olympus" is not a known time zone (e.g. America/Chicago).',
    });
  });
});
