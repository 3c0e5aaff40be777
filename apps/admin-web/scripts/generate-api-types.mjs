#!/usr/bin/env node
// Refreshes src/api/openapi.snapshot.json (with --from <url|file>) and regenerates src/api/openapi.generated.ts.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateApiTypes } from './api-types-generator.mjs';

const snapshotPath = fileURLToPath(new URL('../src/api/openapi.snapshot.json', import.meta.url));
const generatedPath = fileURLToPath(new URL('../src/api/openapi.generated.ts', import.meta.url));

const fromIndex = process.argv.indexOf('--from');
const source = fromIndex === -1 ? null : process.argv[fromIndex + 1];

if (source) {
  const text = /^https?:\/\//.test(source)
    ? await fetch(source).then((response) => {
        if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
        return response.text();
      })
    : await readFile(source, 'utf8');
  await writeFile(snapshotPath, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', snapshotPath], { stdio: 'inherit' });
  console.log(`Saved the OpenAPI document of ${source} to ${snapshotPath}`);
}

const document = JSON.parse(await readFile(snapshotPath, 'utf8'));
await writeFile(generatedPath, await generateApiTypes(document));
console.log(`Wrote ${generatedPath}`);
