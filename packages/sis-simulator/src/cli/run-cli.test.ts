import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sis-simulator-cli-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runCli(argv, { log: (line) => lines.push(line), error: (line) => errors.push(line) });
  return { code, out: lines.join('\n'), errors: errors.join('\n') };
}

describe('sis-simulator CLI', () => {
  it('write-csv writes the set and prints the files, row counts and ground truth', async () => {
    const out = join(folder, 'bulk');
    const result = await run('write-csv', '--size', 'tiny', '--seed', '42', '--out', out);
    expect(result.errors).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'academicSessions.csv',
      'classes.csv',
      'courses.csv',
      'enrollments.csv',
      'manifest.csv',
      'orgs.csv',
      'users.csv',
    ]);
    expect(result.out).toMatch(/Wrote a OneRoster 1\.1 bulk CSV set \(folder\) of the tiny district/);
    expect(result.out).toMatch(/orgs\.csv\s+3 rows/);
    expect(result.out).toMatch(/users: student\s+20/);
  });

  it('write-csv --delta --zip --bom --crlf writes a zip of the changes and prints them', async () => {
    const result = await run(
      'write-csv',
      '--size',
      'tiny',
      '--day',
      '3',
      '--delta',
      '--zip',
      '--bom',
      '--crlf',
      '--out',
      folder,
    );
    expect(result.errors).toBe('');
    expect(result.code).toBe(0);
    const zip = await readFile(join(folder, 'oneroster.zip'));
    expect(zip.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
    expect(result.out).toMatch(/Changes from day 2 to day 3:/);
    expect(result.out).toMatch(/users\s+created 1, updated \d+, deleted \d+/);
  });

  it('explains wrong usage with exit code 2 and the command usage', async () => {
    const missingOut = await run('write-csv', '--size', 'tiny');
    expect(missingOut.code).toBe(2);
    expect(missingOut.errors).toMatch(/needs --out DIR/);
    expect(missingOut.errors).toMatch(/Usage: sis-simulator write-csv/);
    const badSize = await run('write-csv', '--size', 'huge', '--out', folder);
    expect(badSize.errors).toMatch(/Unknown --size "huge": use tiny, small, medium, large/);
    const dayOneDelta = await run('write-csv', '--size', 'tiny', '--delta', '--out', folder);
    expect(dayOneDelta.errors).toMatch(/--delta needs --day 2 or later/);
    const unknownOption = await run('write-csv', '--colour', '--out', folder);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.errors).toMatch(/--colour/);
    const badServe = await run('serve', '--size', 'huge');
    expect(badServe.code).toBe(2);
    expect(badServe.errors).toMatch(/Unknown --size "huge"/);
    expect(badServe.errors).toMatch(/Usage: sis-simulator serve/);
    const unknownCommand = await run('frobnicate');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.errors).toMatch(/Unknown command "frobnicate"/);
  });
});
