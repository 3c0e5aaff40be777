import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from './security/access-token.js';

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
const secret = 'cli-test-secret-that-is-long-enough-012345';

function runCli(args: string[], environment: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cliPath, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      JWT_SECRET: secret,
      SIS_CONFIG_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      ...environment,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sis-sync CLI', () => {
  it('prints a token the service accepts', async () => {
    const result = runCli([
      'token',
      '--role',
      'DISTRICT_ADMIN',
      '--tenant',
      'district-7',
      '--subject',
      'maria',
    ]);
    expect(result.status).toBe(0);
    const principal = await createTokenVerifier({ secret })(result.stdout.trim());
    expect(principal).toEqual({ subject: 'maria', role: 'DISTRICT_ADMIN', tenantId: 'district-7' });
  });

  it('explains wrong arguments and configuration', () => {
    const noTenant = runCli(['token', '--role', 'DISTRICT_ADMIN']);
    expect(noTenant.status).toBe(2);
    expect(noTenant.stderr).toContain('--tenant is required');
    const badConfig = runCli(['migrate'], { MAX_CONCURRENT_SYNCS: 'many' });
    expect(badConfig.status).toBe(1);
    expect(badConfig.stderr).toContain('MAX_CONCURRENT_SYNCS');
    const unknown = runCli(['explode']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "explode"');
  });
});
