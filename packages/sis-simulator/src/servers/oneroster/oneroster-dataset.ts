import type { AcademicSession, Course, Enrollment, Org, RosterClass, User } from '@aivo/connector-sdk';
import type { DistrictIndex } from '../district-index.js';

/** A served OneRoster type: the envelope keys and the normalized record behind it. */
export interface OneRosterTypes {
  orgs: Org;
  academicSessions: AcademicSession;
  courses: Course;
  classes: RosterClass;
  users: User;
  enrollments: Enrollment;
}
export type OneRosterType = keyof OneRosterTypes;

/** Records deleted since the previous day, still served (as `tobedeleted`) to delta queries. */
export type Tombstones = { [Type in OneRosterType]: Array<OneRosterTypes[Type]> };

/** An indexed district plus the reverse links the nested OneRoster paths need. */
export interface OneRosterDataset {
  index: DistrictIndex;
  childOrgIds: Map<string, string[]>;
  childSessionIds: Map<string, string[]>;
  enrollmentsByClass: Map<string, Enrollment[]>;
  classIdsByUser: Map<string, string[]>;
  tombstones: Tombstones;
}

function push<Value>(map: Map<string, Value[]>, key: string, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function emptyTombstones(): Tombstones {
  return { orgs: [], academicSessions: [], courses: [], classes: [], users: [], enrollments: [] };
}

/**
 * The latest `dateLastModified` of `index`: the instant its day was published, used to stamp records that
 * disappeared since the previous day.
 */
function publishedAt(index: DistrictIndex): string | undefined {
  let latest: string | undefined;
  for (const type of ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const) {
    for (const record of index[type].items) {
      const stamp = record.dateLastModified;
      if (stamp !== undefined && (latest === undefined || Date.parse(stamp) > Date.parse(latest)))
        latest = stamp;
    }
  }
  return latest;
}

/**
 * Builds the dataset of `index`; with `previous`, records that existed there and are gone now become
 * tombstones (`status: tobedeleted`, stamped with the new day's `snapshotTime`, else its latest
 * `dateLastModified`, else `fallbackTime`).
 */
export function buildOneRosterDataset(
  index: DistrictIndex,
  previous?: OneRosterDataset,
  fallbackTime?: string,
): OneRosterDataset {
  const childOrgIds = new Map<string, string[]>();
  for (const org of index.orgs.items) {
    if (org.parentSourcedId !== undefined) push(childOrgIds, org.parentSourcedId, org.sourcedId);
  }
  const childSessionIds = new Map<string, string[]>();
  for (const session of index.academicSessions.items) {
    if (session.parentSourcedId !== undefined)
      push(childSessionIds, session.parentSourcedId, session.sourcedId);
  }
  const enrollmentsByClass = new Map<string, Enrollment[]>();
  const classIdsByUser = new Map<string, string[]>();
  for (const enrollment of index.enrollments.items) {
    push(enrollmentsByClass, enrollment.classSourcedId, enrollment);
    push(classIdsByUser, enrollment.userSourcedId, enrollment.classSourcedId);
  }
  const tombstones = emptyTombstones();
  if (previous) {
    const stamp =
      index.district.snapshotTime ?? publishedAt(index) ?? fallbackTime ?? new Date().toISOString();
    for (const type of Object.keys(tombstones) as OneRosterType[]) {
      const kept = new Map<string, OneRosterTypes[OneRosterType]>();
      // Records deleted on an earlier day stay deleted unless they came back.
      for (const record of previous.tombstones[type]) kept.set(record.sourcedId, record);
      for (const record of previous.index[type].items) {
        if (!index[type].byId.has(record.sourcedId)) {
          kept.set(record.sourcedId, { ...record, status: 'tobedeleted', dateLastModified: stamp });
        }
      }
      for (const id of index[type].byId.keys()) kept.delete(id);
      (tombstones[type] as OneRosterTypes[OneRosterType][]) = [...kept.values()].sort((left, right) =>
        left.sourcedId < right.sourcedId ? -1 : left.sourcedId > right.sourcedId ? 1 : 0,
      );
    }
  }
  return { index, childOrgIds, childSessionIds, enrollmentsByClass, classIdsByUser, tombstones };
}
