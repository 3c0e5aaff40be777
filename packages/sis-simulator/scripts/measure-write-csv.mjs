#!/usr/bin/env node
// Measures `write-csv` on a large district: wall time and peak memory (maxRSS). Prints figures; asserts
// nothing (timings belong in reports, not in tests). Run after `pnpm --filter @aivo/sis-simulator build`:
//   node scripts/measure-write-csv.mjs [--size large] [--zip] [--keep]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDistrict, writeOneRosterCsv } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '42' },
    zip: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const folder = await mkdtemp(join(tmpdir(), 'sis-simulator-measure-'));
const out = values.zip ? join(folder, 'oneroster.zip') : folder;
const district = createDistrict({ seed: values.seed, size: values.size });
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const written = await writeOneRosterCsv({ district, out, format: values.zip ? 'zip' : 'folder' });
const seconds = (performance.now() - started) / 1000;

let bytes = 0;
for (const file of written.files) {
  bytes += values.zip ? 0 : (await stat(join(folder, file.name))).size;
}
if (values.zip) bytes = (await stat(out)).size;
const megabytes = (value) => `${(value / 1024 / 1024).toFixed(0)} MB`;
console.log(`size ${values.size}, seed ${values.seed}, format ${values.zip ? 'zip' : 'folder'}`);
for (const file of written.files)
  console.log(`  ${file.name.padEnd(22)} ${String(file.rows).padStart(9)} rows`);
console.log(`wall time        ${seconds.toFixed(1)} s`);
console.log(`written          ${megabytes(bytes)}`);
console.log(`RSS at start     ${megabytes(rssBefore)}`);
console.log(`peak RSS         ${megabytes(process.resourceUsage().maxRSS * 1024)}`);
console.log(`node             ${process.version}`);
if (values.keep) console.log(`kept in ${folder}`);
else await rm(folder, { recursive: true, force: true });
