import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRosterRecord, type RosterEntity, rosterEntities } from '@aivo/connector-sdk';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { collectDistrict } from '../generator/collect-district.js';
import { createDistrict } from '../generator/create-district.js';
import { oneRosterCsvFileNames, oneRosterCsvHeaders } from './oneroster-csv-files.js';
import { writeOneRosterCsv } from './write-oneroster-csv.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sis-simulator-csv-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const tiny = createDistrict({ seed: 42, size: 'tiny' });

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

/** Reads every entry of a zip into memory (tests only; the sets are tiny). */
async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path);
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

async function readFolder(path: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  for (const name of (await readdir(path)).sort()) entries.set(name, await readFile(join(path, name)));
  return entries;
}

describe('writeOneRosterCsv', () => {
  it('writes a bulk set with the exact headers, a manifest, and rows that read back as the same records', async () => {
    const out = join(folder, 'bulk');
    const written = await writeOneRosterCsv({ district: tiny, out });
    const truth = tiny.groundTruth();
    expect(written.files.map((file) => file.name)).toEqual([
      'manifest.csv',
      'orgs.csv',
      'academicSessions.csv',
      'courses.csv',
      'classes.csv',
      'users.csv',
      'enrollments.csv',
    ]);
    const manifest = await readFile(join(out, 'manifest.csv'), 'utf8');
    expect(manifest).toBe(
      [
        'propertyName,value',
        'manifest.version,1.0',
        'oneroster.version,1.1',
        'file.academicSessions,bulk',
        'file.categories,absent',
        'file.classes,bulk',
        'file.classResources,absent',
        'file.courses,bulk',
        'file.courseResources,absent',
        'file.demographics,absent',
        'file.enrollments,bulk',
        'file.lineItems,absent',
        'file.orgs,bulk',
        'file.resources,absent',
        'file.results,absent',
        'file.users,bulk',
        'source.systemName,Aivo SIS Simulator',
        'source.systemCode,sis-simulator-42-day-1',
        '',
      ].join('\n'),
    );
    const collected = collectDistrict(tiny);
    for (const entity of rosterEntities) {
      const text = await readFile(join(out, oneRosterCsvFileNames[entity]), 'utf8');
      expect(text.split('\n')[0]).toBe(oneRosterCsvHeaders[entity].join(','));
      const rows = parseCsv(text);
      expect(rows).toHaveLength(truth.records[entity]);
      expect(written.files.find((file) => file.name === oneRosterCsvFileNames[entity])?.rows).toBe(
        rows.length,
      );
      const readBack = rows.map((row) => {
        expect(row.status).toBe('');
        expect(row.dateLastModified).toBe('');
        const parsed = parseRosterRecord(entity, { ...row, raw: {} });
        if (!parsed.success) throw new Error(parsed.issue.message);
        return parsed.record;
      });
      expect(readBack).toEqual(
        (collected[entity] as { dateLastModified?: string }[]).map((record) => ({
          ...record,
          dateLastModified: undefined,
        })),
      );
    }
  });

  it('quotes commas and double quotes per RFC 4180 and writes multi-value cells and userIds in one cell', async () => {
    const out = join(folder, 'quoting');
    await writeOneRosterCsv({ district: tiny, out });
    const classes = await readFile(join(out, 'classes.csv'), 'utf8');
    expect(classes).toMatch(/,"Algebra I, ""Honors"" - Period \d",/);
    const courses = await readFile(join(out, 'courses.csv'), 'utf8');
    expect(courses).toContain(',"09,10,11,12",');
    const users = await readFile(join(out, 'users.csv'), 'utf8');
    expect(users).toMatch(/,"\{SIS:200000\},\{LDAP:[a-z.]+0\}",/);
    expect(users).toContain(',true,');
    const enrollments = await readFile(join(out, 'enrollments.csv'), 'utf8');
    expect(enrollments).toMatch(/,teacher,true,2025-08-15,/);
  });

  it('writes byte-identical sets for the same seed and different ones for another seed, as folders and zips', async () => {
    await writeOneRosterCsv({ district: tiny, out: join(folder, 'same-1') });
    await writeOneRosterCsv({
      district: createDistrict({ seed: 42, size: 'tiny' }),
      out: join(folder, 'same-2'),
    });
    await writeOneRosterCsv({
      district: createDistrict({ seed: 43, size: 'tiny' }),
      out: join(folder, 'other'),
    });
    const first = await readFolder(join(folder, 'same-1'));
    expect(await readFolder(join(folder, 'same-2'))).toEqual(first);
    expect((await readFolder(join(folder, 'other'))).get('users.csv')).not.toEqual(first.get('users.csv'));

    const zipOne = join(folder, 'one.zip');
    const zipTwo = join(folder, 'two.zip');
    await writeOneRosterCsv({ district: tiny, out: zipOne, format: 'zip' });
    await writeOneRosterCsv({
      district: createDistrict({ seed: 42, size: 'tiny' }),
      out: zipTwo,
      format: 'zip',
    });
    expect(await readFile(zipTwo)).toEqual(await readFile(zipOne));
  });

  it('writes a zip that a standard unzip library reads, holding the same files as the folder', async () => {
    const zipPath = join(folder, 'nested', 'oneroster.zip');
    const written = await writeOneRosterCsv({ district: tiny, out: zipPath, format: 'zip' });
    expect(written.path).toBe(zipPath);
    expect(written.files.find((file) => file.name === 'users.csv')?.rows).toBe(
      tiny.groundTruth().records.users,
    );
    const entries = await readZip(zipPath);
    const fromFolder = await readFolder(join(folder, 'same-1'));
    expect([...entries.keys()].sort()).toEqual([...fromFolder.keys()].sort());
    for (const [name, content] of entries)
      expect(content.equals(fromFolder.get(name) as Buffer), name).toBe(true);
  });

  it('writes a delta set: changed rows active, removed rows tobedeleted, status and dateLastModified filled', async () => {
    const before = createDistrict({ seed: 7, size: 'small', day: 2 });
    const after = before.nextDay();
    const changes = after.changesSince(before);
    const out = join(folder, 'delta');
    await writeOneRosterCsv({ district: after, out, mode: 'delta' });
    const manifest = parseCsv(await readFile(join(out, 'manifest.csv'), 'utf8'));
    expect(manifest.find((row) => row.propertyName === 'file.users')?.value).toBe('delta');
    expect(manifest.find((row) => row.propertyName === 'file.demographics')?.value).toBe('absent');
    for (const entity of ['users', 'classes', 'enrollments'] satisfies RosterEntity[]) {
      const rows = parseCsv(await readFile(join(out, oneRosterCsvFileNames[entity]), 'utf8'));
      const { created, updated, deleted } = changes[entity];
      expect(rows.filter((row) => row.status === 'tobedeleted').map((row) => row.sourcedId)).toEqual(deleted);
      expect(rows.filter((row) => row.status === 'active').map((row) => row.sourcedId)).toEqual(
        [...created, ...updated].sort(),
      );
      expect(deleted.length + created.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.dateLastModified).toBe(after.snapshotTime);
    }
    const orgs = parseCsv(await readFile(join(out, 'orgs.csv'), 'utf8'));
    expect(orgs).toEqual([]);
  });

  it('takes a delta against an explicit earlier day and refuses a delta of day 1 without one', async () => {
    const dayOne = createDistrict({ seed: 7, size: 'small' });
    const dayFour = createDistrict({ seed: 7, size: 'small', day: 4 });
    const written = await writeOneRosterCsv({
      district: dayFour,
      previous: dayOne,
      out: join(folder, 'delta-1-4'),
      mode: 'delta',
    });
    const changes = dayFour.changesSince(dayOne);
    const counts = changes.enrollments.counts;
    expect(written.files.find((file) => file.name === 'enrollments.csv')?.rows).toBe(
      counts.created + counts.updated + counts.deleted,
    );
    await expect(
      writeOneRosterCsv({ district: dayOne, out: join(folder, 'x'), mode: 'delta' }),
    ).rejects.toThrow(/day 2 or later/);
  });

  it('writes a UTF-8 BOM and CRLF line endings when asked, and the rows still parse the same', async () => {
    const out = join(folder, 'windows');
    await writeOneRosterCsv({ district: tiny, out, bom: true, lineEnding: '\r\n' });
    const bytes = await readFile(join(out, 'users.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(`\ufeff${oneRosterCsvHeaders.users.join(',')}`);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const plain = await readFile(join(folder, 'same-1', 'users.csv'), 'utf8');
    expect(parseCsv(text)).toEqual(parseCsv(plain));
  });
});

describe('writeOneRosterCsv failures', () => {
  /** The tiny district, except that reading users fails halfway. */
  function failingDistrict() {
    const district = createDistrict({ seed: 42, size: 'tiny' });
    return Object.assign(Object.create(district) as typeof district, {
      records(entity: RosterEntity) {
        if (entity !== 'users') return district.records(entity);
        return (function* () {
          yield* [...district.users()].slice(0, 3);
          throw new Error('the users stream broke');
        })();
      },
    });
  }

  it('rejects instead of leaving a silently truncated file, for folders and zips', async () => {
    await expect(
      writeOneRosterCsv({ district: failingDistrict(), out: join(folder, 'broken') }),
    ).rejects.toThrow('the users stream broke');
    await expect(
      writeOneRosterCsv({ district: failingDistrict(), out: join(folder, 'broken.zip'), format: 'zip' }),
    ).rejects.toThrow('the users stream broke');
  });
});
