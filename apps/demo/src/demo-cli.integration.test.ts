import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rosterEntities } from '@aivo/connector-sdk';
import { createDistrict } from '@aivo/sis-simulator';
import { statsKeyByEntity } from '@aivo/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStatsKeys } from './format-demo-summary.js';

// Smoke test of `pnpm demo --exit` on a tiny district, through the built CLI (run `pnpm build` first).

const cli = fileURLToPath(new URL('../dist/demo-cli.js', import.meta.url));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, PORT: '', DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The summary table's rows as { tenant, integration, type, status, stats: { users: [c, u, d], … } }. */
function summaryRows(stdout: string) {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('tenant '));
  const end = lines.findIndex((line) => line.startsWith('(per entity'));
  expect(start, stdout).toBeGreaterThanOrEqual(0);
  return lines.slice(start + 2, end).map((line) => {
    const [tenant, integration, type, status, , ...counts] = line.split(/\s{2,}/);
    return {
      tenant,
      integration,
      type,
      status,
      stats: Object.fromEntries(
        demoStatsKeys.map((key, index) => [key, (counts[index] ?? '').split('/').map(Number)]),
      ),
    };
  });
}

let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'aivo-demo-test-'));
});

afterAll(async () => {
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('pnpm demo --exit (tiny district)', () => {
  const args = () => ['--exit', '--size', 'tiny', '--port', '0', '--data-dir', dataDirectory];
  const truth = createDistrict({ seed: '42', size: 'tiny' }).groundTruth();
  // Clever has no guardians among its users and no school-year term: its connector reads the rest.
  const cleverTruth = {
    ...truth.records,
    users: truth.records.users - truth.usersByRole.guardian,
    academicSessions: truth.records.academicSessions - 1,
  };

  it('syncs one integration of each type for two tenants and prints what each run created', async () => {
    const run = await runCli(args());
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const rows = summaryRows(run.stdout);
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((row) => `${row.tenant}/${row.type}`)).size).toBe(8);
    for (const row of rows) {
      expect(row.status, row.integration).toBe('SUCCESS');
      const expected = row.type === 'CLEVER' ? cleverTruth : truth.records;
      for (const entity of rosterEntities) {
        expect(row.stats[statsKeyByEntity[entity]], `${row.integration} ${entity}`).toEqual([
          expected[entity],
          0,
          0,
        ]);
      }
    }
    expect(run.stdout).toMatch(/Admin page: http:\/\/127\.0\.0\.1:\d+\/integrations\/sis#token=\S+/);
    expect(run.stdout).toMatch(/PLATFORM_ADMIN token \(valid 7 days\): \S+/);
  });

  it('a second run reuses the same integrations and data folder: nothing new is created', async () => {
    const run = await runCli(args());
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const rows = summaryRows(run.stdout);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.status, row.integration).toBe('SUCCESS');
      for (const key of demoStatsKeys) expect(row.stats[key], `${row.integration} ${key}`).toEqual([0, 0, 0]);
    }
  });
});
