// Runs `prisma generate` offline. Prisma's CLI wants a schema-engine binary even though generating the
// `prisma-client` (driver adapter) client never uses it; where none was installed we point it at a
// harmless executable so it does not try to download one. A real engine path set by the caller wins.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const environment = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (!environment.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = ['/bin/true', '/usr/bin/true'].find((path) => existsSync(path));
  if (placeholder) environment.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { stdio: 'inherit', env: environment });
process.exit(result.status ?? 1);
