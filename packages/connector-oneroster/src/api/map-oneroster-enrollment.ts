import type { OneRosterEnrollmentJson } from './oneroster-api-schemas.js';

/** OneRoster enrollment JSON → the SDK's enrollment input (`primary` may be `"true"` or a boolean). */
export function mapOneRosterEnrollment(enrollment: OneRosterEnrollmentJson): Record<string, unknown> {
  return {
    sourcedId: enrollment.sourcedId,
    status: enrollment.status,
    dateLastModified: enrollment.dateLastModified,
    classSourcedId: enrollment.class ?? undefined,
    schoolSourcedId: enrollment.school ?? undefined,
    userSourcedId: enrollment.user ?? undefined,
    role: enrollment.role,
    primary: enrollment.primary,
    beginDate: enrollment.beginDate,
    endDate: enrollment.endDate,
  };
}
