/**
 * The fixed school year every simulated district runs: 2025-08-15 to 2026-06-10, two semesters. Fixed
 * dates (not the clock) keep the output byte-identical from run to run.
 */
export const schoolYear = {
  endYear: '2026',
  sessions: [
    { title: '2025-2026 School Year', type: 'schoolYear', startDate: '2025-08-15', endDate: '2026-06-10' },
    { title: 'Fall 2025', type: 'semester', startDate: '2025-08-15', endDate: '2025-12-19' },
    { title: 'Spring 2026', type: 'semester', startDate: '2026-01-05', endDate: '2026-06-10' },
  ],
} as const;

/**
 * The instant a district's state is published on a simulated day: day 1 is 2025-09-01T06:00:00Z and each
 * later day adds 24 hours. Day 0 (2025-08-01T06:00:00Z) stamps everything that existed on day 1.
 *
 * @example dayTimestamp(2) // '2025-09-02T06:00:00.000Z'
 */
export function dayTimestamp(day: number): string {
  if (day === 0) return '2025-08-01T06:00:00.000Z';
  return new Date(Date.UTC(2025, 8, day, 6)).toISOString();
}
