import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneRosterCsvConnector } from '@aivo/connector-oneroster';
import {
  ConnectorError,
  type RecordIssue,
  type RosterEntity,
  recordIssueSchema,
  rosterEntities,
  rosterRecordSchemas,
} from '@aivo/connector-sdk';
import { createDistrict, oneRosterCsvFileNames, writeOneRosterCsv } from '@aivo/sis-simulator';
import { createMemoryRosterStore, runSync } from '@aivo/sync-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvMutation } from '../support/csv-mutations.js';
import { type EntityReadOutcome, isDocumentedError, readEveryEntity } from '../support/read-every-entity.js';

// Bad OneRoster CSV drops: a clear error or a per-row issue with file and line, valid data still read.
const fuzzSeed = 424_242;
const district = createDistrict({ seed: 5, size: 'tiny' });
const truth = district.groundTruth().records;

let root: string;
let base: string;
let caseNumber = 0;

async function copyOfBase(): Promise<string> {
  caseNumber += 1;
  const folder = join(root, `case-${caseNumber}`);
  await cp(base, folder, { recursive: true });
  return folder;
}

async function readFolder(folder: string) {
  return readEveryEntity(createOneRosterCsvConnector({ localPath: folder }));
}

/** Checks that hold for every read, however bad the input. */
function expectWellBehaved(outcomes: Record<RosterEntity, EntityReadOutcome>, context: string): void {
  for (const entity of rosterEntities) {
    const { records, issues, error } = outcomes[entity];
    if (error !== undefined) {
      expect(
        isDocumentedError(error),
        `${context}: ${entity} ended with an undocumented ${String(error)}`,
      ).toBe(true);
      expect((error as Error).message.length, context).toBeGreaterThan(10);
    }
    for (const record of records) {
      const parsed = rosterRecordSchemas[entity].safeParse(record);
      expect(
        parsed.success,
        `${context}: ${entity} yielded an invalid record ${JSON.stringify(record).slice(0, 200)}`,
      ).toBe(true);
    }
    for (const issue of issues) {
      expect(recordIssueSchema.safeParse(issue).success, `${context}: malformed issue`).toBe(true);
      expect(issue.entity, context).toBe(entity);
      expect(issue.location?.file, `${context}: issue without file ${JSON.stringify(issue)}`).toMatch(
        /\.csv$/,
      );
      expect(
        issue.location?.line,
        `${context}: issue without line ${JSON.stringify(issue)}`,
      ).toBeGreaterThanOrEqual(1);
    }
  }
}

function expectUntouchedEntities(
  outcomes: Record<RosterEntity, EntityReadOutcome>,
  touched: RosterEntity[],
  context: string,
): void {
  for (const entity of rosterEntities) {
    if (touched.includes(entity)) continue;
    expect(outcomes[entity].error, `${context}: ${entity}`).toBeUndefined();
    expect(outcomes[entity].records.length, `${context}: ${entity}`).toBe(truth[entity]);
  }
}

const issueCodes = (issues: RecordIssue[]) => issues.map((issue) => issue.code);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aivo-reliability-csv-'));
  base = join(root, 'base');
  await writeOneRosterCsv({ district, out: base });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('seeded fuzzer over the OneRoster CSV reader', () => {
  it('the unmutated drop reads exactly the ground truth with no issue', async () => {
    const outcomes = await readFolder(base);
    expectWellBehaved(outcomes, 'base');
    expectUntouchedEntities(outcomes, [], 'base');
    for (const entity of rosterEntities) expect(outcomes[entity].issues).toEqual([]);
  });

  it('mutated files: only documented errors, only valid records, issues with file and line, other files intact', async () => {
    const target = fc.constantFrom(...rosterEntities);
    await fc.assert(
      fc.asyncProperty(target, csvMutation, async (entity, mutation) => {
        const folder = await copyOfBase();
        const file = join(folder, oneRosterCsvFileNames[entity]);
        await writeFile(file, mutation.apply(await readFile(file)));
        const context = `${entity}: ${mutation.description}`;
        const outcomes = await readFolder(folder);
        expectWellBehaved(outcomes, context);
        expectUntouchedEntities(outcomes, [entity], context);
        // A mutated file can lose rows, never invent more than one (a repeated line).
        expect(outcomes[entity].records.length, context).toBeLessThanOrEqual(truth[entity] + 1);
        await rm(folder, { recursive: true, force: true });
      }),
      { seed: fuzzSeed, numRuns: 60 },
    );
  });

  it('a mutated manifest: every read ends with a documented error or reads the drop as it is', async () => {
    await fc.assert(
      fc.asyncProperty(csvMutation, async (mutation) => {
        const folder = await copyOfBase();
        const file = join(folder, 'manifest.csv');
        await writeFile(file, mutation.apply(await readFile(file)));
        const outcomes = await readFolder(folder);
        const context = `manifest: ${mutation.description}`;
        for (const entity of rosterEntities) {
          const { error, records } = outcomes[entity];
          if (error !== undefined)
            expect(isDocumentedError(error), `${context}: ${String(error)}`).toBe(true);
          else expect(records.length, `${context}: ${entity}`).toBeLessThanOrEqual(truth[entity]);
        }
        await rm(folder, { recursive: true, force: true });
      }),
      { seed: fuzzSeed, numRuns: 25 },
    );
  });
});

describe('bad OneRoster CSV drops named by the issue', () => {
  const rewrite = async (entity: RosterEntity, change: (text: string) => string | Buffer) => {
    const folder = await copyOfBase();
    const file = join(folder, oneRosterCsvFileNames[entity]);
    await writeFile(file, change(await readFile(file, 'utf8')));
    return folder;
  };

  it('wrong headers: that entity fails naming the missing and unexpected columns; the others read', async () => {
    const folder = await rewrite('users', (text) => text.replace('givenName', 'firstName'));
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, 'wrong header');
    expectUntouchedEntities(outcomes, ['users'], 'wrong header');
    const error = outcomes.users.error as ConnectorError;
    expect(ConnectorError.isInstance(error)).toBe(true);
    expect(error.message).toContain('givenName');
    expect(error.message).toContain('firstName');
  });

  it('missing manifest: every read fails with a documented error that names the manifest', async () => {
    const folder = await copyOfBase();
    await rm(join(folder, 'manifest.csv'));
    const outcomes = await readFolder(folder);
    for (const entity of rosterEntities) {
      expect(isDocumentedError(outcomes[entity].error), entity).toBe(true);
      expect((outcomes[entity].error as Error).message).toContain('manifest');
      expect(outcomes[entity].records).toEqual([]);
    }
  });

  it('missing declared file: that entity fails with source_file_missing; the others read', async () => {
    const folder = await copyOfBase();
    await rm(join(folder, 'classes.csv'));
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, 'missing file');
    expectUntouchedEntities(outcomes, ['classes'], 'missing file');
    expect((outcomes.classes.error as ConnectorError).code).toBe('source_file_missing');
  });

  it('an empty file: that entity fails saying the header row is missing; the others read', async () => {
    const folder = await rewrite('courses', () => '');
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, 'empty file');
    expectUntouchedEntities(outcomes, ['courses'], 'empty file');
    expect((outcomes.courses.error as Error).message).toMatch(/empty/);
  });

  it('wrong column counts and bad dates: per-row issues with file and line; every other row is read', async () => {
    const folder = await rewrite('academicSessions', (text) => {
      const lines = text.split('\n');
      lines[1] = lines[1]!.replace(/\d{4}-\d{2}-\d{2}/, '2024-13-45');
      lines[2] = `${lines[2]},surplus`;
      return lines.join('\n');
    });
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, 'bad rows');
    expect(issueCodes(outcomes.academicSessions.issues).sort()).toEqual([
      'invalid_record',
      'wrong_column_count',
    ]);
    expect(outcomes.academicSessions.issues.map((issue) => issue.location?.line).sort()).toEqual([2, 3]);
    expect(outcomes.academicSessions.records).toHaveLength(truth.academicSessions - 2);
  });

  it('a 50 MB single field: the row is read or reported, the process survives, the other rows are read', async () => {
    const folder = await rewrite('users', (text) => {
      const lines = text.split('\n');
      const cells = lines[1]!.split(',');
      // username is a free-text column (index 5 in OneRoster 1.1 users.csv).
      cells[5] = `"${'a'.repeat(50 * 1024 * 1024)}"`;
      lines[1] = cells.join(',');
      return lines.join('\n');
    });
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, '50 MB field');
    expectUntouchedEntities(outcomes, ['users'], '50 MB field');
    expect(outcomes.users.error).toBeUndefined();
    expect(outcomes.users.records.length + outcomes.users.issues.length).toBe(truth.users);
    expect(outcomes.users.records.length).toBeGreaterThanOrEqual(truth.users - 1);
  });

  // Finding R-4 (fixed): invalid UTF-8 bytes were silently replaced (U+FFFD) and the record kept.
  it('invalid UTF-8 is reported as an invalid_utf8 issue with file and line; that row is skipped (R-4)', async () => {
    const folder = await rewrite('users', (text) => {
      const lines = text.split('\n');
      const bytes = Buffer.concat([
        Buffer.from(`${lines.slice(0, 2).join('\n')}\n`),
        Buffer.from(lines[2]!.slice(0, 40)),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(`${lines[2]!.slice(40)}\n${lines.slice(3).join('\n')}`),
      ]);
      return bytes;
    });
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, 'invalid UTF-8');
    expectUntouchedEntities(outcomes, ['users'], 'invalid UTF-8');
    expect(outcomes.users.issues.map((issue) => [issue.code, issue.location?.line])).toEqual([
      ['invalid_utf8', 3],
    ]);
    expect(outcomes.users.records).toHaveLength(truth.users - 1);
    expect(JSON.stringify(outcomes.users.records)).not.toContain('\uFFFD');
  });

  it('invalid UTF-8 never breaks the read: every row is still read and valid', async () => {
    const folder = await rewrite('users', (text) =>
      Buffer.concat([
        Buffer.from(text.slice(0, 300)),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(text.slice(300)),
      ]),
    );
    const outcomes = await readFolder(folder);
    expectWellBehaved(outcomes, 'invalid UTF-8');
    expect(outcomes.users.records.length + outcomes.users.issues.length).toBe(truth.users);
  });

  // Finding R-3 (fixed): a truncated zip ended the read with yauzl's plain Error, not a ConnectorError.
  it('a truncated zip fails every read and the connection test with zip_unreadable naming the file (R-3)', async () => {
    const zip = join(root, `truncated-${caseNumber++}.zip`);
    await writeOneRosterCsv({ district, out: zip, format: 'zip' });
    const bytes = await readFile(zip);
    await writeFile(zip, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const connector = createOneRosterCsvConnector({ localPath: zip });
    const outcomes = await readEveryEntity(connector);
    for (const entity of rosterEntities) {
      expect(outcomes[entity].records).toEqual([]);
      expect(isDocumentedError(outcomes[entity].error), String(outcomes[entity].error)).toBe(true);
      expect((outcomes[entity].error as ConnectorError).code).toBe('zip_unreadable');
      expect((outcomes[entity].error as Error).message).toContain(
        `The zip file ${zip} is truncated or corrupt`,
      );
      expect((outcomes[entity].error as Error).message).toContain('re-export it');
    }
    expect(await connector.testConnection()).toMatchObject({ success: false, code: 'zip_unreadable' });
  });

  it('a truncated zip reads no record of any entity (nothing half-read)', async () => {
    const zip = join(root, `truncated-${caseNumber++}.zip`);
    await writeOneRosterCsv({ district, out: zip, format: 'zip' });
    const bytes = await readFile(zip);
    await writeFile(zip, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const outcomes = await readEveryEntity(createOneRosterCsvConnector({ localPath: zip }));
    for (const entity of rosterEntities) {
      expect(outcomes[entity].records).toEqual([]);
      expect(outcomes[entity].error).toBeInstanceOf(Error);
    }
  });

  it('duplicate sourcedIds and enrollments to unknown users/classes: issues in the sync, valid data applied, nothing deactivated', async () => {
    const folder = await copyOfBase();
    const usersFile = join(folder, 'users.csv');
    const users = (await readFile(usersFile, 'utf8')).split('\n');
    await writeFile(usersFile, [...users.slice(0, 3), users[2]!, ...users.slice(3)].join('\n'));
    const enrollmentsFile = join(folder, 'enrollments.csv');
    const enrollments = (await readFile(enrollmentsFile, 'utf8')).replace(/\n*$/, '');
    const template = enrollments.split('\n')[1]!.split(',');
    const orphan = (sourcedId: string, classId: string | undefined, userId: string | undefined) => {
      const cells = [...template];
      cells[0] = sourcedId;
      // classSourcedId, schoolSourcedId, userSourcedId are columns 3, 4 and 5 of enrollments.csv.
      if (classId) cells[3] = classId;
      if (userId) cells[5] = userId;
      return cells.join(',');
    };
    await writeFile(
      enrollmentsFile,
      `${enrollments}\n${orphan('orphan-enrollment-1', undefined, 'no-such-user')}\n${orphan('orphan-enrollment-2', 'no-such-class', undefined)}\n`,
    );
    const store = createMemoryRosterStore();
    const result = await runSync({
      connector: createOneRosterCsvConnector({ localPath: folder }),
      store,
      tenantId: 'district-csv',
      providerId: 'provider-csv',
      runId: 'run-1',
      mode: 'full',
    });
    // Skipped records are issues, not a failed read (sync-core: PARTIAL means a read failed or a hold).
    expect(result.status).toBe('SUCCESS');
    expect(result.issues.byCode).toEqual({ duplicate_sourced_id: 1, unknown_reference: 2 });
    expect(result.stats.users?.skipped).toBe(1);
    expect(result.stats.enrollments?.skipped).toBe(2);
    expect(result.stats.users?.created).toBe(truth.users);
    expect(result.stats.enrollments?.created).toBe(truth.enrollments);
    for (const stats of Object.values(result.stats)) expect(stats.deactivated).toBe(0);
  });
});
