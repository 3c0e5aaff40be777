import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createDistrict, type OneRosterServer, startOneRosterServer } from '@aivo/sis-simulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiTypes } from '../scripts/api-types-generator.mjs';
import { launchChromium, screenshot, viewports } from './harness/browser';
import { locatePage, type PageLocation } from './harness/page-server';
import { type ServiceProcess, startServiceProcess } from './harness/service-process';

/**
 * The admin page in real headless Chromium against a real sis-sync-svc process (embedded PostgreSQL).
 * Everything here works without sync execution; the sync flows are in admin-web-sync.e2e.test.ts.
 */
let service: ServiceProcess;
let location: PageLocation;
let browser: Browser;
let oneRoster: OneRosterServer;
// Unique per run, so a reused service (ADMIN_WEB_E2E_SERVICE_URL) starts from empty tenants.
const runSuffix = randomUUID().slice(0, 8);
const districtA = `district-a-${runSuffix}`;
const sftpPassword = 'e2e-sftp-password-never-shown';

beforeAll(async () => {
  service = await startServiceProcess();
  location = await locatePage(service.baseUrl);
  console.info(`admin page served by the ${location.servedBy} at ${location.pageUrl}`);
  browser = await launchChromium();
  oneRoster = await startOneRosterServer({ district: createDistrict({ seed: 8, size: 'tiny' }) });
});

afterAll(async () => {
  await browser?.close();
  await location?.close();
  await service?.stop();
  await oneRoster?.close();
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

async function api(path: string, claims: { role: string; tenantId?: string }) {
  const response = await fetch(`${service.baseUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${service.token(claims)}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
}

describe('admin page against the running service', () => {
  it('uses types generated from the OpenAPI document the service serves (fails on drift)', async () => {
    const served = await fetch(`${service.baseUrl}/api/v1/openapi.json`).then((response) => response.json());
    const committed = await readFile(new URL('../src/api/openapi.generated.ts', import.meta.url), 'utf8');
    const fromServed = await generateApiTypes(served);
    expect(
      fromServed === committed,
      'The service API changed: run "pnpm --filter @aivo/admin-web api:types --from <service>/api/v1/openapi.json", then fix the typecheck.',
    ).toBe(true);
  });

  it('signs in with the admin URL the service prints and shows the empty list', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    await page.goto(location.pageUrl);
    await page.getByRole('heading', { name: 'Sign in to SIS integrations' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Paste the access token or the admin URL').waitFor();
    await screenshot(page, 'login-1280');
    await page.setViewportSize(viewports.phone);
    await screenshot(page, 'login-390');
    await page.setViewportSize(viewports.desktop);

    const adminUrl = `${location.pageUrl}#token=${service.token({ role: 'DISTRICT_ADMIN', tenantId: districtA })}`;
    await page.getByLabel('Access token or admin URL').fill(adminUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'No integrations yet' }).waitFor();
    expect(await heading(page)).toBe('SIS integrations');
    await screenshot(page, 'list-empty-1280');
    await context.close();
  });

  it('adds a OneRoster CSV/SFTP integration step by step, tests the connection and saves a schedule', async () => {
    const page = await openAs({ role: 'DISTRICT_ADMIN', tenantId: districtA });
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add integration' });
    await dialog.waitFor();
    await screenshot(page, 'add-1-type-1280');

    await dialog.getByLabel(/OneRoster CSV over SFTP/).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel(/Display name/).fill('Springfield OneRoster CSV');
    await dialog.getByLabel(/SFTP host/).fill('127.0.0.1');
    // A closed port: the connection test must fail and say so in words.
    await dialog.getByLabel(/SFTP port/).fill('1');
    await dialog.getByLabel(/SFTP username/).fill('sis');
    await dialog.getByLabel(/SFTP password/).fill(sftpPassword);
    await dialog.getByLabel(/Remote folder/).fill('/exports/oneroster');
    expect(await dialog.getByLabel(/SFTP password/).getAttribute('type')).toBe('password');
    await screenshot(page, 'add-2-fields-1280');
    await dialog.getByRole('button', { name: 'Next' }).click();

    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const outcome = dialog.locator('.test-result, .inline-error');
    await outcome.first().waitFor();
    const outcomeText = (await outcome.first().textContent()) ?? '';
    console.info(`connection test said: ${outcomeText}`);
    expect(outcomeText.trim().length).toBeGreaterThan(10);
    expect(outcomeText).not.toContain(sftpPassword);
    await screenshot(page, 'add-3-test-1280');
    await dialog.getByRole('button', { name: /Next|Continue anyway/ }).click();

    await dialog.getByLabel(/Weekdays at 6 AM/).check();
    await dialog.getByLabel('Time zone').fill('America/Chicago');
    await dialog.getByText('At 6:00 AM, Monday through Friday, America/Chicago').waitFor();
    expect(await dialog.getByRole('list', { name: 'Next run times' }).getByRole('listitem').count()).toBe(3);
    await dialog.getByLabel('Custom cron expression').check();
    await dialog.getByRole('textbox', { name: 'Cron expression' }).fill('0 25 * * *');
    await dialog.getByText(/Invalid value for hour/).waitFor();
    await dialog.getByLabel(/Weekdays at 6 AM/).check();
    await screenshot(page, 'add-4-schedule-1280');
    await dialog.getByRole('button', { name: 'Save integration' }).click();

    await page.getByRole('heading', { level: 1, name: 'Springfield OneRoster CSV' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain(
      'At 6:00 AM, Monday through Friday, America/Chicago',
    );
    expect(await page.content()).not.toContain(sftpPassword);

    const listed = await api(`/tenants/${districtA}/providers`, {
      role: 'DISTRICT_ADMIN',
      tenantId: districtA,
    });
    const providers = listed.body.providers as {
      config: { sftp: { password: unknown } };
      syncSchedule: string;
    }[];
    expect(providers).toHaveLength(1);
    expect(providers[0]!.config.sftp.password).toEqual({ set: true });
    expect(providers[0]!.syncSchedule).toBe('0 6 * * 1-5');

    await page.getByRole('link', { name: 'SIS integrations' }).click();
    const row = page.getByRole('row', { name: /Springfield OneRoster CSV/ });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('OneRoster CSV over SFTP');
    expect(rowText).toContain('Enabled');
    expect(rowText).toContain('At 6:00 AM, Monday through Friday, America/Chicago');
    expect(rowText).toContain('Never run');
    await screenshot(page, 'list-1280');
    await page.context().close();

    const phone = await openAs({ role: 'DISTRICT_ADMIN', tenantId: districtA }, 'phone');
    await phone.getByRole('row', { name: /Springfield OneRoster CSV/ }).waitFor();
    await screenshot(phone, 'list-390');
    await phone.getByRole('button', { name: 'Add integration' }).click();
    await phone
      .getByRole('dialog')
      .getByLabel(/OneRoster API/)
      .check();
    await phone.getByRole('dialog').getByRole('button', { name: 'Next' }).click();
    await screenshot(phone, 'add-2-fields-390');
    await phone.keyboard.press('Escape');
    await phone.getByRole('dialog').waitFor({ state: 'detached' });
    await phone.context().close();
  });

  it('tests a connection before saving without storing anything, and Cancel leaves no integration', async () => {
    const districtTest = `district-test-${runSuffix}`;
    const admin = { role: 'DISTRICT_ADMIN', tenantId: districtTest };
    const listedNames = async () => {
      const listed = await api(`/tenants/${districtTest}/providers`, admin);
      return (listed.body.providers as { name: string }[]).map((provider) => provider.name);
    };
    const wrongSecret = 'e2e-wrong-oneroster-secret';
    const page = await openAs(admin);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add integration' });
    await dialog.getByLabel(/OneRoster API/).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByLabel(/Display name/).fill('Never saved');
    await dialog.getByLabel(/Base URL/).fill(oneRoster.baseUrl);
    await dialog.getByLabel(/Client ID/).fill(oneRoster.clientId);
    await dialog.getByLabel(/Client secret/).fill(oneRoster.clientSecret);
    await dialog.getByRole('button', { name: 'Next' }).click();

    // The simulated OneRoster server accepts these credentials: the service connects, and stores nothing.
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByText('Connected.').waitFor();
    expect(await listedNames()).toEqual([]);

    // Wrong credentials: the page says why, without the secret.
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByLabel(/Client secret/).fill(wrongSecret);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const failed = dialog.locator('.test-result');
    await dialog.getByText('Connection failed.').waitFor();
    const failedText = (await failed.textContent()) ?? '';
    console.info(`connection test with a wrong secret said: ${failedText}`);
    expect(failedText).toMatch(/credentials were refused/);
    expect(failedText).not.toContain(wrongSecret);
    expect(await listedNames()).toEqual([]);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await listedNames()).toEqual([]);
    await page.getByRole('heading', { name: 'No integrations yet' }).waitFor();
    await page.context().close();
  });

  it('edits with the secret left blank (kept), and disables and enables the integration', async () => {
    const page = await openAs({ role: 'DISTRICT_ADMIN', tenantId: districtA });
    await page.getByRole('link', { name: 'Springfield OneRoster CSV' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    const password = dialog.getByLabel(/SFTP password/);
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe('Stored — leave blank to keep');
    await dialog.getByLabel(/Display name/).fill('Springfield CSV');
    await screenshot(page, 'edit-1280');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Springfield CSV' }).waitFor();

    const listed = await api(`/tenants/${districtA}/providers`, {
      role: 'DISTRICT_ADMIN',
      tenantId: districtA,
    });
    const provider = (listed.body.providers as { config: { sftp: { password: unknown } } }[])[0]!;
    expect(provider.config.sftp.password).toEqual({ set: true });

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Integration disabled: it will not sync.').waitFor();
    await page.locator('.subtitle').getByText('Disabled').waitFor();
    expect(await page.getByRole('button', { name: 'Run sync now' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByText('Integration enabled.').waitFor();
    await page.locator('.subtitle').getByText('Enabled').waitFor();
    expect(await page.getByRole('button', { name: 'Run sync now' }).isDisabled()).toBe(false);
    await screenshot(page, 'details-1280');
    await page.context().close();

    const phone = await openAs({ role: 'DISTRICT_ADMIN', tenantId: districtA }, 'phone');
    await phone.getByRole('link', { name: 'Springfield CSV' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Springfield CSV' }).waitFor();
    await screenshot(phone, 'details-390');
    await phone.context().close();
  });

  it("keeps a district admin out of another tenant's integrations", async () => {
    const listed = await api(`/tenants/${districtA}/providers`, {
      role: 'DISTRICT_ADMIN',
      tenantId: districtA,
    });
    const providerId = (listed.body.providers as { id: string }[])[0]!.id;

    const page = await openAs({ role: 'DISTRICT_ADMIN', tenantId: `district-b-${runSuffix}` });
    await page.getByRole('heading', { name: 'No integrations yet' }).waitFor();
    await page.goto(`${location.pageUrl}providers/${providerId}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Not found/);
    await screenshot(page, 'other-tenant-1280');
    await page.context().close();
  });

  it('lets a platform admin switch to a tenant', async () => {
    const page = await openAs({ role: 'PLATFORM_ADMIN' });
    await page.getByRole('heading', { name: 'Choose a district' }).waitFor();
    await page.getByLabel('Tenant').fill(districtA);
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('link', { name: 'Springfield CSV' }).waitFor();
    await page.context().close();
  });

  it('deletes an integration after confirmation', async () => {
    const page = await openAs({ role: 'DISTRICT_ADMIN', tenantId: districtA });
    await page.getByRole('link', { name: 'Springfield CSV' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Springfield CSV?' });
    await screenshot(page, 'delete-confirm-1280');
    await dialog.getByRole('button', { name: 'Delete integration' }).click();
    await page.getByRole('heading', { name: 'No integrations yet' }).waitFor();
    const listed = await api(`/tenants/${districtA}/providers`, {
      role: 'DISTRICT_ADMIN',
      tenantId: districtA,
    });
    expect(listed.body.providers).toEqual([]);
    await page.context().close();
  });
});
