import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, describe, expect, it } from 'vitest';
import { serveCli } from './serve-command.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Starts `serve`, waits for its banner, and returns the printed lines and a stop function. */
async function startServe(dataDir: string) {
  const lines: string[] = [];
  const controller = new AbortController();
  let announce: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const exit = serveCli(
    ['--size', 'tiny', '--seed', '5', '--data-dir', dataDir],
    {
      log: (line) => {
        lines.push(line);
        if (line.startsWith('Press Ctrl-C')) announce();
      },
      error: (line) => lines.push(line),
    },
    controller.signal,
  );
  await Promise.race([ready, exit]);
  const value = (label: string) =>
    lines
      .find((line) => line.trim().startsWith(label))!
      .trim()
      .slice(label.length)
      .trim();
  const stop = () => {
    controller.abort();
    return exit;
  };
  return { lines, value, stop };
}

describe('sis-simulator serve', () => {
  it('starts every server, prints URLs and credentials that work, and stops on abort', {
    timeout: 60_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'serve-command-test-'));
    folders.push(dataDir);
    const first = await startServe(dataDir);
    const cleverUrl = first.lines
      .find((line) => line.includes('/v3.0'))!
      .trim()
      .split(/\s+/)
      .at(-1)!;
    const token = first.value('access token');
    const schools = await fetch(`${cleverUrl}/schools`, { headers: { authorization: `Bearer ${token}` } });
    expect(schools.status).toBe(200);
    const sftp = new SftpClient();
    await sftp.connect({
      host: first.value('host'),
      port: Number(first.value('port')),
      username: first.value('username'),
      password: first.value('password'),
    });
    const files = (await sftp.list(first.value('remote path'))).map((entry) => entry.name).sort();
    expect(files).toContain('manifest.csv');
    expect(files).toContain('users.csv');
    await sftp.end();
    const fingerprint = first.value('host key');
    expect(fingerprint).toMatch(/^SHA256:/);
    expect(await first.stop()).toBe(0);
    expect((await fetch(`${cleverUrl}/schools`).catch(() => undefined))?.status).toBeUndefined();
    const second = await startServe(dataDir);
    expect(second.value('host key')).toBe(fingerprint);
    expect(await second.stop()).toBe(0);
  });
});
