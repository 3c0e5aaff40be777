const labels: Record<string, string> = {
  PENDING: 'Queued',
  IN_PROGRESS: 'Running',
  SUCCESS: 'Success',
  PARTIAL: 'Partial',
  FAILURE: 'Failed',
  CANCELLED: 'Cancelled',
};

/** A run status as a coloured label with words (never colour alone). */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="badge badge-none">Never run</span>;
  return (
    <span className={`badge badge-${status.toLowerCase().replace('_', '-')}`}>
      {labels[status] ?? status}
    </span>
  );
}

/** Enabled / disabled label of a provider. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span className={`badge ${enabled ? 'badge-enabled' : 'badge-disabled'}`}>
      {enabled ? 'Enabled' : 'Disabled'}
    </span>
  );
}
