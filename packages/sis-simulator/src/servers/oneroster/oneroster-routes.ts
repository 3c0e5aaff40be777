import type { OneRosterDataset, OneRosterType, OneRosterTypes } from './oneroster-dataset.js';

type AnyRecord = OneRosterTypes[OneRosterType];

/** What a path resolves to: a list of one type, optionally with tombstones for delta queries. */
export interface OneRosterListing {
  type: OneRosterType;
  records: readonly AnyRecord[];
  /** Deleted records of this listing, served only to `dateLastModified` filters. */
  tombstones: readonly AnyRecord[];
}

/** What a path resolves to: one record, or `undefined` when it does not exist. */
export interface OneRosterSingle {
  type: OneRosterType;
  record: AnyRecord | undefined;
}

export type OneRosterRoute =
  | { kind: 'list'; listing: OneRosterListing }
  | { kind: 'single'; single: OneRosterSingle }
  | { kind: 'not-found'; message: string };

interface TopLevel {
  type: OneRosterType;
  keep?: (record: AnyRecord) => boolean;
}

const topLevel: Record<string, TopLevel> = {
  orgs: { type: 'orgs' },
  schools: { type: 'orgs', keep: (record) => (record as OneRosterTypes['orgs']).type === 'school' },
  academicSessions: { type: 'academicSessions' },
  // Many SIS call semesters terms; /terms serves both types.
  terms: {
    type: 'academicSessions',
    keep: (record) => ['term', 'semester'].includes((record as OneRosterTypes['academicSessions']).type),
  },
  gradingPeriods: {
    type: 'academicSessions',
    keep: (record) => (record as OneRosterTypes['academicSessions']).type === 'gradingPeriod',
  },
  courses: { type: 'courses' },
  classes: { type: 'classes' },
  users: { type: 'users' },
  students: { type: 'users', keep: (record) => (record as OneRosterTypes['users']).role === 'student' },
  teachers: { type: 'users', keep: (record) => (record as OneRosterTypes['users']).role === 'teacher' },
  enrollments: { type: 'enrollments' },
};

function filterKept(records: readonly AnyRecord[], keep: ((record: AnyRecord) => boolean) | undefined) {
  return keep ? records.filter(keep) : records;
}

function usersOfClass(dataset: OneRosterDataset, classId: string, role: 'student' | 'teacher') {
  const users: AnyRecord[] = [];
  for (const enrollment of dataset.enrollmentsByClass.get(classId) ?? []) {
    if (enrollment.role !== role) continue;
    const user = dataset.index.users.byId.get(enrollment.userSourcedId);
    if (user) users.push(user);
  }
  return users.sort((left, right) => (left.sourcedId < right.sourcedId ? -1 : 1));
}

function list(type: OneRosterType, records: readonly AnyRecord[]): OneRosterRoute {
  return { kind: 'list', listing: { type, records, tombstones: [] } };
}

/** Nested paths under one school: `/schools/{id}/classes|students|teachers|enrollments|courses|terms`. */
function schoolChild(dataset: OneRosterDataset, schoolId: string, child: string): OneRosterRoute | undefined {
  const { index } = dataset;
  switch (child) {
    case 'classes':
      return list(
        'classes',
        index.classes.items.filter((roster) => roster.schoolSourcedId === schoolId),
      );
    case 'students':
    case 'teachers': {
      const role = child === 'students' ? 'student' : 'teacher';
      return list(
        'users',
        index.users.items.filter((user) => user.role === role && user.orgSourcedIds.includes(schoolId)),
      );
    }
    case 'enrollments':
      return list(
        'enrollments',
        index.enrollments.items.filter(
          (enrollment) =>
            (enrollment.schoolSourcedId ??
              index.classes.byId.get(enrollment.classSourcedId)?.schoolSourcedId) === schoolId,
        ),
      );
    case 'courses':
      return list(
        'courses',
        index.courses.items.filter((course) => course.orgSourcedId === schoolId),
      );
    case 'terms':
      return list('academicSessions', filterKept(index.academicSessions.items, topLevel.terms!.keep));
    default:
      return undefined;
  }
}

/** Nested paths under one class: `/classes/{id}/students|teachers|enrollments`. */
function classChild(dataset: OneRosterDataset, classId: string, child: string): OneRosterRoute | undefined {
  if (child === 'students') return list('users', usersOfClass(dataset, classId, 'student'));
  if (child === 'teachers') return list('users', usersOfClass(dataset, classId, 'teacher'));
  if (child === 'enrollments') return list('enrollments', dataset.enrollmentsByClass.get(classId) ?? []);
  return undefined;
}

/**
 * Resolves a path below `/ims/oneroster/v1p1` (already split into decoded segments) to what it serves:
 * the collections, `/{collection}/{id}`, and the common nested paths.
 */
export function resolveOneRosterRoute(
  dataset: OneRosterDataset,
  segments: readonly string[],
): OneRosterRoute {
  const [collection, id, child, grandchildId, grandchild] = segments;
  const notFound = { kind: 'not-found', message: `No such endpoint: /${segments.join('/')}` } as const;
  const top = collection === undefined ? undefined : topLevel[collection];
  if (!top) return notFound;
  const records = dataset.index[top.type].items as readonly AnyRecord[];
  if (id === undefined) {
    return {
      kind: 'list',
      listing: {
        type: top.type,
        records: filterKept(records, top.keep),
        tombstones: filterKept(dataset.tombstones[top.type], top.keep),
      },
    };
  }
  const record = (dataset.index[top.type].byId as ReadonlyMap<string, AnyRecord>).get(id);
  const exists = record !== undefined && (top.keep?.(record) ?? true);
  if (child === undefined)
    return { kind: 'single', single: { type: top.type, record: exists ? record : undefined } };
  if (!exists) return { kind: 'not-found', message: `No ${collection} record with sourcedId ${id}` };
  let route: OneRosterRoute | undefined;
  if (
    collection === 'schools' &&
    child === 'classes' &&
    grandchildId !== undefined &&
    grandchild !== undefined
  ) {
    const roster = dataset.index.classes.byId.get(grandchildId);
    if (!roster || roster.schoolSourcedId !== id) {
      return { kind: 'not-found', message: `No class ${grandchildId} in school ${id}` };
    }
    route = classChild(dataset, grandchildId, grandchild);
  } else if (grandchildId !== undefined) {
    route = undefined;
  } else if (collection === 'schools') {
    route = schoolChild(dataset, id, child);
  } else if (collection === 'classes') {
    route = classChild(dataset, id, child);
  } else if (collection === 'courses' && child === 'classes') {
    route = list(
      'classes',
      dataset.index.classes.items.filter((roster) => roster.courseSourcedId === id),
    );
  } else if (collection === 'terms' && child === 'classes') {
    route = list(
      'classes',
      dataset.index.classes.items.filter((roster) => roster.termSourcedIds.includes(id)),
    );
  } else if (['users', 'students', 'teachers'].includes(collection!) && child === 'classes') {
    const classIds = new Set(dataset.classIdsByUser.get(id) ?? []);
    route = list(
      'classes',
      dataset.index.classes.items.filter((roster) => classIds.has(roster.sourcedId)),
    );
  }
  return route ?? notFound;
}
