export {
  checkOneRosterConnection,
  describeOneRosterConnectionFailure,
} from './api/check-oneroster-connection.js';
export type { OneRosterApiQuirks, OneRosterApiRuntimeOptions } from './api/create-oneroster-http-client.js';
export {
  createOneRosterAuth,
  createOneRosterHttpClient,
  createOneRosterRateLimiter,
} from './api/create-oneroster-http-client.js';
export { mapOneRosterAcademicSession } from './api/map-oneroster-academic-session.js';
export { mapOneRosterClass } from './api/map-oneroster-class.js';
export { mapOneRosterCourse } from './api/map-oneroster-course.js';
export { mapOneRosterEnrollment } from './api/map-oneroster-enrollment.js';
export { mapOneRosterOrg } from './api/map-oneroster-org.js';
export { mapOneRosterUser } from './api/map-oneroster-user.js';
export type { OneRosterApiConfig, OneRosterApiConfigInput } from './api/oneroster-api-config.js';
export { oneRosterApiConfigSchema, parseOneRosterApiConfig } from './api/oneroster-api-config.js';
export type { OneRosterApiConnectorSettings } from './api/oneroster-api-connector.js';
export { createOneRosterApiConnector } from './api/oneroster-api-connector.js';
export type {
  OneRosterAcademicSessionJson,
  OneRosterClassJson,
  OneRosterCourseJson,
  OneRosterEnrollmentJson,
  OneRosterOrgJson,
  OneRosterUserJson,
} from './api/oneroster-api-schemas.js';
export {
  oneRosterAcademicSessionSchema,
  oneRosterClassSchema,
  oneRosterCourseSchema,
  oneRosterEnrollmentSchema,
  oneRosterGuidRefSchema,
  oneRosterOrgSchema,
  oneRosterUserSchema,
} from './api/oneroster-api-schemas.js';
export { oneRosterDeltaFilter } from './api/oneroster-delta-filter.js';
export type { OneRosterEntityEndpoint } from './api/oneroster-entity-endpoints.js';
export { oneRosterEntityEndpoints } from './api/oneroster-entity-endpoints.js';
export { extractOneRosterItems } from './api/oneroster-envelope.js';
export type { ReadOneRosterCollectionInput } from './api/read-oneroster-collection.js';
export { readOneRosterCollection } from './api/read-oneroster-collection.js';
export { hostKeySha256Fingerprint, normalizeHostKeySha256 } from './csv/host-key-fingerprint.js';
export type {
  OneRosterCsvConfig,
  OneRosterCsvConfigInput,
  OneRosterSftpSettings,
} from './csv/oneroster-csv-config.js';
export {
  oneRosterCsvConfigSchema,
  oneRosterSftpSettingsSchema,
  parseOneRosterCsvConfig,
} from './csv/oneroster-csv-config.js';
export type {
  OneRosterCsvConnector,
  OneRosterCsvDropInfo,
  OneRosterCsvRuntimeOptions,
} from './csv/oneroster-csv-connector.js';
export { createOneRosterCsvConnector } from './csv/oneroster-csv-connector.js';
export {
  oneRosterCsvFileNames,
  oneRosterCsvHeaders,
  oneRosterManifestFileName,
} from './csv/oneroster-csv-files.js';
export type { OneRosterCsvFileMode, OneRosterCsvManifest } from './csv/oneroster-csv-manifest.js';
