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

  it('tests the typed config without saving it, then saves once with the schedule', async () => {
    const { user, service, onSaved } = renderModal();
    await user.click(screen.getByLabelText(/OneRoster CSV over SFTP/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await fillCsvFields(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connected to the SFTP server/);
    const csvConfig = {
      sftp: {
        host: 'sftp.district.example.org',
        port: 22,
        username: 'district',
        privateKeyPath: '/keys/district',
      },
      remotePath: '/exports/oneroster',
    };
    expect(service.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v1/providers/test',
    ]);
    expect(service.requests[0]?.body).toEqual({
      tenantId: 'district-1',
      providerType: 'ONEROSTER_CSV',
      config: csvConfig,
    });
    expect(service.providers.size).toBe(0);
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
    expect(service.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v1/providers/test',
      'POST /api/v1/providers',
    ]);
    expect(service.requests[1]?.body).toEqual({
      tenantId: 'district-1',
      providerType: 'ONEROSTER_CSV',
      name: 'OneRoster CSV',
      config: csvConfig,
      syncSchedule: '30 5 * * 1-5',
      syncTimezone: 'America/Chicago',
    });
    expect(service.providers.size).toBe(1);
  });

  it('says why a connection test failed, and Cancel leaves no integration behind', async () => {
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
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(service.providers.size).toBe(0);
    expect(service.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v1/providers/test',
    ]);
  });

  it('asks for a new test when the fields change after one', async () => {
    const { user, service } = renderModal();
    await user.click(screen.getByLabelText(/OneRoster CSV over SFTP/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await fillCsvFields(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connected to the SFTP server/);

    // Back and Next with the same fields keep the result.
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText(/Connected to the SFTP server/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.type(screen.getByLabelText(/Remote folder/), '/today');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.queryByText(/Connected to the SFTP server/)).toBeNull();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connected to the SFTP server/);
    expect(service.requests.at(-1)?.body).toMatchObject({
      config: { remotePath: '/exports/oneroster/today' },
    });
  });
});
