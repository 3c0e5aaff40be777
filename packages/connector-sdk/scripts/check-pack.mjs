#!/usr/bin/env node
// Packs @aivo/connector-sdk as it would be published, installs the tarball with npm in an empty project
// outside the workspace, and checks that both entry points import as ESM and that a consumer file
// type-checks against the shipped .d.ts. Run after `pnpm build` (the `check:pack` script does both).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');

function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const output = execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (command !== 'tar') process.stdout.write(output);
  return output;
}

if (!existsSync(join(packageDirectory, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `pnpm --filter @aivo/connector-sdk build` first.');
  process.exit(1);
}

const workDirectory = mkdtempSync(join(tmpdir(), 'aivo-connector-sdk-pack-'));
try {
  run('pnpm', ['pack', '--pack-destination', workDirectory], packageDirectory);
  const tarball = readdirSync(workDirectory).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');

  const listing = run('tar', ['-tzf', join(workDirectory, tarball)], workDirectory).split('\n');
  const leaked = listing.filter((path) => /\.test\.|\/src\/|__fixtures__/.test(path));
  if (leaked.length > 0) throw new Error(`the tarball ships files it should not: ${leaked.join(', ')}`);
  for (const required of [
    'package/dist/index.js',
    'package/dist/index.d.ts',
    'package/dist/testing/index.d.ts',
    'package/README.md',
  ]) {
    if (!listing.includes(required)) throw new Error(`the tarball lacks ${required}`);
  }

  const consumer = join(workDirectory, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      join(workDirectory, tarball),
      'zod',
      '@types/node@20',
    ],
    consumer,
  );

  // ESM import at run time, without vitest installed (it is an optional peer).
  writeFileSync(
    join(consumer, 'smoke.mjs'),
    `import { createOAuth1Signature, createHttpClient, parseRosterRecord, ConnectorError } from '@aivo/connector-sdk';
import { createStaticConnector, collect } from '@aivo/connector-sdk/testing';
const { signature } = createOAuth1Signature({
  method: 'GET',
  url: "https://example-ca-v2.oneroster.com/ims/oneroster/v1p1/users?filter=status%3D%27active%27%20AND%20role%3D%27student%27&limit=100&offset=0",
  consumerKey: 'demo-key', consumerSecret: 'demo-secret', nonce: 'n0nc3', timestamp: 1700000000, version: '1.0',
});
if (signature !== 'wmr39RLRFkWOmmtSM/1VCV/elgCSPM7z2GrbfryDOzk=') throw new Error('wrong OAuth 1.0a signature ' + signature);
const parsed = parseRosterRecord('users', { sourcedId: 'u1', role: 'Student', givenName: 'A', familyName: 'B', grades: '9' });
if (!parsed.success || parsed.record.grades[0] !== '09') throw new Error('parseRosterRecord failed');
if (typeof createHttpClient !== 'function' || typeof ConnectorError.isInstance !== 'function') throw new Error('missing exports');
const orgs = await collect(createStaticConnector({ records: { orgs: [] } }).orgs());
if (orgs.length !== 0) throw new Error('static connector failed');
console.log('ESM import of both entry points works');
`,
  );
  run('node', ['smoke.mjs'], consumer);

  // Type-check a consumer against the shipped declarations, libraries included.
  writeFileSync(
    join(consumer, 'consumer.ts'),
    `import {
  type HttpClient,
  type RosterConnectorV1,
  type User,
  ApiCallError,
  createHttpClient,
  createRateLimiter,
  paginateOffset,
  parseRosterRecord,
} from '@aivo/connector-sdk';
import { createStaticConnector, type FakeClock, createFakeClock } from '@aivo/connector-sdk/testing';

const clock: FakeClock = createFakeClock();
const client: HttpClient = createHttpClient({ baseUrl: 'https://sis.example/', clock, rateLimiter: createRateLimiter({ limit: 10, windowMs: 1000, clock }) });
const connector: RosterConnectorV1 = createStaticConnector({ records: {} });
export async function* users(): AsyncGenerator<User> {
  for await (const page of paginateOffset({ client, url: 'users', items: (body) => (body as { users: Record<string, unknown>[] }).users })) {
    for (const item of page.items) {
      const result = parseRosterRecord('users', item);
      if (result.success) yield result.record;
    }
  }
}
export const check: Promise<boolean> = connector.testConnection().then((result) => result.success);
export const isApiError = (error: unknown): boolean => ApiCallError.isInstance(error) && error.status === 500;
// @ts-expect-error an unknown entity must not type-check
parseRosterRecord('widgets', {});
`,
  );
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['consumer.ts'],
    }),
  );
  const tsc = createRequire(join(packageDirectory, 'package.json')).resolve('typescript/bin/tsc');
  run('node', [tsc, '-p', 'tsconfig.json'], consumer);
  console.log('tsc type-checks a consumer against the shipped .d.ts');
  console.log('pack check passed');
} finally {
  if (keep) console.log(`kept ${workDirectory}`);
  else rmSync(workDirectory, { recursive: true, force: true });
}
