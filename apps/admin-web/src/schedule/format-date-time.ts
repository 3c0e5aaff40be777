/** A date and time in the admin's locale, shown in the given time zone when there is one. */
export function formatDateTime(value: Date | string | null | undefined, timeZone?: string | null): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    // With the provider's zone, name it ("6:00 AM CST"), so an admin elsewhere is not misled.
    ...(timeZone ? { timeZone, timeZoneName: 'short' as const } : {}),
  }).format(date);
}

/** A duration such as "2 min 5 s" between two instants; "—" when the run has not finished. */
export function formatDuration(start: string | null | undefined, end: string | null | undefined): string {
  if (!start || !end) return '—';
  const milliseconds = new Date(end).getTime() - new Date(start).getTime();
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return '—';
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The browser's own time zone, used as the default for new schedules. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
