import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordIssue } from '@aivo/connector-sdk';
import { ConnectorError } from '@aivo/connector-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { createOneRosterCsvConnector } from './oneroster-csv-connector.js';
import { oneRosterCsvHeaders } from './oneroster-csv-files.js';

const manifest = (modes: Record<string, string>) =>
  [
    'propertyName,value',
    'manifest.version,1.0',
    'oneroster.version,1.1',
    ...Object.entries(modes).map(([file, mode]) => `file.${file},${mode}`),
  ].join('\n');

const header = (entity: keyof typeof oneRosterCsvHeaders) => oneRosterCsvHeaders[entity].join(',');

const orgsCsv = [
  header('orgs'),
  'd1,,,Springfield USD,district,NCES1,',
  's1,,,"Springfield High, Main",school,,d1',
].join('\r\n');

const usersCsv = `\uFEFF${[
  header('users'),
  'u1,,,TRUE,"s1,s2",student,ana,"{LDAP:12},{SIS:778}",Ana,"O""Neil",,1001,ana@example.org,,,,"09,10",secret',
  'u2,,,true,s1,Teacher,bob,,Bob,Lee,,,bob@example.org,,,,,',
  'u3,,,true,s1,student,bad,,Cy',
  ',,,true,s1,student,nobody,,No,Id,,,,,,,,',
  'u5,,,true,s1,wizard,wiz,,Wiz,Ard,,,,,,,,',
].join('\r\n')}\r\n`;

const enrollmentsDelta = [
  header('enrollments'),
  'e1,active,2024-08-02T10:00:00Z,c1,s1,u1,student,false,2024-08-01,',
  'e2,tobedeleted,2024-08-02T10:00:00Z,c1,s1,u2,teacher,TRUE,,',
  'e3,active,2024-13-45,c1,s1,u1,student,false,,',
].join('\n');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneroster-csv-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeDrop(folder: string, files: Record<string, string | Buffer>) {
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(folder, name), content);
}

async function writeZip(path: string, files: Record<string, string>) {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const { createWriteStream } = await import('node:fs');
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', resolve).on('error', reject);
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const standardFiles = {
  'manifest.csv': manifest({ orgs: 'bulk', users: 'bulk', enrollments: 'delta', courses: 'absent' }),
  'orgs.csv': orgsCsv,
  'users.csv': usersCsv,
  'enrollments.csv': enrollmentsDelta,
};

describe('createOneRosterCsvConnector on a local folder', () => {
  it('reads quoted commas, quotes, BOM, CRLF, multi-value cells and TRUE/true', async () => {
    await writeDrop(root, standardFiles);
    const connector = createOneRosterCsvConnector({ localPath: root });
    const orgs = await collect(connector.orgs());
    expect(orgs.map((org) => [org.sourcedId, org.name, org.parentSourcedId])).toEqual([
      ['d1', 'Springfield USD', undefined],
      ['s1', 'Springfield High, Main', 'd1'],
    ]);
    const issues: RecordIssue[] = [];
    const users = await collect(connector.users({ onIssue: (issue) => issues.push(issue) }));
    expect(users.map((user) => user.sourcedId)).toEqual(['u1', 'u2']);
    const [ana, bob] = users;
    expect(ana).toMatchObject({
      enabledUser: true,
      orgSourcedIds: ['s1', 's2'],
      familyName: 'O"Neil',
      userIds: [
        { type: 'LDAP', identifier: '12' },
        { type: 'SIS', identifier: '778' },
      ],
      grades: ['09', '10'],
      identifier: '1001',
    });
    expect(ana?.raw).not.toHaveProperty('password');
    expect(bob?.role).toBe('teacher');
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([
      ['wrong_column_count', 4],
      ['invalid_record', 5],
      ['invalid_record', 6],
    ]);
    expect(issues[0]?.location?.file).toBe(join(root, 'users.csv'));
    expect(issues[2]?.message).toMatch(/role/);
  });

  it('reads a delta file only when since is set, with tobedeleted rows and bad dates reported', async () => {
    await writeDrop(root, standardFiles);
    const connector = createOneRosterCsvConnector({ localPath: root });
    await expect(collect(connector.enrollments())).rejects.toMatchObject({ code: 'delta_file_needs_since' });
    const issues: RecordIssue[] = [];
    const enrollments = await collect(
      connector.enrollments({ since: new Date('2024-08-01'), onIssue: (issue) => issues.push(issue) }),
    );
    expect(
      enrollments.map((enrollment) => [enrollment.sourcedId, enrollment.status, enrollment.primary]),
    ).toEqual([
      ['e1', 'active', false],
      ['e2', 'tobedeleted', true],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'invalid_record', sourcedId: 'e3', location: { line: 4 } });
  });

  it('refuses absent and undeclared files instead of yielding nothing', async () => {
    await writeDrop(root, standardFiles);
    const connector = createOneRosterCsvConnector({ localPath: root });
    await expect(collect(connector.courses())).rejects.toMatchObject({ code: 'source_file_absent' });
    await expect(collect(connector.classes())).rejects.toMatchObject({ code: 'source_file_absent' });
  });

  it('fails the read of a declared file that is missing, and passes the others', async () => {
    const { 'users.csv': _removed, ...files } = standardFiles;
    await writeDrop(root, files);
    const connector = createOneRosterCsvConnector({ localPath: root });
    const error = await collect(connector.users()).catch((caught: unknown) => caught);
    expect(ConnectorError.isInstance(error) && error.code).toBe('source_file_missing');
    expect((error as Error).message).toContain('users.csv');
    expect(await collect(connector.orgs())).toHaveLength(2);
    const check = await connector.testConnection();
    expect(check).toMatchObject({ success: false, code: 'source_file_missing' });
  });

  it('fails with a clear error when the manifest is missing', async () => {
    const { 'manifest.csv': _removed, ...files } = standardFiles;
    await writeDrop(root, files);
    const connector = createOneRosterCsvConnector({ localPath: root });
    await expect(collect(connector.orgs())).rejects.toMatchObject({ code: 'manifest_missing' });
    expect(await connector.testConnection()).toMatchObject({ success: false, code: 'manifest_missing' });
  });

  it('names missing and unexpected columns of a wrong header', async () => {
    await writeDrop(root, {
      ...standardFiles,
      'orgs.csv': 'sourcedId,status,dateLastModified,Name,type,identifier,parentSourcedId,extra\n',
    });
    const connector = createOneRosterCsvConnector({ localPath: root });
    const error = (await collect(connector.orgs()).catch((caught: unknown) => caught)) as ConnectorError;
    expect(error.code).toBe('invalid_header');
    expect(error.message).toContain('orgs.csv');
    expect(error.message).toContain('missing columns: name');
    expect(error.message).toContain('unexpected columns: "Name", "extra"');
  });

  it('says the path is missing', async () => {
    const connector = createOneRosterCsvConnector({ localPath: join(root, 'nowhere') });
    expect(await connector.testConnection()).toMatchObject({ success: false, code: 'path_missing' });
  });

  it('releases the file when the consumer breaks out early', async () => {
    await writeDrop(root, standardFiles);
    const connector = createOneRosterCsvConnector({ localPath: root });
    for await (const org of connector.orgs()) {
      expect(org.sourcedId).toBe('d1');
      break;
    }
    // Removing the folder succeeds and a new read starts fresh.
    expect(await collect(connector.orgs())).toHaveLength(2);
  });

  it('stops promptly with an AbortError when the signal aborts', async () => {
    await writeDrop(root, standardFiles);
    const connector = createOneRosterCsvConnector({ localPath: root });
    const controller = new AbortController();
    const read = async () => {
      for await (const _org of connector.orgs({ signal: controller.signal })) controller.abort();
    };
    await expect(read()).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('zips and dated drops', () => {
  it('reads a zip, also when its files sit in one folder', async () => {
    await writeZip(join(root, 'flat.zip'), standardFiles);
    await writeZip(
      join(root, 'nested.zip'),
      Object.fromEntries(Object.entries(standardFiles).map(([name, content]) => [`export/${name}`, content])),
    );
    for (const name of ['flat.zip', 'nested.zip']) {
      const connector = createOneRosterCsvConnector({ localPath: join(root, name) });
      expect((await collect(connector.users())).length).toBe(2);
    }
  });

  it('picks the newest complete drop among dated folders and zips', async () => {
    const { 'users.csv': _removed, ...incomplete } = standardFiles;
    await writeDrop(join(root, '2024-08-01'), standardFiles);
    await writeZip(join(root, '2024-08-02.zip'), {
      ...standardFiles,
      'orgs.csv': `${orgsCsv}\ns2,,,Shelbyville Elementary,school,,d1`,
    });
    await writeDrop(join(root, '2024-08-03'), incomplete);
    const connector = createOneRosterCsvConnector({ localPath: root });
    expect((await collect(connector.orgs())).map((org) => org.sourcedId)).toEqual(['d1', 's1', 's2']);
    const info = await connector.inspect();
    expect(info.location).toBe(join(root, '2024-08-02.zip'));
    expect(info.manifest.files['users.csv']).toBe('bulk');
  });

  it('fails when no dated drop is complete, naming why', async () => {
    const { 'users.csv': _removed, ...incomplete } = standardFiles;
    await writeDrop(join(root, '2024-08-03'), incomplete);
    const connector = createOneRosterCsvConnector({ localPath: root });
    const error = (await collect(connector.orgs()).catch((caught: unknown) => caught)) as ConnectorError;
    expect(error.code).toBe('no_complete_drop');
    expect(error.message).toContain('2024-08-03: the manifest declares users.csv');
  });
});

describe('damaged zips', () => {
  const cutInHalf = async (path: string) => {
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
  };

  it('fails every read and the connection test of a truncated zip with zip_unreadable, saying to re-export it', async () => {
    const zipPath = join(root, 'export.zip');
    await writeZip(zipPath, standardFiles);
    await cutInHalf(zipPath);
    const connector = createOneRosterCsvConnector({ localPath: zipPath });
    for (const entity of ['orgs', 'users', 'enrollments'] as const) {
      const records: AsyncIterable<unknown> = connector[entity]({ since: new Date(0) });
      const error = await collect(records).catch((caught: unknown) => caught);
      expect(ConnectorError.isInstance(error)).toBe(true);
      expect((error as ConnectorError).code).toBe('zip_unreadable');
      expect((error as ConnectorError).message).toContain(`The zip file ${zipPath} is truncated or corrupt`);
      expect((error as ConnectorError).message).toContain('re-export it');
    }
    const check = await connector.testConnection();
    expect(check).toMatchObject({ success: false, code: 'zip_unreadable' });
    expect(check.message).toContain(zipPath);
  });

  it('fails the read of a file whose compressed data is damaged with zip_unreadable', async () => {
    const zipPath = join(root, 'export.zip');
    // Enough rows that users.csv is deflated, so damage inside it breaks inflation.
    const rows = Array.from(
      { length: 2_000 },
      (_, index) => `u${index},,,true,s1,student,user${index},,Ana,Lee,,,,,,,,`,
    );
    await writeZip(zipPath, { ...standardFiles, 'users.csv': [header('users'), ...rows].join('\n') });
    const bytes = await readFile(zipPath);
    const usersAt = bytes.indexOf('users.csv');
    // Local header (30 bytes + name) then the deflated data: overwrite a stretch in its middle.
    bytes.fill(0xff, usersAt + 9 + 200, usersAt + 9 + 400);
    await writeFile(zipPath, bytes);
    const connector = createOneRosterCsvConnector({ localPath: zipPath });
    expect(await collect(connector.orgs())).toHaveLength(2);
    const error = await collect(connector.users()).catch((caught: unknown) => caught);
    expect((error as ConnectorError).code).toBe('zip_unreadable');
    expect((error as ConnectorError).message).toContain(zipPath);
  });

  it('skips a truncated newest zip among dated drops (still uploading) and reads the newest complete one', async () => {
    await writeDrop(join(root, '2024-08-01'), standardFiles);
    await writeZip(join(root, '2024-08-02.zip'), standardFiles);
    await cutInHalf(join(root, '2024-08-02.zip'));
    const connector = createOneRosterCsvConnector({ localPath: root });
    expect(await collect(connector.orgs())).toHaveLength(2);
    expect((await connector.inspect()).location).toBe(join(root, '2024-08-01'));
  });
});

describe('invalid UTF-8', () => {
  const usersWith = (...rows: Buffer[]) =>
    Buffer.concat([
      Buffer.from(`${header('users')}\n`),
      ...rows.map((row) => Buffer.concat([row, Buffer.from('\n')])),
    ]);
  const userRow = (sourcedId: string, givenName: Buffer | string) =>
    Buffer.concat([
      Buffer.from(`${sourcedId},,,true,s1,student,${sourcedId},,`),
      Buffer.from(givenName),
      Buffer.from(',Lee,,,,,,,,'),
    ]);

  it('reports a row with invalid bytes as invalid_utf8 with file and line, skips it and reads the others', async () => {
    const latin1Name = Buffer.from('Jos\xe9', 'latin1');
    await writeDrop(root, {
      'manifest.csv': manifest({ users: 'bulk' }),
      'users.csv': usersWith(
        userRow('u1', 'Zoë'),
        userRow('u2', latin1Name),
        userRow('u3', Buffer.from([0x41, 0xff, 0xfe])),
        // In a file with bad bytes, a row holding U+FFFD cannot be told apart from a damaged one.
        userRow('u4', 'Ren\uFFFDe'),
        userRow('u5', 'Émile'),
      ),
    });
    const issues: RecordIssue[] = [];
    const users = await collect(
      createOneRosterCsvConnector({ localPath: root }).users({ onIssue: (issue) => issues.push(issue) }),
    );
    expect(users.map((user) => [user.sourcedId, user.givenName])).toEqual([
      ['u1', 'Zoë'],
      ['u5', 'Émile'],
    ]);
    expect(issues.map((issue) => [issue.code, issue.sourcedId, issue.location?.line])).toEqual([
      ['invalid_utf8', 'u2', 3],
      ['invalid_utf8', 'u3', 4],
      ['invalid_utf8', 'u4', 5],
    ]);
    expect(issues[0]?.location?.file).toBe(join(root, 'users.csv'));
    expect(issues[0]?.message).toContain('not valid UTF-8');
  });

  it('keeps a genuine U+FFFD and multi-byte characters cut across read chunks in a valid file', async () => {
    // Rows of two-, three- and four-byte characters: some fall across the 64 KB chunk boundaries.
    const rows = Array.from({ length: 5_000 }, (_, index) => userRow(`u${index}`, 'é€😀\uFFFD'));
    await writeDrop(root, {
      'manifest.csv': manifest({ users: 'bulk' }),
      'users.csv': usersWith(...rows),
    });
    const issues: RecordIssue[] = [];
    let read = 0;
    for await (const user of createOneRosterCsvConnector({ localPath: root }).users({
      onIssue: (issue) => issues.push(issue),
    })) {
      expect(user.givenName).toBe('é€😀\uFFFD');
      read += 1;
    }
    expect(issues).toEqual([]);
    expect(read).toBe(5_000);
  });

  it('reports a multi-byte sequence cut short at the end of the file', async () => {
    await writeDrop(root, {
      'manifest.csv': manifest({ users: 'bulk' }),
      // The last cell (password) of the last row ends in the first two bytes of '€', with no line break.
      'users.csv': Buffer.concat([
        usersWith(userRow('u1', 'Ana')),
        userRow('u2', 'Bo'),
        Buffer.from([0xe2, 0x82]),
      ]),
    });
    const issues: RecordIssue[] = [];
    const users = await collect(
      createOneRosterCsvConnector({ localPath: root }).users({ onIssue: (issue) => issues.push(issue) }),
    );
    expect(users.map((user) => user.sourcedId)).toEqual(['u1']);
    expect(issues.map((issue) => [issue.code, issue.location?.line])).toEqual([['invalid_utf8', 3]]);
  });
});

describe('oneRosterCsvConfigSchema', () => {
  it('refuses unknown fields and SFTP settings without credentials', () => {
    expect(() => createOneRosterCsvConnector({ localPath: root, extra: 1 } as never)).toThrow(/extra/);
    expect(() =>
      createOneRosterCsvConnector({ sftp: { host: 'h', username: 'u' }, remotePath: '/x' } as never),
    ).toThrow(/privateKeyPath, privateKey or password/);
    expect(() =>
      createOneRosterCsvConnector({
        sftp: { host: 'h', username: 'u', password: 'p', hostKeySha256: 'nope' },
        remotePath: '/x',
      }),
    ).toThrow(/SHA-256 host key fingerprint/);
    expect(() => createOneRosterCsvConnector({} as never)).toThrow(
      /give either \{ sftp, remotePath \} or \{ localPath \}/,
    );
    expect(() =>
      createOneRosterCsvConnector({ sftp: { host: 'h', username: 'u', password: 'hunter22' } } as never),
    ).toThrow(/remotePath/);
    const refused = (() => {
      try {
        createOneRosterCsvConnector({
          sftp: { host: 'h', username: 'u', password: 'hunter22', port: 'x' },
          remotePath: '/x',
        } as never);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refused?.message).toMatch(/sftp\.port/);
    expect(refused?.message).not.toContain('hunter22');
  });
});
