import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulatorServers } from '@aivo/sis-simulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, viewports } from './harness/browser';
import { locatePage, type PageLocation, serviceServesPage } from './harness/page-server';
import { type ServiceProcess, startServiceProcess } from './harness/service-process';

/**
 * The sync flows of issue 8 in real Chromium: a real sis-sync-svc with sync execution wired in, the
 * simulator's district served as OneRoster CSV over its real SFTP server. Run with
 * `pnpm --filter @aivo/admin-web test:e2e:sync` once the service runs syncs (see README).
 */
let service: ServiceProcess;
let location: PageLocation;
let browser: Browser;
let simulator: RunningSimulator;
let simulatorData: string;
// Unique per run, so a reused service (ADMIN_WEB_E2E_SERVICE_URL) starts from an empty tenant.
const tenantId = `district-sync-${randomUUID().slice(0, 8)}`;
const admin = { role: 'DISTRICT_ADMIN', tenantId };

/** sync-core's statistics key of each roster entity, and the label the run page shows. */
const statsKeys = [
  ['orgs', 'Schools'],
  ['academicSessions', 'Terms'],
  ['courses', 'Courses'],
  ['classes', 'Classes'],
  ['users', 'Users'],
  ['enrollments', 'Enrollments'],
] as const;

beforeAll(async () => {
  simulatorData = await mkdtemp(join(tmpdir(), 'admin-web-e2e-sim-'));
  simulator = await startSimulatorServers({ size: 'small', seed: 42, day: 1, dataDir: simulatorData });
  service = await startServiceProcess();
  location = await locatePage(service.baseUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await location?.close();
  await service?.stop();
  await simulator?.close();
  if (simulatorData) await rm(simulatorData, { recursive: true, force: true });
});

async function openAs(
  claims: { role: string; tenantId?: string },
  viewport: keyof typeof viewports = 'desktop',
) {
  const context = await browser.newContext({ viewport: viewports[viewport] });
  const page = await context.newPage();
  await page.goto(`${location.pageUrl}#token=${service.token(claims)}`);
  return page;
}

/** The text of one cell of the run page's statistics table. */
async function statCell(page: Page, entityLabel: string, column: number): Promise<number> {
  const row = page.locator('.numbers-table tbody tr', {
    has: page.getByRole('rowheader', { name: entityLabel, exact: true }),
  });
  return Number(await row.locator('td').nth(column).textContent());
}

async function latestRunStatus(page: Page): Promise<string> {
  return (
    (await page.locator('.history-table tbody tr').first().locator('.badge').first().textContent()) ?? ''
  );
}

async function waitForLatestRun(page: Page, statuses: string[], timeoutMs = 180_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await latestRunStatus(page).catch(() => '');
    if (statuses.includes(status)) return status;
    await page.waitForTimeout(500);
  }
  throw new Error(
    `The latest run did not reach ${statuses.join(' or ')} (last: ${await latestRunStatus(page)})`,
  );
}

describe('sync flows of the admin page (need sync execution in sis-sync-svc)', () => {
  it('is served by sis-sync-svc itself at /integrations/sis with the SPA fallback', async () => {
    expect(await serviceServesPage(service.baseUrl)).toBe(true);
  });

  it('adds the simulator district over SFTP, tests it, syncs it and shows the ground-truth numbers', async () => {
    const page = await openAs(admin);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add integration' });
    await dialog.getByLabel(/OneRoster CSV over SFTP/).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel(/Display name/).fill('Simulated district');
    await dialog.getByLabel(/SFTP host/).fill(simulator.sftp.host);
    await dialog.getByLabel(/SFTP port/).fill(String(simulator.sftp.port));
    await dialog.getByLabel(/SFTP username/).fill(simulator.sftp.username);
    await dialog.getByLabel(/SFTP password/).fill(simulator.sftpPassword);
    await dialog.getByLabel(/Host key fingerprint/).fill(simulator.sftp.hostKeyFingerprint);
    await dialog.getByLabel(/Remote folder/).fill(simulator.sftpRemotePath);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText('Connected.').waitFor();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel(/Manual only/).check();
    await dialog.getByRole('button', { name: 'Save integration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Simulated district' }).waitFor();

    await page.getByRole('button', { name: 'Run sync now' }).click();
    expect(await waitForLatestRun(page, ['Success', 'Partial', 'Failed'])).toBe('Success');
    await screenshot(page, 'history-1280');

    await page.locator('.history-table tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Changes per entity' }).waitFor();
    const truth = simulator.district.groundTruth();
    for (const [entity, label] of statsKeys) {
      expect(await statCell(page, label, 0), `${label} created`).toBe(truth.records[entity]);
    }
    await screenshot(page, 'run-1280');
    const runUrl = page.url();
    await page.context().close();

    const phone = await openAs(admin, 'phone');
    await phone.getByRole('link', { name: 'Simulated district' }).click();
    await phone.locator('.history-table tbody tr').first().waitFor();
    await screenshot(phone, 'history-390');
    await phone.goto(runUrl);
    await phone.getByRole('heading', { name: 'Changes per entity' }).waitFor();
    await screenshot(phone, 'run-390');
    await phone.context().close();
  });

  it('starts a run and cancels it while it is going', async () => {
    // Slow every SFTP operation so the run is still going when Cancel is pressed.
    simulator.sftp.setFaults([{ kind: 'delay', ms: 1500 }]);
    try {
      const page = await openAs(admin);
      await page.getByRole('link', { name: 'Simulated district' }).click();
      await page.getByRole('button', { name: 'Run sync now' }).click();
      const cancel = page.getByRole('button', { name: 'Cancel sync' });
      await cancel.waitFor();
      await page.locator('.run-progress').waitFor();
      await screenshot(page, 'progress-1280');
      await cancel.click();
      expect(await waitForLatestRun(page, ['Cancelled', 'Success', 'Failed'])).toBe('Cancelled');
      await page.context().close();
    } finally {
      simulator.sftp.setFaults([]);
    }
  });

  it('holds mass deactivations and lets the admin approve them', async () => {
    // Half of the users vanish from the export: more than the 10% safety threshold.
    const usersCsv = join(simulatorData, 'sftp-root', simulator.sftpRemotePath, 'users.csv');
    const lines = (await readFile(usersCsv, 'utf8')).trimEnd().split('\n');
    const kept = [lines[0]!, ...lines.slice(1, 1 + Math.floor((lines.length - 1) / 2))];
    await writeFile(usersCsv, `${kept.join('\n')}\n`);

    const page = await openAs(admin);
    await page.getByRole('link', { name: 'Simulated district' }).click();
    await page.getByRole('button', { name: 'Run sync now' }).click();
    expect(await waitForLatestRun(page, ['Partial', 'Success', 'Failed'])).toBe('Partial');
    await page.locator('.history-table tbody tr').first().getByRole('link').click();
    const held = page.getByRole('region', { name: 'Held deactivations' });
    await held.waitFor();
    await screenshot(page, 'held-1280');
    await held.getByRole('button', { name: /Approve/ }).click();
    await page
      .getByRole('dialog', { name: 'Approve deactivations?' })
      .getByRole('button', { name: 'Approve' })
      .click();
    await held.getByText('Approved: the held records were deactivated.').waitFor();
    await page.context().close();
  });
});
