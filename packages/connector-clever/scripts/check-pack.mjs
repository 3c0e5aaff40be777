#!/usr/bin/env node
// Pack check: the `pnpm pack` tarballs of @aivo/connector-sdk and @aivo/connector-clever install in an empty
// project outside the workspace, and that project reads the simulator's district through the published
// entry points only. Run after `pnpm --filter @aivo/connector-sdk --filter @aivo/connector-clever build`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDistrict, startCleverServer } from '@aivo/sis-simulator';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdkDirectory = join(packageDirectory, '..', 'connector-sdk');
const workDirectory = mkdtempSync(join(tmpdir(), 'aivo-clever-pack-'));
const tarballs = join(workDirectory, 'tarballs');
const project = join(workDirectory, 'project');
mkdirSync(tarballs);
mkdirSync(project);

function pack(directory) {
  execFileSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: directory, stdio: 'ignore' });
}

try {
  pack(sdkDirectory);
  pack(packageDirectory);
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-check', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
    cwd: project,
    stdio: 'inherit',
  });
} catch (error) {
  rmSync(workDirectory, { recursive: true, force: true });
  throw error;
}

const server = await startCleverServer({ district: createDistrict({ seed: 3, size: 'tiny' }) });
try {
  writeFileSync(
    join(project, 'read.mjs'),
    `import { createCleverConnector } from '@aivo/connector-clever';
const clever = createCleverConnector(JSON.parse(process.argv[2]));
const counts = { connection: (await clever.testConnection()).message };
for (const entity of ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments']) {
  counts[entity] = 0;
  for await (const _record of clever[entity]()) counts[entity] += 1;
}
console.log(JSON.stringify(counts));
`,
  );
  const settings = {
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    districtId: server.districtId,
    apiBaseUrl: server.url,
    oauthBaseUrl: server.url,
  };
  // Asynchronous, so the simulator in this process keeps answering while the consumer reads.
  const { stdout: output } = await promisify(execFile)('node', ['read.mjs', JSON.stringify(settings)], {
    cwd: project,
    encoding: 'utf8',
  });
  const counts = JSON.parse(output);
  const truth = createDistrict({ seed: 3, size: 'tiny' }).groundTruth();
  const expectedUsers =
    truth.usersByRole.student +
    truth.usersByRole.teacher +
    truth.usersByRole.administrator +
    truth.usersByRole.aide;
  const expected = {
    classes: truth.records.classes,
    users: expectedUsers,
    enrollments: truth.records.enrollments,
    orgs: truth.counts.schools + 1,
  };
  const wrong = Object.entries(expected).filter(([entity, count]) => counts[entity] !== count);
  if (!counts.connection.startsWith('Successfully connected to Clever') || wrong.length > 0) {
    console.error('Pack check failed:', JSON.stringify({ counts, expected }));
    process.exitCode = 1;
  } else {
    console.log(`Pack check passed outside the workspace (${project}):`, JSON.stringify(counts));
  }
} finally {
  await server.close();
  rmSync(workDirectory, { recursive: true, force: true });
}
