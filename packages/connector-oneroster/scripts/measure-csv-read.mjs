#!/usr/bin/env node
// Measures how fast the OneRoster CSV connector streams a simulated district, and its peak memory.
//
//   pnpm --filter @aivo/sis-simulator build && pnpm --filter @aivo/connector-oneroster build
//   node packages/connector-oneroster/scripts/measure-csv-read.mjs [--size medium|large|small|tiny] [--format folder|zip]
//
// The CSV set is written first (in this process), then read from the local path in a fresh child process,
// so the peak RSS it prints belongs to the read alone. Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    format: { type: 'string', default: 'folder' },
    read: { type: 'string' },
  },
});

const entities = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'];

if (values.read) {
  await readAndReport(JSON.parse(values.read));
} else {
  await writeThenMeasure();
}

async function writeThenMeasure() {
  const { createDistrict, writeOneRosterCsv } = await import('@aivo/sis-simulator');
  const folder = await mkdtemp(join(tmpdir(), 'oneroster-measure-'));
  try {
    const district = createDistrict({ seed: 2024, size: values.size });
    const out = values.format === 'zip' ? join(folder, 'oneroster.zip') : join(folder, 'oneroster');
    const writeStart = performance.now();
    const written = await writeOneRosterCsv({ district, out, format: values.format });
    const rows = written.files.reduce((sum, file) => sum + (file.name === 'manifest.csv' ? 0 : file.rows), 0);
    console.log(
      `wrote ${values.size} set (${values.format}): ${rows.toLocaleString('en-US')} rows in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`,
    );

    const target = { localPath: out };
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--read', JSON.stringify(target)],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function readAndReport(config) {
  const { createOneRosterCsvConnector } = await import('@aivo/connector-oneroster');
  const connector = createOneRosterCsvConnector(config);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let total = 0;
  let issues = 0;
  for (const entity of entities) {
    const entityStart = performance.now();
    let count = 0;
    for await (const _record of connector[entity]({ onIssue: () => issues++ })) count++;
    total += count;
    const seconds = (performance.now() - entityStart) / 1000;
    console.log(
      `  ${entity.padEnd(17)} ${count.toLocaleString('en-US').padStart(10)} records  ${Math.round(
        count / seconds,
      )
        .toLocaleString('en-US')
        .padStart(9)} records/s`,
    );
  }
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    `read ${total.toLocaleString('en-US')} records (${issues} issues) in ${seconds.toFixed(1)} s: ${Math.round(total / seconds).toLocaleString('en-US')} records/s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; peak RSS ${Math.round(Math.max(maxRssMb, peakRss / 1048576))} MB`,
  );
}
