import { useState } from 'react';
import type {
  ConnectionTestResult,
  Page,
  Provider,
  SchedulePreset,
  SyncRun,
  SyncStatus,
} from '../api/api-types';
import { useSession } from '../app-context';
import { Link, useRouter } from '../routing/router';
import { RunProgress } from '../runs/run-progress';
import { SyncHistoryTable } from '../runs/sync-history-table';
import { describeSchedule } from '../schedule/describe-schedule';
import { formatDateTime } from '../schedule/format-date-time';
import { ErrorState, InlineError, LoadingState } from '../ui/async-states';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { EnabledBadge, StatusBadge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { useInterval } from '../ui/use-interval';
import { ConnectionTestResultView } from './connection-test-result';
import { EditProviderModal } from './edit-provider-modal';
import { nextRunOf } from './next-run';
import { providerTypeTitle } from './provider-fields';

const historyPageSize = 10;
const pollMilliseconds = 1500;

interface DetailsData {
  provider: Provider;
  status: SyncStatus;
  runs: Page<SyncRun>;
}

/**
 * One integration: status, schedule, actions (enable/disable, edit, delete, test, run, dry run, cancel),
 * live progress while a run goes, and the paged sync history.
 */
export function ProviderDetailsPage({
  providerId,
  presets,
}: {
  providerId: string;
  presets: readonly SchedulePreset[];
}) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busyAction, setBusyAction] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const details = useAsync(async (): Promise<DetailsData> => {
    const [provider, status, runs] = await Promise.all([
      api.getProvider(providerId),
      api.getSyncStatus(providerId),
      api.listRuns(providerId, { limit: historyPageSize, offset }),
    ]);
    return { provider, status, runs };
  }, [api, providerId, offset]);

  const running = Boolean(details.data?.status.isRunning);
  useInterval(() => void details.reload(), pollMilliseconds, running || busyAction === 'sync');

  async function act(action: string, work: () => Promise<void>) {
    setBusyAction(action);
    setActionError(null);
    setNotice(null);
    try {
      await work();
      await details.reload();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusyAction(null);
    }
  }

  if (details.status === 'loading') return <LoadingState label="Loading integration…" />;
  if (!details.data) {
    return (
      <>
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          <Link to={{ name: 'list' }}>SIS integrations</Link>
        </nav>
        <ErrorState error={details.error} onRetry={details.reload} title="Could not load this integration." />
      </>
    );
  }

  const { provider, status, runs } = details.data;
  const activeRun = runs.items.find((run) => run.status === 'IN_PROGRESS' || run.status === 'PENDING');
  const nextRun = nextRunOf(provider);

  return (
    <section aria-labelledby="provider-title">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={{ name: 'list' }}>SIS integrations</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{provider.name}</span>
      </nav>
      <div className="page-header">
        <div>
          <h1 id="provider-title">{provider.name}</h1>
          <p className="subtitle">
            {providerTypeTitle(provider.providerType)} · <EnabledBadge enabled={provider.enabled} />
          </p>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            className="button"
            disabled={busyAction !== null}
            onClick={() =>
              act('enable', async () => {
                await api.updateProvider(provider.id, { enabled: !provider.enabled });
                setNotice(
                  provider.enabled ? 'Integration disabled: it will not sync.' : 'Integration enabled.',
                );
              })
            }
          >
            {provider.enabled ? 'Disable' : 'Enable'}
          </button>
          <button type="button" className="button button-danger-outline" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>

      {details.status === 'error' ? (
        <ErrorState
          error={details.error}
          onRetry={details.reload}
          title="Could not refresh this integration."
        />
      ) : null}

      <div className="cards">
        <div className="card">
          <h2 className="card-title">Status</h2>
          <dl className="facts">
            <dt>Last sync</dt>
            <dd>
              <StatusBadge status={running ? 'IN_PROGRESS' : status.lastStatus} />{' '}
              {running && activeRun ? (
                <span className="muted">since {formatDateTime(activeRun.startedAt)}</span>
              ) : status.lastSync || provider.lastSyncAt ? (
                <span className="muted">{formatDateTime(status.lastSync ?? provider.lastSyncAt)}</span>
              ) : null}
            </dd>
            <dt>Schedule</dt>
            <dd>{describeSchedule(provider.syncSchedule, provider.syncTimezone)}</dd>
            <dt>Next run</dt>
            <dd>
              {nextRun
                ? formatDateTime(nextRun, provider.syncTimezone)
                : provider.enabled
                  ? 'Manual only'
                  : 'Disabled'}
            </dd>
          </dl>
        </div>
        <div className="card">
          <h2 className="card-title">Actions</h2>
          <div className="actions wrap">
            <button
              type="button"
              className="button"
              disabled={busyAction !== null}
              onClick={() =>
                act('test', async () => {
                  setTestResult(null);
                  setTestResult(await api.testProvider(provider.id));
                })
              }
            >
              {busyAction === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            {running ? (
              <button
                type="button"
                className="button button-danger"
                disabled={busyAction !== null}
                onClick={() =>
                  act('cancel', async () => {
                    await api.cancelSync(provider.id);
                    setNotice('Cancel requested: the run stops at the next batch boundary.');
                  })
                }
              >
                {busyAction === 'cancel' ? 'Cancelling…' : 'Cancel sync'}
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busyAction !== null || !provider.enabled}
                  onClick={() => act('sync', async () => void (await api.startSync(provider.id, {})))}
                >
                  {busyAction === 'sync' ? 'Starting…' : 'Run sync now'}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={busyAction !== null || !provider.enabled}
                  onClick={() =>
                    act('sync', async () => void (await api.startSync(provider.id, { dryRun: true })))
                  }
                >
                  Dry run
                </button>
              </>
            )}
          </div>
          {!provider.enabled ? <p className="help">Enable the integration to run a sync.</p> : null}
          {testResult ? <ConnectionTestResultView result={testResult} /> : null}
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
          <InlineError error={actionError} />
        </div>
      </div>

      {running && activeRun ? <RunProgress run={activeRun} /> : null}

      <h2 className="section-title">Sync history</h2>
      <SyncHistoryTable providerId={provider.id} page={runs} onPage={setOffset} />

      {editing ? (
        <EditProviderModal
          provider={provider}
          presets={presets}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setNotice('Changes saved.');
            void details.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${provider.name}?`}
          confirmLabel="Delete integration"
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.deleteProvider(provider.id);
            navigate({ name: 'list' });
          }}
        >
          <p>
            The integration, its schedule and its stored credentials are removed. Rostered schools, classes
            and users stay as they are. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
