import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../api/api-types';
import { defaultSchedulePresets } from '../schedule/schedule-presets';
import { createFakeServiceFetch } from '../test/fake-service-fetch';
import { renderWithSession } from '../test/render-with-session';
import { ProviderDetailsPage } from './provider-details-page';

const provider: Provider = {
  id: 'provider-1',
  tenantId: 'district-1',
  providerType: 'CLASSLINK',
  name: 'ClassLink roster',
  config: { tenantId: '12', clientId: 'abc', clientSecret: { set: true } },
  enabled: true,
  syncSchedule: '0 2 * * *',
  syncTimezone: 'America/Chicago',
  nextSyncAt: '2026-11-27T08:00:00.000Z',
  lastSyncAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function renderPage() {
  const service = createFakeServiceFetch();
  service.providers.set(provider.id, provider);
  renderWithSession(
    <ProviderDetailsPage providerId={provider.id} presets={defaultSchedulePresets} />,
    service.fetch,
  );
  return { service, user: userEvent.setup() };
}

describe('ProviderDetailsPage', () => {
  it('shows the schedule in words, the next run and the history with per-entity changes', async () => {
    const service = createFakeServiceFetch();
    service.providers.set(provider.id, provider);
    service.createRun(provider.id, {
      status: 'SUCCESS',
      completedAt: '2026-11-20T08:02:05.000Z',
      statsJson: {
        users: { created: 40, updated: 2, deactivated: 1 },
        classes: { created: 6, updated: 0, deactivated: 0 },
      },
    });
    renderWithSession(
      <ProviderDetailsPage providerId={provider.id} presets={defaultSchedulePresets} />,
      service.fetch,
    );
    await screen.findByRole('heading', { level: 1, name: 'ClassLink roster' });
    expect(screen.getByText('Every day at 2:00 AM, America/Chicago')).toBeTruthy();
    expect(screen.getByText('Nov 27, 2026, 2:00 AM CST')).toBeTruthy();
    const row = screen.getAllByRole('row')[1]!;
    expect(within(row).getByText('Success')).toBeTruthy();
    expect(within(row).getByText('Manual')).toBeTruthy();
    expect(within(row).getByText('2 min 5 s')).toBeTruthy();
    expect(row.textContent).toContain('Users +40 ~2 −1');
    expect(row.textContent).toContain('Classes +6 ~0 −0');
  });

  it('runs a sync, shows its live progress and cancels it', async () => {
    const { service, user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Run sync now' }));
    expect(service.requests.find((request) => request.path.endsWith('/sync'))?.body).toEqual({});
    expect(await screen.findByText('Users (load): 120 records processed')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel sync' }));
    expect(await screen.findByText(/Cancel requested/)).toBeTruthy();
    await waitFor(() => expect(within(screen.getAllByRole('row')[1]!).getByText('Cancelled')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Run sync now' })).toBeTruthy();
  });

  it('starts a dry run and says so in the history', async () => {
    const { service, user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Dry run' }));
    expect(service.requests.find((request) => request.path.endsWith('/sync'))?.body).toEqual({
      dryRun: true,
    });
    expect(await screen.findByText('Manual (dry run)')).toBeTruthy();
    expect(screen.getByText(/Syncing \(dry run\)/)).toBeTruthy();
  });

  it('shows a refused action in words', async () => {
    const { service, user } = renderPage();
    await screen.findByRole('button', { name: 'Run sync now' });
    // Another admin started a run meanwhile: the service answers 409.
    service.createRun(provider.id, { status: 'IN_PROGRESS' });
    await user.click(screen.getByRole('button', { name: 'Run sync now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A sync of this provider is already running');
  });

  it('explains a missing integration', async () => {
    const service = createFakeServiceFetch();
    renderWithSession(
      <ProviderDetailsPage providerId="gone" presets={defaultSchedulePresets} />,
      service.fetch,
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not found: Provider not found. It may have been deleted, or it belongs to another district.',
    );
  });
});
