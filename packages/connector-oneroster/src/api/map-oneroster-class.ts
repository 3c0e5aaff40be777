import type { OneRosterClassJson } from './oneroster-api-schemas.js';

/** OneRoster class JSON → the SDK's class input (GUIDRefs reduced to sourcedIds). */
export function mapOneRosterClass(rosterClass: OneRosterClassJson): Record<string, unknown> {
  return {
    sourcedId: rosterClass.sourcedId,
    status: rosterClass.status,
    dateLastModified: rosterClass.dateLastModified,
    title: rosterClass.title,
    classCode: rosterClass.classCode,
    classType: rosterClass.classType,
    location: rosterClass.location,
    grades: rosterClass.grades,
    subjects: rosterClass.subjects,
    subjectCodes: rosterClass.subjectCodes,
    periods: rosterClass.periods,
    courseSourcedId: rosterClass.course ?? undefined,
    schoolSourcedId: rosterClass.school ?? undefined,
    termSourcedIds: rosterClass.terms,
  };
}
