import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultSchedulePresets } from '../schedule/schedule-presets';
import { createFakeServiceFetch } from '../test/fake-service-fetch';
import { renderWithSession } from '../test/render-with-session';
import { AddIntegrationModal } from './add-integration-modal';

function renderModal(service = createFakeServiceFetch()) {
  const onSaved = vi.fn();
  const onClose = vi.fn();
  renderWithSession(
    <AddIntegrationModal
      tenantId="district-1"
      presets={defaultSchedulePresets}
      onClose={onClose}
      onSaved={onSaved}
    />,
    service.fetch,
  );
  return { service, onSaved, onClose, user: userEvent.setup() };
}

async function fillCsvFields(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/SFTP host/), 'sftp.district.example.org');
  await user.type(screen.getByLabelText(/SFTP username/), 'district');
  await user.type(screen.getByLabelText(/Private key path/), '/keys/district');
  await user.type(screen.getByLabelText(/Remote folder/), '/exports/oneroster');
}

describe('AddIntegrationModal', () => {
  it('needs a provider type before going on', async () => {
    const { user } = renderModal();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Choose a provider type to continue.')).toBeTruthy();
  });

  it('shows the fields of the chosen type with help text, secrets as password fields', async () => {
    const { user } = renderModal();
    await user.click(screen.getByLabelText(/ClassLink/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const secret = screen.getByLabelText(/Client secret/) as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(screen.getByText(/numeric Tenant ID — then also give the Roster Server URL/)).toBeTruthy();
    expect(screen.queryByLabelText(/SFTP host/)).toBeNull();
  });

  it('lists every missing required field and stays on the step', async () => {
    const { user } = renderModal();
    await user.click(screen.getByLabelText(/OneRoster CSV over SFTP/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    for (const message of [
      'SFTP host is required.',
      'SFTP username is required.',
      'Give the private key path or the SFTP password.',
      'Remote folder is required.',
    ]) {
      expect(screen.getByText(message)).toBeTruthy();
    }
    expect(screen.getByLabelText(/SFTP host/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
  });

  it('tests the connection, validates a custom cron with a preview, and saves the schedule', async () => {
    const { user, service, onSaved } = renderModal();
    await user.click(screen.getByLabelText(/OneRoster CSV over SFTP/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await fillCsvFields(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connected to the SFTP server/);
    const created = service.requests.find(
      (request) => request.method === 'POST' && request.path === '/api/v1/providers',
    );
    expect(created?.body).toEqual({
      tenantId: 'district-1',
      providerType: 'ONEROSTER_CSV',
      name: 'OneRoster CSV',
      config: {
        sftp: {
          host: 'sftp.district.example.org',
          port: 22,
          username: 'district',
          privateKeyPath: '/keys/district',
        },
        remotePath: '/exports/oneroster',
      },
    });
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.click(screen.getByLabelText('Custom cron expression'));
    const cron = screen.getByLabelText('Cron expression');
    await user.type(cron, '0 25 * * *');
    expect(await screen.findByText(/Invalid value for hour/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save integration' }));
    expect(onSaved).not.toHaveBeenCalled();

    await user.clear(cron);
    await user.type(cron, '30 5 * * 1-5');
    const zone = screen.getByLabelText('Time zone');
    await user.clear(zone);
    await user.type(zone, 'America/Chicago');
    expect(screen.getByText('At 5:30 AM, Monday through Friday, America/Chicago')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Next run times' })).getAllByRole('listitem'),
    ).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'Save integration' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    const patch = service.requests.find((request) => request.method === 'PATCH');
    expect(patch?.body).toEqual({ syncSchedule: '30 5 * * 1-5', syncTimezone: 'America/Chicago' });
  });

  it('says why a connection test failed and deletes the untested draft on cancel', async () => {
    const { user, service, onClose } = renderModal(
      createFakeServiceFetch({
        testSuccess: false,
        testMessage: 'Authentication failed: the SSH key was refused',
        testReason: 'authentication_failed',
      }),
    );
    await user.click(screen.getByLabelText(/OneRoster CSV over SFTP/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await fillCsvFields(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByText(/the SSH key was refused/);
    expect(result.textContent).toBe(
      'Connection failed. The credentials were refused: check the client ID and secret (or key). Authentication failed: the SSH key was refused',
    );
    expect(screen.getByRole('button', { name: 'Continue anyway' })).toBeTruthy();
    expect(service.providers.size).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(service.providers.size).toBe(0);
  });
});
