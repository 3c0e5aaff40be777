import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The service directory in this monorepo (the page talks to it over HTTP only; no import). */
export const serviceDirectory = fileURLToPath(new URL('../../../sis-sync-svc/', import.meta.url));

/** A sis-sync-svc process on embedded PostgreSQL in a temporary folder. */
export interface ServiceProcess {
  /** e.g. `http://127.0.0.1:41234` */
  baseUrl: string;
  /** Signs a bearer token the service accepts (HS256 with the secret the process was started with). */
  token(claims: { role: string; tenantId?: string; subject?: string }): string;
  /** What the process printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const jwtSecret = 'admin-web-e2e-secret-0123456789abcdef0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** An HS256 JWT with `sub`, `role`, `tenantId` and a one-hour expiry. */
export function signToken(
  secret: string,
  claims: { role: string; tenantId?: string; subject?: string },
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      sub: claims.subject ?? `${claims.role.toLowerCase()}@e2e.test`,
      role: claims.role,
      ...(claims.tenantId ? { tenantId: claims.tenantId } : {}),
      iat: now,
      exp: now + 3600,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The command that runs the service: its build when there is one, else its sources through tsx. */
function serviceCommand(): { command: string; args: string[] } {
  const built = join(serviceDirectory, 'dist/cli.js');
  if (existsSync(built)) return { command: process.execPath, args: [built, 'serve'] };
  const tsx = join(serviceDirectory, 'node_modules/.bin/tsx');
  if (existsSync(tsx)) return { command: tsx, args: [join(serviceDirectory, 'src/cli.ts'), 'serve'] };
  throw new Error(
    `sis-sync-svc is not built: run "pnpm --filter @aivo/sis-sync-svc build" (looked for ${built}).`,
  );
}

/**
 * Starts sis-sync-svc as its own process (embedded PostgreSQL, temporary data folder, a known JWT secret)
 * and waits until `/readyz` answers 200.
 */
export async function startServiceProcess(environment: Record<string, string> = {}): Promise<ServiceProcess> {
  // A service someone already runs (e.g. with other settings): its URL and HS256 secret.
  const externalUrl = process.env.ADMIN_WEB_E2E_SERVICE_URL;
  if (externalUrl) {
    const secret = process.env.ADMIN_WEB_E2E_JWT_SECRET;
    if (!secret)
      throw new Error('ADMIN_WEB_E2E_SERVICE_URL needs ADMIN_WEB_E2E_JWT_SECRET (its JWT_SECRET).');
    return {
      baseUrl: externalUrl.replace(/\/$/, ''),
      token: (claims) => signToken(secret, claims),
      output: () => '(external service)',
      stop: async () => {},
    };
  }
  const dataDirectory = await mkdtemp(join(tmpdir(), 'admin-web-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { command, args } = serviceCommand();
  let output = '';
  const child: ChildProcess = spawn(command, args, {
    cwd: serviceDirectory,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SIS_SYNC_DATA_DIR: dataDirectory,
      JWT_SECRET: jwtSecret,
      SIS_CONFIG_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDirectory, { recursive: true, force: true });
  };

  const deadline = Date.now() + 200_000;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (true) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`sis-sync-svc exited with code ${exitCode} before it was ready:\n${output}`);
    }
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`sis-sync-svc was not ready within 200 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  return {
    baseUrl,
    token: (claims) => signToken(jwtSecret, claims),
    output: () => output,
    stop,
  };
}
