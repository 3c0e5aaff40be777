import { useState } from 'react';
import type { Provider, SchedulePreset, SyncStatus } from '../api/api-types';
import { useSession } from '../app-context';
import { Link, useRouter } from '../routing/router';
import { describeSchedule } from '../schedule/describe-schedule';
import { formatDateTime } from '../schedule/format-date-time';
import { EmptyState, ErrorState, LoadingState } from '../ui/async-states';
import { EnabledBadge, StatusBadge } from '../ui/status-badge';
import { useAsync } from '../ui/use-async';
import { AddIntegrationModal } from './add-integration-modal';
import { nextRunOf } from './next-run';
import { providerTypeTitle } from './provider-fields';

interface ListedProvider {
  provider: Provider;
  status: SyncStatus | null;
}

/** Every integration of the tenant, with schedule in words, last sync and next run. */
export function IntegrationListPage({ presets }: { presets: readonly SchedulePreset[] }) {
  const { api, tenantId } = useSession();
  const { navigate } = useRouter();
  const [adding, setAdding] = useState(false);
  const list = useAsync(async (): Promise<ListedProvider[]> => {
    if (!tenantId) return [];
    const providers = await api.listProviders(tenantId);
    // The status call adds whether a run is going; a failure there must not hide the list.
    return Promise.all(
      providers.map(async (provider) => ({
        provider,
        status: await api.getSyncStatus(provider.id).catch(() => null),
      })),
    );
  }, [api, tenantId]);

  return (
    <section aria-labelledby="list-title">
      <div className="page-header">
        <div>
          <h1 id="list-title">SIS integrations</h1>
          <p className="subtitle">
            Rosters sync automatically from your Student Information System.{' '}
            {tenantId ? `District: ${tenantId}` : ''}
          </p>
        </div>
        {tenantId ? (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add integration
          </button>
        ) : null}
      </div>

      {!tenantId ? (
        <EmptyState title="Choose a district">
          <p>Enter a tenant ID above to see that district's integrations.</p>
        </EmptyState>
      ) : list.status === 'loading' ? (
        <LoadingState label="Loading integrations…" />
      ) : list.status === 'error' ? (
        <ErrorState error={list.error} onRetry={list.reload} title="Could not load the integrations." />
      ) : list.data.length === 0 ? (
        <EmptyState title="No integrations yet">
          <p>Connect Clever, ClassLink or a OneRoster source to start syncing rosters.</p>
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add your first integration
          </button>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table responsive-table">
            <caption className="visually-hidden">Integrations of {tenantId}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Enabled</th>
                <th scope="col">Schedule</th>
                <th scope="col">Last sync</th>
                <th scope="col">Next run</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map(({ provider, status }) => {
                const nextRun = nextRunOf(provider);
                const lastStatus = status?.isRunning ? 'IN_PROGRESS' : status?.lastStatus;
                const lastSync = status?.lastSync ?? provider.lastSyncAt;
                return (
                  <tr key={provider.id}>
                    <th scope="row" data-label="Name">
                      <Link to={{ name: 'provider', providerId: provider.id }}>{provider.name}</Link>
                    </th>
                    <td data-label="Type">{providerTypeTitle(provider.providerType)}</td>
                    <td data-label="Enabled">
                      <EnabledBadge enabled={provider.enabled} />
                    </td>
                    <td data-label="Schedule">
                      {describeSchedule(provider.syncSchedule, provider.syncTimezone)}
                    </td>
                    <td data-label="Last sync">
                      <StatusBadge status={lastStatus} />{' '}
                      {lastSync ? <span className="muted">{formatDateTime(lastSync)}</span> : null}
                    </td>
                    <td data-label="Next run">
                      {nextRun
                        ? formatDateTime(nextRun, provider.syncTimezone)
                        : provider.enabled
                          ? 'Manual only'
                          : 'Disabled'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {adding && tenantId ? (
        <AddIntegrationModal
          tenantId={tenantId}
          presets={presets}
          onClose={() => setAdding(false)}
          onSaved={(provider) => {
            setAdding(false);
            navigate({ name: 'provider', providerId: provider.id });
          }}
        />
      ) : null}
    </section>
  );
}
