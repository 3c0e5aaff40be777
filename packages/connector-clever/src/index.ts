export type {
  CleverCourse,
  CleverDistrict,
  CleverEvent,
  CleverSchool,
  CleverSection,
  CleverTerm,
  CleverUser,
} from './clever-api-schemas.js';
export {
  cleverCourseSchema,
  cleverDistrictSchema,
  cleverEventSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverTermSchema,
  cleverUserSchema,
} from './clever-api-schemas.js';
export type { CleverConfig, ResolvedCleverConfig } from './clever-config.js';
export { cleverConfigSchema, defaultCleverRequestsPerMinute } from './clever-config.js';
export type { CleverConnector, CleverConnectorSettings } from './clever-connector.js';
export { createCleverConnector } from './clever-connector.js';
export type { FetchCleverDistrictTokenOptions } from './fetch-clever-district-token.js';
export { fetchCleverDistrictToken } from './fetch-clever-district-token.js';
export { mapCleverCourse } from './map-clever-course.js';
export { mapCleverDistrict } from './map-clever-district.js';
export { mapCleverSchool } from './map-clever-school.js';
export { mapCleverSection } from './map-clever-section.js';
export {
  cleverEnrollmentSourcedId,
  mapCleverSectionEnrollmentChanges,
  mapCleverSectionEnrollments,
} from './map-clever-section-enrollments.js';
export { mapCleverTerm } from './map-clever-term.js';
export type { CleverUserRole } from './map-clever-user.js';
export { cleverUserRoles, mapCleverUser, pickCleverUserRole } from './map-clever-user.js';
