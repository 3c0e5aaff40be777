import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('describeConnectorContract', () => {
  it('fails a connector that breaks the contract, naming each broken rule', async () => {
    const vitestCli = join(
      dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    const outputFile = join(tmpdir(), `aivo-contract-${process.pid}-${Date.now()}.json`);
    await new Promise<void>((resolve) => {
      execFile(
        process.execPath,
        [
          vitestCli,
          'run',
          '--config',
          'src/testing/__fixtures__/vitest.contract.config.ts',
          '--reporter=json',
          `--outputFile=${outputFile}`,
        ],
        { cwd: packageDirectory },
        // The nested run is expected to fail; its report says how.
        () => resolve(),
      );
    });
    const reportText = await readFile(outputFile, 'utf8');
    await rm(outputFile, { force: true });
    const report = JSON.parse(reportText) as {
      testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
    };
    const results = Object.fromEntries(
      report.testResults.flatMap((file) => file.assertionResults.map((test) => [test.title, test.status])),
    );
    expect(results).toMatchObject({
      'testConnection resolves with a success flag and a message, never throwing': 'failed',
      'users: a complete read yields valid records with unique sourcedIds, issues via onIssue': 'failed',
      'users: an already aborted signal rejects with the abort reason': 'failed',
      'users: aborting mid-read rejects promptly with the abort reason': 'failed',
      'orgs: a complete read yields valid records with unique sourcedIds, issues via onIssue': 'failed',
      'declares its version, provider type, capabilities and entity readers': 'passed',
    });
  }, 60_000);
});
