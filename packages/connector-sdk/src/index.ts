export type {
  ConnectionCheck,
  ConnectorCapabilities,
  ProviderType,
  ReadOptions,
  RosterConnectorV1,
} from './connector/roster-connector.js';
export { providerTypes } from './connector/roster-connector.js';

export { ApiCallError } from './errors/api-call-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export type { ConnectorErrorOptions } from './errors/connector-error.js';
export { ConnectorError } from './errors/connector-error.js';
export { DeltaCursorExpiredError } from './errors/delta-cursor-expired-error.js';
export { InvalidConfigError } from './errors/invalid-config-error.js';
export { InvalidRecordError } from './errors/invalid-record-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
export type { ResolvedRetryPolicy, RetryPolicy } from './http/backoff-delay.js';
export { computeBackoffDelay, resolveRetryPolicy } from './http/backoff-delay.js';
export type { Clock } from './http/clock.js';
export { systemClock } from './http/clock.js';
export type { AuthorizeRequest, HttpAuth, OAuth1AuthSettings } from './http/http-auth.js';
export {
  basicAuth,
  basicAuthorizationHeader,
  bearerAuth,
  formUrlEncode,
  oauth1Auth,
} from './http/http-auth.js';
export type {
  HttpClient,
  HttpClientSettings,
  HttpRequestOptions,
  HttpResponse,
  HttpRetryEvent,
} from './http/http-client.js';
export { createHttpClient } from './http/http-client.js';
export type { WebLink } from './http/link-header.js';
export { findNextPageUrl, parseLinkHeader } from './http/link-header.js';
export type {
  OAuth1ExtraParameters,
  OAuth1Signature,
  OAuth1SignatureInput,
  OAuth1SignatureMethod,
  OAuth1Verification,
  SignOAuth1RequestInput,
} from './http/oauth1-signature.js';
export {
  buildOAuth1AuthorizationHeader,
  createOAuth1ParameterString,
  createOAuth1Signature,
  normalizeOAuth1BaseUri,
  parseOAuth1AuthorizationHeader,
  percentEncodeRfc3986,
  signOAuth1Request,
  verifyOAuth1Request,
} from './http/oauth1-signature.js';
export type {
  OAuth2ClientCredentials,
  OAuth2ClientCredentialsSettings,
} from './http/oauth2-client-credentials.js';
export { createOAuth2ClientCredentials } from './http/oauth2-client-credentials.js';
export type { Page, PaginateOptions } from './http/paginate.js';
export type { PaginateCursorOptions } from './http/paginate-cursor.js';
export { paginateCursor } from './http/paginate-cursor.js';
export { paginateLinks } from './http/paginate-links.js';
export type { PaginateOffsetOptions } from './http/paginate-offset.js';
export { paginateOffset } from './http/paginate-offset.js';
export type { RateLimiter, RateLimiterSettings } from './http/rate-limiter.js';
export { createRateLimiter } from './http/rate-limiter.js';
export type { RedactSecretsOptions } from './http/redact-secrets.js';
export { redactSecrets } from './http/redact-secrets.js';
export { createBodyExcerpt, isHtmlBody } from './http/response-body.js';
export { parseRetryAfterMs } from './http/retry-after.js';
export type { AcademicSession, AcademicSessionInput } from './model/academic-session.js';
export { academicSessionSchema, academicSessionTypes } from './model/academic-session.js';
export type { Course, CourseInput } from './model/course.js';
export { courseSchema } from './model/course.js';
export type { Enrollment, EnrollmentInput } from './model/enrollment.js';
export { enrollmentRoles, enrollmentSchema } from './model/enrollment.js';
export { normalizeGrade } from './model/grade.js';
export {
  emptyToUndefined,
  gradesSchema,
  lenientBooleanSchema,
  lenientDateSchema,
  lenientDateTimeSchema,
  lenientEnumSchema,
  multiValueSchema,
  optionalTextSchema,
  recordStatusSchema,
  requiredTextSchema,
  splitMultiValue,
} from './model/lenient-values.js';
export type { Org, OrgInput } from './model/org.js';
export { orgSchema, orgTypes } from './model/org.js';
export type { ParseRosterRecordResult } from './model/parse-roster-record.js';
export { parseRosterRecord, withoutSecretFields } from './model/parse-roster-record.js';
export type { RecordIssue } from './model/record-issue.js';
export { recordIssueSchema } from './model/record-issue.js';
export type { RosterClass, RosterClassInput } from './model/roster-class.js';
export { classTypes, rosterClassSchema } from './model/roster-class.js';
export type { RosterEntity, RosterRecord, RosterRecordByEntity } from './model/roster-entity.js';
export { rosterEntities, rosterRecordSchemas } from './model/roster-entity.js';
export type { User, UserId, UserInput, UserRole } from './model/user.js';
export { userIdSchema, userRoles, userSchema } from './model/user.js';
