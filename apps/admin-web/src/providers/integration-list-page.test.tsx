import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSchedulePresets } from '../schedule/schedule-presets';
import { createFakeServiceFetch } from '../test/fake-service-fetch';
import { renderWithSession } from '../test/render-with-session';
import { IntegrationListPage } from './integration-list-page';

describe('IntegrationListPage', () => {
  it('invites the admin to add the first integration', async () => {
    const service = createFakeServiceFetch();
    renderWithSession(<IntegrationListPage presets={defaultSchedulePresets} />, service.fetch);
    expect(await screen.findByRole('heading', { name: 'No integrations yet' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add your first integration' })).toBeTruthy();
  });

  it('lists type, state, schedule in words and next run', async () => {
    const service = createFakeServiceFetch();
    service.providers.set('p1', {
      id: 'p1',
      tenantId: 'district-1',
      providerType: 'ONEROSTER_API',
      name: 'Springfield SIS',
      config: {},
      enabled: false,
      syncSchedule: '0 6 * * 1-5',
      syncTimezone: 'America/New_York',
      nextSyncAt: null,
      lastSyncAt: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    renderWithSession(<IntegrationListPage presets={defaultSchedulePresets} />, service.fetch);
    const row = await screen.findByRole('row', { name: /Springfield SIS/ });
    expect(row.textContent).toContain('OneRoster API');
    expect(row.textContent).toContain('Disabled');
    expect(row.textContent).toContain('At 6:00 AM, Monday through Friday, America/New_York');
    expect(row.textContent).toContain('Never run');
  });

  it('says in words when the service fails', async () => {
    const failing: typeof fetch = async () =>
      new Response(
        JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong on our side' } }),
        {
          status: 500,
        },
      );
    renderWithSession(<IntegrationListPage presets={defaultSchedulePresets} />, failing);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the integrations.');
    expect(alert.textContent).toContain(
      'The service failed to handle the request (Something went wrong on our side)',
    );
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
