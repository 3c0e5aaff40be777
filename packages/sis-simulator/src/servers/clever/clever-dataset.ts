import type { DistrictIndex } from '../district-index.js';
import { type SortedRecords, sortRecords } from '../sorted-records.js';
import {
  type CleverCollection,
  type CleverRecord,
  type CleverUserRole,
  cleverMappingContext,
  cleverUserRoles,
  gradeSpansBySchool,
  mapCleverCourse,
  mapCleverDistrict,
  mapCleverSchool,
  mapCleverSection,
  mapCleverTerm,
  mapCleverUser,
} from './map-clever-records.js';

const byId = (record: CleverRecord) => record.id;

/** One district as Clever would serve it: every collection mapped to Clever's shapes, sorted by id. */
export interface CleverDataset {
  readonly districtId: string;
  readonly collections: Readonly<Record<CleverCollection, SortedRecords<CleverRecord>>>;
  /** `/users?role=…` lists: users holding that role key, sorted by id. */
  readonly usersByRole: Readonly<Record<CleverUserRole, readonly CleverRecord[]>>;
}

/**
 * Maps an indexed district to Clever records. Terms are the sessions sections point at (Clever derives
 * terms from section data), so a session no class uses is not a Clever term.
 */
export function buildCleverDataset(index: DistrictIndex): CleverDataset {
  const context = cleverMappingContext(index);
  const spans = gradeSpansBySchool(context);
  const principals = new Map<string, (typeof index.users.items)[number]>();
  for (const user of index.users.items) {
    if (user.role !== 'administrator') continue;
    for (const org of user.orgSourcedIds) if (!principals.has(org)) principals.set(org, user);
  }
  const termIds = new Set<string>();
  for (const roster of index.classes.items) {
    const termId = roster.termSourcedIds[0];
    if (termId !== undefined) termIds.add(termId);
  }
  const districts = index.orgs.items.filter((org) => org.type === 'district');
  const schools = index.orgs.items.filter((org) => org.type === 'school');
  const users = sortRecords(
    index.users.items.map((user) => mapCleverUser(context, user)),
    byId,
  );
  const usersByRole = Object.fromEntries(
    cleverUserRoles.map((role) => [
      role,
      users.items.filter((user) => (user.roles as Record<string, unknown>)[role] !== undefined),
    ]),
  ) as Record<CleverUserRole, CleverRecord[]>;
  return {
    districtId: index.district.districtSourcedId,
    collections: {
      districts: sortRecords(
        districts.map((district) => mapCleverDistrict(context, district)),
        byId,
      ),
      schools: sortRecords(
        schools.map((school) =>
          mapCleverSchool(
            context,
            school,
            spans.get(school.sourcedId) ?? {},
            principals.get(school.sourcedId),
          ),
        ),
        byId,
      ),
      terms: sortRecords(
        index.academicSessions.items
          .filter((session) => termIds.has(session.sourcedId))
          .map((session) => mapCleverTerm(context, session)),
        byId,
      ),
      courses: sortRecords(
        index.courses.items.map((course) => mapCleverCourse(context, course)),
        byId,
      ),
      users,
      sections: sortRecords(
        index.classes.items.map((roster) => mapCleverSection(context, roster)),
        byId,
      ),
    },
    usersByRole,
  };
}
