import { readFile } from 'node:fs/promises';
import {
  cleverCourseSchema,
  cleverDistrictSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverTermSchema,
  cleverUserSchema,
  mapCleverCourse,
  mapCleverDistrict,
  mapCleverSchool,
  mapCleverSection,
  mapCleverSectionEnrollments,
  mapCleverTerm,
  mapCleverUser,
} from '@aivo/connector-clever';
import { oneRosterEntityEndpoints, readOneRosterCollection } from '@aivo/connector-oneroster';
import {
  createHttpClient,
  parseRosterRecord,
  type RecordIssue,
  type RosterEntity,
  recordIssueSchema,
  rosterRecordSchemas,
} from '@aivo/connector-sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonMutation, jsonMutation } from '../support/json-mutations.js';

// Seeded fuzzing of the Clever and OneRoster JSON mappings: a mutated vendor record becomes a valid
// normalized record or an issue, never an exception and never an invalid record.
const fuzzSeed = 7_070_707;
const numRuns = 150;

function expectValidOutcome(
  entity: RosterEntity,
  outcome: ReturnType<typeof parseRosterRecord>,
  context: string,
) {
  if (outcome.success) {
    expect(rosterRecordSchemas[entity].safeParse(outcome.record).success, context).toBe(true);
  } else {
    expect(recordIssueSchema.safeParse(outcome.issue).success, context).toBe(true);
    expect(outcome.issue.entity, context).toBe(entity);
  }
}

describe('Clever mappers on mutated payloads', () => {
  const districtId = '5f1b2c3d4e5f60718293a4b5';
  interface CleverCase {
    fixture: string;
    entity: RosterEntity;
    schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
    map: (payload: never) => Array<Record<string, unknown> | undefined>;
  }
  const cases: CleverCase[] = [
    { fixture: 'district', entity: 'orgs', schema: cleverDistrictSchema, map: (d) => [mapCleverDistrict(d)] },
    {
      fixture: 'school',
      entity: 'orgs',
      schema: cleverSchoolSchema,
      map: (s) => [mapCleverSchool(s, districtId)],
    },
    { fixture: 'term', entity: 'academicSessions', schema: cleverTermSchema, map: (t) => [mapCleverTerm(t)] },
    {
      fixture: 'course',
      entity: 'courses',
      schema: cleverCourseSchema,
      map: (c) => [mapCleverCourse(c, districtId)],
    },
    {
      fixture: 'sectionWithTwoTeachers',
      entity: 'classes',
      schema: cleverSectionSchema,
      map: (s) => [mapCleverSection(s)],
    },
    {
      fixture: 'sectionWithTwoTeachers',
      entity: 'enrollments',
      schema: cleverSectionSchema,
      map: (s) => mapCleverSectionEnrollments(s),
    },
    {
      fixture: 'multiRoleUser',
      entity: 'users',
      schema: cleverUserSchema,
      map: (u) => [mapCleverUser(u, districtId)],
    },
    {
      fixture: 'studentWithSeveralSchools',
      entity: 'users',
      schema: cleverUserSchema,
      map: (u) => [mapCleverUser(u, districtId)],
    },
  ];

  it('the recorded payloads map to valid records (so the fuzzing starts from good data)', async () => {
    const fixtures = await loadCleverFixtures();
    for (const testCase of cases) {
      const vendor = testCase.schema.safeParse(fixtures[testCase.fixture]);
      expect(vendor.success, testCase.fixture).toBe(true);
      for (const mapped of testCase.map(vendor.data as never)) {
        expect(mapped, testCase.fixture).toBeDefined();
        expect(parseRosterRecord(testCase.entity, { ...mapped!, raw: {} }).success, testCase.fixture).toBe(
          true,
        );
      }
    }
  });

  it('mutated payloads: the schema refuses or the mapper yields a valid record or an issue; nothing throws', async () => {
    const fixtures = await loadCleverFixtures();
    await fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        jsonMutation(),
        (testCase: CleverCase, mutation: JsonMutation) => {
          const payload = mutation.apply(fixtures[testCase.fixture]);
          const context = `${testCase.fixture}: ${mutation.description}`;
          const vendor = testCase.schema.safeParse(payload);
          if (!vendor.success) return;
          let mapped: Array<Record<string, unknown> | undefined> = [];
          expect(() => {
            mapped = testCase.map(vendor.data as never);
          }, context).not.toThrow();
          for (const record of mapped) {
            if (record === undefined) continue;
            const outcome = parseRosterRecord(testCase.entity, {
              ...record,
              raw: payload as Record<string, unknown>,
            });
            expectValidOutcome(testCase.entity, outcome, context);
          }
        },
      ),
      { seed: fuzzSeed, numRuns },
    );
  });
});

describe('OneRoster REST collection reader on mutated pages', () => {
  const baseRecords: Record<RosterEntity, Record<string, unknown>> = {
    orgs: {
      sourcedId: 'org-1',
      status: 'active',
      dateLastModified: '2024-08-01T00:00:00Z',
      name: 'North High',
      type: 'school',
      identifier: 'NH',
      parent: { href: 'x', sourcedId: 'district-1', type: 'org' },
    },
    academicSessions: {
      sourcedId: 'term-1',
      status: 'active',
      dateLastModified: '2024-08-01T00:00:00Z',
      title: 'Fall',
      type: 'term',
      startDate: '2024-08-01',
      endDate: '2024-12-20',
      schoolYear: '2025',
    },
    courses: {
      sourcedId: 'course-1',
      status: 'active',
      dateLastModified: '2024-08-01T00:00:00Z',
      title: 'Algebra',
      courseCode: 'ALG',
      org: { sourcedId: 'org-1' },
      schoolYear: { sourcedId: 'year-1' },
    },
    classes: {
      sourcedId: 'class-1',
      status: 'active',
      dateLastModified: '2024-08-01T00:00:00Z',
      title: 'Algebra 1',
      classType: 'scheduled',
      course: { sourcedId: 'course-1' },
      school: { sourcedId: 'org-1' },
      terms: [{ sourcedId: 'term-1' }],
    },
    users: {
      sourcedId: 'user-1',
      status: 'active',
      dateLastModified: '2024-08-01T00:00:00Z',
      enabledUser: 'true',
      role: 'student',
      username: 'amy',
      givenName: 'Amy',
      familyName: 'Pond',
      email: 'amy@example.org',
      orgs: [{ sourcedId: 'org-1' }],
      grades: ['09'],
      password: 'never-kept-P1',
    },
    enrollments: {
      sourcedId: 'enr-1',
      status: 'active',
      dateLastModified: '2024-08-01T00:00:00Z',
      role: 'student',
      primary: 'false',
      user: { sourcedId: 'user-1' },
      class: { sourcedId: 'class-1' },
      school: { sourcedId: 'org-1' },
    },
  };
  const entities = Object.keys(baseRecords) as RosterEntity[];

  /** Reads one served page of items through the real paging, envelope, schema, mapping and validation. */
  async function readPage(entity: RosterEntity, items: unknown[]) {
    const endpoint = oneRosterEntityEndpoints[entity];
    const client = createHttpClient({
      baseUrl: 'http://oneroster.test/ims/oneroster/v1p1/',
      retry: false,
      // The vendor server, at the wire: one page holding every item.
      fetch: async () =>
        new Response(JSON.stringify({ [endpoint.envelopeKeys[0]!]: items }), {
          status: 200,
          headers: { 'content-type': 'application/json', 'x-total-count': String(items.length) },
        }),
    });
    const records: unknown[] = [];
    const issues: RecordIssue[] = [];
    for await (const record of readOneRosterCollection({
      client,
      entity,
      endpoint,
      pageSize: 100,
      onIssue: (issue) => issues.push(issue),
    })) {
      records.push(record);
    }
    return { records, issues };
  }

  it('the base records read as valid records (so the fuzzing starts from good data)', async () => {
    for (const entity of entities) {
      const { records, issues } = await readPage(entity, [baseRecords[entity]]);
      expect(issues, entity).toEqual([]);
      expect(records, entity).toHaveLength(1);
      expect(JSON.stringify(records)).not.toContain('never-kept-P1');
    }
  });

  it('mutated records: each is a valid record or an issue with its page URL; good neighbours are kept; nothing throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...entities), jsonMutation(), async (entity, mutation) => {
        const good = baseRecords[entity];
        const neighbour = { ...good, sourcedId: `${String(good.sourcedId)}-neighbour` };
        const context = `${entity}: ${mutation.description}`;
        const { records, issues } = await readPage(entity, [mutation.apply(good), neighbour]);
        expect(records.length + issues.length, context).toBe(2);
        for (const record of records) {
          expect(rosterRecordSchemas[entity].safeParse(record).success, context).toBe(true);
          expect(JSON.stringify(record), context).not.toContain('never-kept-P1');
        }
        for (const issue of issues) {
          expect(recordIssueSchema.safeParse(issue).success, context).toBe(true);
          expect(issue.location?.url, context).toMatch(/^http:\/\/oneroster\.test\//);
        }
        expect(
          records.some((record) => (record as { sourcedId: string }).sourcedId === neighbour.sourcedId),
          `${context}: the valid neighbour was lost`,
        ).toBe(true);
      }),
      { seed: fuzzSeed, numRuns },
    );
  });
});

async function loadCleverFixtures(): Promise<Record<string, unknown>> {
  // The connector's recorded Clever payloads (read-only test data of the Clever package).
  const url = new URL(
    '../../../../packages/connector-clever/src/__fixtures__/clever-payloads.json',
    import.meta.url,
  );
  return JSON.parse(await readFile(url, 'utf8')) as Record<string, unknown>;
}
