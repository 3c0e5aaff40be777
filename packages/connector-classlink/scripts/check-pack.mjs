#!/usr/bin/env node
// Pack check: the `pnpm pack` tarballs of @aivo/connector-sdk, @aivo/connector-oneroster and
// @aivo/connector-classlink install in an empty project outside the workspace, and that project reads the
// simulator's ClassLink-flavoured Roster Server through the published entry points only. Run after building
// the three packages (`pnpm --filter @aivo/connector-classlink... build`).
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDistrict, startOneRosterServer } from '@aivo/sis-simulator';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDirectory = join(packageDirectory, '..');
const workDirectory = mkdtempSync(join(tmpdir(), 'aivo-classlink-pack-'));
const tarballs = join(workDirectory, 'tarballs');
const project = join(workDirectory, 'project');
mkdirSync(tarballs);
mkdirSync(project);

function pack(directory) {
  execFileSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: directory, stdio: 'ignore' });
}

try {
  for (const name of ['connector-sdk', 'connector-oneroster', 'connector-classlink']) {
    pack(join(packagesDirectory, name));
  }
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

const server = await startOneRosterServer({
  district: createDistrict({ seed: 3, size: 'tiny' }),
  flavour: 'classlink',
});
try {
  writeFileSync(
    join(project, 'read.mjs'),
    `import { createClassLinkConnector } from '@aivo/connector-classlink';
const classlink = createClassLinkConnector(JSON.parse(process.argv[2]));
const counts = { connection: (await classlink.testConnection()).message };
for (const entity of ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments']) {
  counts[entity] = 0;
  for await (const _record of classlink[entity]()) counts[entity] += 1;
}
console.log(JSON.stringify(counts));
`,
  );
  const settings = {
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    tenantId: '4242',
    baseUrl: server.baseUrl,
  };
  // Asynchronous, so the simulator in this process keeps answering while the consumer reads.
  const { stdout: output } = await promisify(execFile)('node', ['read.mjs', JSON.stringify(settings)], {
    cwd: project,
    encoding: 'utf8',
  });
  const counts = JSON.parse(output);
  const truth = createDistrict({ seed: 3, size: 'tiny' }).groundTruth();
  const wrong = Object.entries(truth.records).filter(([entity, count]) => counts[entity] !== count);
  if (!counts.connection.startsWith('Successfully connected to the ClassLink API') || wrong.length > 0) {
    console.error('Pack check failed:', JSON.stringify({ counts, expected: truth.records }));
    process.exitCode = 1;
  } else {
    console.log(`Pack check passed outside the workspace (${project}):`, JSON.stringify(counts));
  }
} finally {
  await server.close();
  rmSync(workDirectory, { recursive: true, force: true });
}
