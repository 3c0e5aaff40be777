import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const localSecretsSchema = z.object({
  encryptionKey: z.string().min(1),
  jwtSecret: z.string().min(32),
  databasePassword: z.string().min(1),
  /** Keys replaced by `sis-sync rotate-key` that may still decrypt rows until it finishes. */
  previousEncryptionKeys: z.array(z.string()).default([]),
});

/** Secrets generated for a local (embedded) installation and kept in its data folder. */
export type LocalSecrets = z.infer<typeof localSecretsSchema>;

/**
 * Reads the data folder's `local-secrets.json`, creating it (mode 0600) on first start.
 * Only used in embedded, non-production mode: production gets its secrets from the environment.
 */
export async function ensureLocalSecrets(dataDirectory: string): Promise<LocalSecrets> {
  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  const path = join(dataDirectory, 'local-secrets.json');
  try {
    const stored = localSecretsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    await chmod(path, 0o600);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `${path} is unreadable or damaged; restore it from a backup (it holds the key of every stored provider config)`,
        { cause: error },
      );
    }
  }
  const secrets: LocalSecrets = {
    encryptionKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(48).toString('base64url'),
    databasePassword: randomBytes(24).toString('base64url'),
    previousEncryptionKeys: [],
  };
  // 'wx' refuses to overwrite a file another process created in the meantime.
  await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}

/** Replaces the data folder's `local-secrets.json` atomically (write, then rename), keeping mode 0600. */
export async function saveLocalSecrets(dataDirectory: string, secrets: LocalSecrets): Promise<void> {
  const path = join(dataDirectory, 'local-secrets.json');
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
