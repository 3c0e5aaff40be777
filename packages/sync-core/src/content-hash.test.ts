import { createHash } from 'node:crypto';
import { rosterEntities } from '@aivo/connector-sdk';
import { createDistrict } from '@aivo/sis-simulator';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  course,
  enrollment,
  rosterClass,
  school,
  student,
  teacher,
  term,
} from './__fixtures__/roster-records.js';
import { contentHash, toStoredRecord } from './content-hash.js';

// Stored rows keep their hashes, so contentHash must give exactly what the original definition gave, for
// every input. The original is kept here, unchanged, as the reference.

const referenceNonContentFields = new Set(['raw', 'status', 'dateLastModified']);

function referenceWithSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referenceWithSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = referenceWithSortedKeys(entry);
  }
  return sorted;
}

function referenceContentHash(record: object): string {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!referenceNonContentFields.has(key)) content[key] = value;
  }
  return createHash('sha256')
    .update(JSON.stringify(referenceWithSortedKeys(content)))
    .digest('hex');
}

function referenceToStoredRecord(record: object): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!referenceNonContentFields.has(key) && value !== undefined) content[key] = value;
  }
  return content;
}

/** The hash, or the error's kind and message: a bigint must fail the same way it always did. */
function outcome(hash: (record: object) => string, record: object): string {
  try {
    return hash(record);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

function expectSameHash(record: object) {
  expect(outcome(contentHash, record)).toBe(outcome(referenceContentHash, record));
}

// Keys that stress the ordering and escaping rules: array-index keys sort numerically and come first,
// "4294967295" and "01" are not array indices, `__proto__` and `toJSON` behave specially on the sorted copy.
const trickyKey = fc.constantFrom(
  'raw',
  'status',
  'dateLastModified',
  '__proto__',
  'toJSON',
  'constructor',
  '0',
  '1',
  '2',
  '10',
  '01',
  '-1',
  '1.5',
  '4294967294',
  '4294967295',
  '9007199254740993',
  '',
  'a"b\\c',
  '\u2028',
  '\ud800',
  'é',
  'e\u0301',
  '😀',
  'Z',
  'a',
  '_',
);
const anyKey = fc.oneof(trickyKey, fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 }));

const leaf = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-7),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(() => 'fn', Symbol('s'), new Date(0), new Map([['a', 1]]), /re/),
);

const { value: nestedValue } = fc.letrec<{
  value: unknown;
  object: Record<string, unknown>;
  array: unknown[];
}>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(anyKey, tie('value'), { maxKeys: 8 }),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 6 }), fc.sparseArray(tie('value'), { maxLength: 6 })),
}));

/** Objects whose keys come in any insertion order, built with JSON.parse too so `__proto__` is an own key. */
const anyRecord = fc.oneof(
  fc.dictionary(anyKey, nestedValue, { maxKeys: 12 }),
  fc.jsonValue().map((value) => ({ value, raw: value, nested: { status: value } })),
  fc
    .dictionary(anyKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 10 })
    .map((object) => JSON.parse(JSON.stringify(object)) as Record<string, unknown>),
  fc
    .anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withObjectString: true,
      withBigInt: true,
      withUnicodeString: true,
      key: anyKey,
    })
    .map((value) => ({ value, sourcedId: 'x' })),
);

const seeded = (seed: number, numRuns: number) => ({ seed, numRuns });

describe('contentHash', () => {
  it('keeps the hashes computed before the direct serializer', () => {
    // Computed with the original implementation; a change here would rewrite every stored row.
    const known: Array<[object, string]> = [
      [
        {
          sourcedId: 's1',
          name: 'Lincoln',
          type: 'school',
          status: 'active',
          dateLastModified: '2025-08-01T06:00:00.000Z',
          raw: { a: 1 },
        },
        '4e7b1457a1f7be18f5763bddd4584f22e1894cb2a1d2e8d548c6a84c8645268a',
      ],
      [
        {
          sourcedId: 'u1',
          status: 'active',
          raw: {},
          enabledUser: true,
          role: 'student',
          orgSourcedIds: ['s1', 's2'],
          userIds: [{ type: 'SIS', identifier: '200000' }],
          givenName: 'Ana',
          familyName: 'Núñez "Q"',
          email: undefined,
          grades: ['09'],
        },
        '2a1e43ce418e5f40790121ea3f20b9c6580c6e872fd58a5d14d1da433f2b36c8',
      ],
      [
        {
          b: [1, undefined, null, { z: undefined, y: -0, x: Number.NaN }],
          a: { '10': 'ten', '2': 'two', c: '\u2028\ud800' },
          '1': true,
          nested: { raw: 'kept', status: 'kept' },
        },
        '139cbd129ea446547b5559fdad427db894a6b6a2a3c9a7cb4e45aa3722827abc',
      ],
      [{}, '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'],
    ];
    for (const [record, hash] of known) {
      expect(referenceContentHash(record)).toBe(hash);
      expect(contentHash(record)).toBe(hash);
    }
  });

  it('equals the original on 5,000 seeded arbitrary objects', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(anyRecord, (record) => expectSameHash(record)),
      seeded(20_261_126, 5_000),
    );
  });

  it('equals the original on the quirks of JSON.stringify over a sorted copy', () => {
    const withProtoKey = JSON.parse('{"b":1,"__proto__":{"toJSON":"no"},"a":{"__proto__":[1,2]}}');
    class TaggedArray<Item> extends Array<Item> {
      toJSON() {
        return 'tagged';
      }
    }
    const holey: number[] = [];
    holey[0] = 1;
    holey[2] = 3; // a hole at 1, which JSON.stringify writes as null
    const cases: object[] = [
      withProtoKey,
      { a: { toJSON: () => 'replaced', b: 1 } },
      { toJSON: () => 'top level' },
      { a: { __proto__: null, b: 1 } },
      { a: TaggedArray.from([1, 2]) },
      { a: holey },
      { a: new Uint8Array([3, 1, 2]), b: Object('str'), c: Object(5) },
      { a: 1n },
      ['x', 'y'],
      Object.assign(Object.create({ inherited: 1 }), { own: 2 }),
    ];
    for (const record of cases) expectSameHash(record);
  });

  it('equals the original on realistic roster records, with and without optional fields', {
    timeout: 60_000,
  }, () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 });
    const id = fc.stringMatching(/^[A-Za-z0-9-]{1,24}$/);
    const optional = <Value>(arbitrary: fc.Arbitrary<Value>) => fc.option(arbitrary, { nil: undefined });
    const userFields = fc.record({
      email: optional(fc.constantFrom('a@b.org', ' Ana@School.org ', 'x.y@students.example.org')),
      identifier: optional(id),
      middleName: optional(text),
      grades: optional(fc.array(fc.constantFrom('09', '10', 'KG', 'PK'), { maxLength: 3 })),
      orgSourcedIds: optional(fc.array(id, { minLength: 1, maxLength: 3 })),
      status: fc.constantFrom('active', 'tobedeleted'),
      dateLastModified: fc.constantFrom('2025-08-01T06:00:00.000Z', '2026-01-05T00:00:00Z'),
    });
    const record = fc.oneof(
      fc
        .tuple(id, text, userFields)
        .map(([sourcedId, familyName, fields]) => student(sourcedId, { familyName, ...fields })),
      fc.tuple(id, userFields).map(([sourcedId, fields]) => teacher(sourcedId, fields)),
      fc
        .tuple(id, id, id, fc.boolean())
        .map(([sourcedId, classId, userId, primary]) =>
          enrollment(sourcedId, classId, userId, { primary, beginDate: '2026-01-05' }),
        ),
      fc
        .tuple(id, id, text)
        .map(([sourcedId, schoolId, title]) =>
          rosterClass(sourcedId, schoolId, { title, termSourcedIds: 't1' }),
        ),
      id.map((sourcedId) => school(sourcedId)),
      id.map((sourcedId) => term(sourcedId)),
      id.map((sourcedId) => course(sourcedId)),
    );
    fc.assert(
      fc.property(record, (generated) => expectSameHash(generated)),
      seeded(20_261_127, 5_000),
    );
  });

  it('gives the same hashes with createHash where crypto.hash is missing (Node before 20.12)', async () => {
    vi.resetModules();
    vi.doMock('node:crypto', async (importOriginal) => ({
      ...(await importOriginal<typeof import('node:crypto')>()),
      hash: undefined,
    }));
    try {
      const withoutOneShot = await import('./content-hash.js');
      expect(withoutOneShot.contentHash).not.toBe(contentHash);
      const record = { sourcedId: 's1', name: 'Lincoln', type: 'school', raw: { a: 1 } };
      expect(withoutOneShot.contentHash(record)).toBe(
        '4e7b1457a1f7be18f5763bddd4584f22e1894cb2a1d2e8d548c6a84c8645268a',
      );
    } finally {
      vi.doUnmock('node:crypto');
      vi.resetModules();
    }
  });

  it('equals the original on every record of a simulated district', () => {
    const district = createDistrict({ seed: 7, size: 'tiny' });
    for (const entity of rosterEntities) {
      for (const record of district.records(entity)) {
        expect(contentHash(record)).toBe(referenceContentHash(record));
      }
    }
  });

  it('ignores raw, status, dateLastModified and key order, and sees every content change', () => {
    const base = { sourcedId: 'u1', givenName: 'Ana', grades: ['09', '10'] };
    const hash = contentHash(base);
    expect(
      contentHash({ grades: ['09', '10'], givenName: 'Ana', sourcedId: 'u1', status: 'tobedeleted' }),
    ).toBe(hash);
    expect(contentHash({ ...base, raw: { anything: true }, dateLastModified: 'x' })).toBe(hash);
    expect(contentHash({ ...base, grades: ['10', '09'] })).not.toBe(hash);
    expect(contentHash({ ...base, givenName: 'Anna' })).not.toBe(hash);
    expect(contentHash({ ...base, middleName: '' })).not.toBe(hash);
  });
});

describe('toStoredRecord', () => {
  it('equals the original on seeded arbitrary objects: same keys, order and values', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const stored = toStoredRecord(record as never) as Record<string, unknown>;
        const reference = referenceToStoredRecord(record);
        expect(Object.keys(stored)).toEqual(Object.keys(reference));
        expect(Object.getPrototypeOf(stored)).toBe(Object.getPrototypeOf(reference));
        for (const key of Object.keys(reference)) expect(stored[key]).toBe(reference[key]);
      }),
      seeded(20_261_128, 2_000),
    );
  });
});
