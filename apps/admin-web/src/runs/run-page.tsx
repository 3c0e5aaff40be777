import { useSession } from '../app-context';
import { Link } from '../routing/router';
import { formatDateTime, formatDuration } from '../schedule/format-date-time';
import { ErrorState, LoadingState } from '../ui/async-states';
import { StatusBadge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { useInterval } from '../ui/use-interval';
import { HeldDeactivationsPanel } from './held-deactivations-panel';
import { readRunStats } from './read-run-details';
import { RunIssuesTable } from './run-issues-table';
import { RunProgress } from './run-progress';
import { RunStatsTable } from './run-stats';
import { triggerLabel } from './sync-history-table';

/** One sync run: outcome, per-entity statistics, held deactivations and record issues. */
export function RunPage({ providerId, runId }: { providerId: string; runId: string }) {
  const { api } = useSession();
  const run = useAsync(() => api.getRun(runId), [api, runId]);
  const active = run.data?.status === 'IN_PROGRESS' || run.data?.status === 'PENDING';
  useInterval(() => void run.reload(), 1500, active);

  if (run.status === 'loading') return <LoadingState label="Loading sync run…" />;
  if (!run.data) {
    return (
      <>
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          <Link to={{ name: 'list' }}>SIS integrations</Link> <span aria-hidden="true">/</span>{' '}
          <Link to={{ name: 'provider', providerId }}>Integration</Link>
        </nav>
        <ErrorState error={run.error} onRetry={run.reload} title="Could not load this sync run." />
      </>
    );
  }
  const data = run.data;

  return (
    <section aria-labelledby="run-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={{ name: 'list' }}>SIS integrations</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={{ name: 'provider', providerId }}>Integration</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">Sync run</span>
      </nav>
      <div className="page-header">
        <div>
          <h1 id="run-title">Sync run of {formatDateTime(data.startedAt)}</h1>
          <p className="subtitle">
            <StatusBadge status={data.status} /> · {triggerLabel(data)} · took{' '}
            {formatDuration(data.startedAt, data.completedAt)}
          </p>
        </div>
      </div>
      {run.status === 'error' ? (
        <ErrorState error={run.error} onRetry={run.reload} title="Could not refresh this run." />
      ) : null}
      {data.errorMessage ? (
        // A failed run's message is an error; other runs (partial, cancelled) carry notes.
        data.status === 'FAILURE' ? (
          <p className="state state-error" role="alert">
            {data.errorMessage}
          </p>
        ) : (
          <p className="state state-note">{data.errorMessage}</p>
        )
      ) : null}
      {active ? <RunProgress run={data} /> : null}
      <HeldDeactivationsPanel run={data} onChanged={() => void run.reload()} />
      <h2 className="section-title">Changes per entity</h2>
      <RunStatsTable stats={readRunStats(data.statsJson)} />
      <RunIssuesTable runId={runId} />
    </section>
  );
}
