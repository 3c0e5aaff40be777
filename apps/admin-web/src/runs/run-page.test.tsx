import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeServiceFetch } from '../test/fake-service-fetch';
import { renderWithSession } from '../test/render-with-session';
import { RunPage } from './run-page';

function renderRun() {
  const service = createFakeServiceFetch();
  const run = service.createRun('provider-1', {
    status: 'PARTIAL',
    completedAt: '2026-11-20T08:00:30.000Z',
    statsJson: {
      schools: {
        created: 3,
        updated: 0,
        unchanged: 0,
        deactivated: 0,
        reactivated: 0,
        skipped: 0,
        issues: 0,
        held: 0,
      },
      users: {
        created: 40,
        updated: 1,
        unchanged: 5,
        deactivated: 0,
        reactivated: 0,
        skipped: 2,
        issues: 30,
        held: 12,
      },
    },
    heldStatus: 'HELD',
    heldDeactivations: [
      {
        entity: 'users',
        count: 12,
        reason: '12 of 50 active users (24%) would be deactivated; the limit is 10%.',
        sample: ['u-7'],
      },
    ],
  });
  service.issues.set(
    run.id,
    Array.from({ length: 30 }, (_, index) => ({
      id: String(index + 1),
      entity: 'users',
      sourcedId: `u-${index + 1}`,
      severity: 'warning',
      code: 'user_unmatched',
      message: `User u-${index + 1} has no email and no student number`,
      location: `users.csv line ${index + 2}`,
      detail: null,
      createdAt: '2026-11-20T08:00:10.000Z',
    })),
  );
  renderWithSession(<RunPage providerId="provider-1" runId={run.id} />, service.fetch);
  return { service, run, user: userEvent.setup() };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RunPage', () => {
  it('shows the statistics per entity', async () => {
    renderRun();
    const table = await screen.findByRole('table', { name: 'Changes per entity' });
    const users = within(table).getByRole('row', { name: /Users/ });
    expect(
      within(users)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['40', '1', '5', '0', '0', '2', '12', '30']);
  });

  it('pages the record issues', async () => {
    const { user } = renderRun();
    expect(await screen.findByText('1–25 of 30')).toBeTruthy();
    expect(screen.getByText('User u-1 has no email and no student number')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–30 of 30')).toBeTruthy();
    expect(screen.getByText('User u-30 has no email and no student number')).toBeTruthy();
  });

  it('downloads the issues as CSV with the bearer token', async () => {
    const createObjectURL = vi.fn(() => 'blob:issues');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { service, user } = renderRun();
    await user.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    const request = service.requests.find((entry) => entry.path.includes('format=csv'));
    expect(request?.authorization).toBe('Bearer test-token');
    expect(createObjectURL).toHaveBeenCalledOnce();
  });

  it('approves held deactivations after confirmation', async () => {
    const { service, user } = renderRun();
    const held = await screen.findByRole('region', { name: 'Held deactivations' });
    expect(held.textContent).toContain('Users: 12 to deactivate.');
    expect(held.textContent).toContain('the limit is 10%');
    await user.click(within(held).getByRole('button', { name: 'Approve 12 deactivations' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve deactivations?' });
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Approved: the held records were deactivated.')).toBeTruthy();
    expect(
      service.requests.some((entry) => entry.method === 'POST' && entry.path.endsWith('/held/approve')),
    ).toBe(true);
  });
});
