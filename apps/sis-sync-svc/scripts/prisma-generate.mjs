// Runs `prisma generate` offline, once per schema change, safely when several scripts start at once
// (turbo may run build, typecheck and test of this package in parallel).
//
// Prisma's CLI wants a schema-engine binary even though generating the `prisma-client` (driver adapter)
// client never uses it; where none is installed we point it at a harmless executable so it does not try to
// download one. A real engine path set by the caller wins.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDirectory = join(packageDirectory, 'src', 'generated');
const lockDirectory = join(outputDirectory, '.generate-lock');
const stampFile = join(outputDirectory, 'prisma', '.schema-hash');
const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const prismaVersion = JSON.parse(
  readFileSync(join(dirname(prismaCli), '..', 'package.json'), 'utf8'),
).version;
const schemaHash = createHash('sha256')
  .update(readFileSync(join(packageDirectory, 'prisma', 'schema.prisma')))
  .update(prismaVersion)
  .digest('hex');

function sleep(milliseconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

mkdirSync(outputDirectory, { recursive: true });
const giveUpAt = Date.now() + 120_000;
for (;;) {
  try {
    mkdirSync(lockDirectory);
    break;
  } catch {
    // A lock older than two minutes was left by a killed process.
    if (Date.now() - statSync(lockDirectory, { throwIfNoEntry: false })?.mtimeMs > 120_000) {
      rmSync(lockDirectory, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUpAt)
      throw new Error(`Timed out waiting for ${lockDirectory}; remove it if no generate runs`);
    sleep(200);
  }
}
let status = 0;
try {
  const upToDate = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === schemaHash;
  if (!upToDate) {
    const environment = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
    if (!environment.PRISMA_SCHEMA_ENGINE_BINARY) {
      const placeholder = ['/bin/true', '/usr/bin/true'].find((path) => existsSync(path));
      if (placeholder) environment.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
    }
    const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
      stdio: 'inherit',
      env: environment,
      cwd: packageDirectory,
    });
    status = result.status ?? 1;
    if (status === 0) writeFileSync(stampFile, schemaHash);
  }
} finally {
  rmSync(lockDirectory, { recursive: true, force: true });
}
process.exit(status);
