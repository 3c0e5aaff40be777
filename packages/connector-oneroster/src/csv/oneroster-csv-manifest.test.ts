import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { missingDeclaredFiles, parseOneRosterCsvManifest } from './oneroster-csv-manifest.js';

const parse = (text: string) => parseOneRosterCsvManifest(Readable.from([Buffer.from(text)]), 'manifest.csv');

describe('parseOneRosterCsvManifest', () => {
  it('reads properties and file modes (BOM, CRLF, any case)', async () => {
    const manifest = await parse(
      '\uFEFFpropertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.users,BULK\r\nfile.enrollments,delta\r\nfile.courses,absent\r\n',
    );
    expect(manifest.files).toEqual({
      'users.csv': 'bulk',
      'enrollments.csv': 'delta',
      'courses.csv': 'absent',
    });
    expect(manifest.properties['oneroster.version']).toBe('1.1');
    expect(missingDeclaredFiles(manifest, new Set(['users.csv']))).toEqual(['enrollments.csv']);
  });

  it('refuses a wrong header, an unknown mode, an empty file and OneRoster 1.2', async () => {
    await expect(parse('name,value\nfile.users,bulk\n')).rejects.toMatchObject({ code: 'invalid_manifest' });
    await expect(parse('propertyName,value\nfile.users,full\n')).rejects.toThrow(
      /file\.users is "full", but must be bulk, delta or absent/,
    );
    await expect(parse('')).rejects.toMatchObject({ code: 'invalid_manifest' });
    await expect(parse('propertyName,value\noneroster.version,1.2\n')).rejects.toMatchObject({
      code: 'unsupported_version',
    });
  });
});
