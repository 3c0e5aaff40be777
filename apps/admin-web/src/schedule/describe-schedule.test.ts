import { describe, expect, it } from 'vitest';
import { describeSchedule } from './describe-schedule';

describe('describeSchedule', () => {
  it('reads the daily preset the way the issue shows it', () => {
    expect(describeSchedule('0 2 * * *', 'America/Chicago')).toBe('Every day at 2:00 AM, America/Chicago');
  });

  it('describes the other presets', () => {
    expect(describeSchedule('0 2,14 * * *', 'UTC')).toBe('Every day at 2:00 AM and 2:00 PM, UTC');
    expect(describeSchedule('0 6 * * 1-5', null)).toBe('At 6:00 AM, Monday through Friday');
  });

  it('says "Manual only" without a schedule', () => {
    expect(describeSchedule(null, 'UTC')).toBe('Manual only');
  });
});
