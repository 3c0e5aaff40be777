import type { SyncRun } from '../api/api-types';
import { readRunProgress } from './read-run-details';
import { entityLabel } from './run-stats';

/** Live progress of a running sync: which entity and how many records so far. */
export function RunProgress({ run }: { run: SyncRun }) {
  const progress = readRunProgress(run.progress);
  const percent =
    progress?.total && progress.total > 0 && progress.processed !== undefined
      ? Math.min(100, Math.round((progress.processed / progress.total) * 100))
      : null;
  return (
    <div className="run-progress" role="status" aria-live="polite">
      <strong>
        {run.status === 'PENDING' ? 'Sync queued…' : `Syncing${run.dryRun ? ' (dry run)' : ''}…`}
      </strong>{' '}
      {progress?.entity ? (
        <span>
          {entityLabel(progress.entity)}
          {progress.phase ? ` (${progress.phase})` : ''}: {progress.processed ?? 0}
          {progress.total ? ` of ${progress.total}` : ''} records processed
        </span>
      ) : (
        <span>{progress?.message ?? 'Waiting for the first records…'}</span>
      )}
      <div className="progress-bar" aria-hidden="true">
        <div
          className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
