import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Provider } from '../api/api-types';
import { defaultSchedulePresets } from '../schedule/schedule-presets';
import { createFakeServiceFetch } from '../test/fake-service-fetch';
import { renderWithSession } from '../test/render-with-session';
import { EditProviderModal } from './edit-provider-modal';

const stored: Provider = {
  id: 'provider-1',
  tenantId: 'district-1',
  providerType: 'ONEROSTER_API',
  name: 'Springfield OneRoster',
  config: {
    baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
    clientId: 'client-1',
    clientSecret: { set: true },
  },
  enabled: true,
  syncSchedule: '0 2 * * *',
  syncTimezone: 'America/Chicago',
  nextSyncAt: null,
  lastSyncAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function renderModal() {
  const service = createFakeServiceFetch();
  service.providers.set(stored.id, stored);
  const onSaved = vi.fn();
  renderWithSession(
    <EditProviderModal
      provider={stored}
      presets={defaultSchedulePresets}
      onClose={() => {}}
      onSaved={onSaved}
    />,
    service.fetch,
  );
  return { service, onSaved, user: userEvent.setup() };
}

describe('EditProviderModal', () => {
  it('shows stored values but never the secret, and starts on the stored schedule', () => {
    renderModal();
    expect((screen.getByLabelText(/Base URL/) as HTMLInputElement).value).toBe(stored.config.baseUrl);
    const secret = screen.getByLabelText(/Client secret/) as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(secret.placeholder).toBe('Stored — leave blank to keep');
    expect((screen.getByLabelText(/Every day at 2 AM/) as HTMLInputElement).checked).toBe(true);
  });

  it('leaves a blank secret out of the update, so the stored one is kept', async () => {
    const { user, service, onSaved } = renderModal();
    const name = screen.getByLabelText(/Display name/);
    await user.clear(name);
    await user.type(name, 'Springfield SIS');
    await user.click(screen.getByLabelText(/Weekdays at 6 AM/));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(service.requests.find((request) => request.method === 'PATCH')?.body).toEqual({
      name: 'Springfield SIS',
      config: { baseUrl: 'https://sis.example.org/ims/oneroster/v1p1', clientId: 'client-1' },
      syncSchedule: '0 6 * * 1-5',
      syncTimezone: 'America/Chicago',
    });
  });

  it('sends a typed secret, and blocks saving an invalid field', async () => {
    const { user, service, onSaved } = renderModal();
    await user.type(screen.getByLabelText(/Client secret/), 'new-secret');
    const baseUrl = screen.getByLabelText(/Base URL/);
    await user.clear(baseUrl);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('Base URL is required.')).toBeTruthy();
    expect(service.requests.some((request) => request.method === 'PATCH')).toBe(false);
    await user.type(baseUrl, 'https://sis.example.org/ims/oneroster/v1p1');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    const body = service.requests.find((request) => request.method === 'PATCH')?.body as { config: unknown };
    expect(body.config).toEqual({
      baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
      clientId: 'client-1',
      clientSecret: 'new-secret',
    });
  });
});

describe('EditProviderModal with a refused config', () => {
  it("shows the service's field problems under the fields they are about", async () => {
    const refusing: typeof fetch = async () =>
      new Response(
        JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'Invalid request: config.baseUrl: must be an http(s) URL',
            details: { issues: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }] },
          },
        }),
        { status: 400 },
      );
    renderWithSession(
      <EditProviderModal
        provider={stored}
        presets={defaultSchedulePresets}
        onClose={() => {}}
        onSaved={() => {}}
      />,
      refusing,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const field = screen.getByLabelText(/Base URL/);
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = field.getAttribute('aria-describedby') ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('must be an http(s) URL');
  });
});
