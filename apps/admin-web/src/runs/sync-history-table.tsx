import type { Page, SyncRun } from '../api/api-types';
import { Link } from '../routing/router';
import { formatDateTime, formatDuration } from '../schedule/format-date-time';
import { EmptyState } from '../ui/async-states';
import { Pager } from '../ui/pager';
import { StatusBadge } from '../ui/status-badge';
import { readRunStats } from './read-run-details';
import { RunStatsSummary } from './run-stats';

/** How a run was started, in words. */
export function triggerLabel(run: SyncRun): string {
  const kind = run.isManual ? 'Manual' : 'Scheduled';
  const extras = [run.dryRun ? 'dry run' : null, run.mode === 'delta' ? 'delta' : null].filter(Boolean);
  return extras.length > 0 ? `${kind} (${extras.join(', ')})` : kind;
}

/** The paged table of a provider's runs, newest first. */
export function SyncHistoryTable(props: {
  providerId: string;
  page: Page<SyncRun>;
  onPage: (offset: number) => void;
}) {
  const { providerId, page } = props;
  if (page.total === 0 && page.items.length === 0) {
    return (
      <EmptyState title="No syncs yet">
        <p>Press “Run sync now” or wait for the schedule.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table responsive-table history-table">
          <caption className="visually-hidden">Sync history</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Duration</th>
              <th scope="col">Changes (+created ~updated −deactivated)</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((run) => (
              <tr key={run.id}>
                <th scope="row" data-label="Started">
                  <Link to={{ name: 'run', providerId, runId: run.id }}>{formatDateTime(run.startedAt)}</Link>
                </th>
                <td data-label="Status">
                  <StatusBadge status={run.status} />
                  {run.heldStatus === 'HELD' ? (
                    <span className="badge badge-held">Held deactivations</span>
                  ) : null}
                </td>
                <td data-label="Trigger">{triggerLabel(run)}</td>
                <td data-label="Duration">{formatDuration(run.startedAt, run.completedAt)}</td>
                <td data-label="Changes">
                  <RunStatsSummary stats={readRunStats(run.statsJson)} />
                  {run.errorMessage ? <p className="run-error">{run.errorMessage}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        total={page.total}
        limit={page.limit}
        offset={page.offset}
        onChange={props.onPage}
        label="Sync history pages"
      />
    </>
  );
}
