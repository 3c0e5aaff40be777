import type { AcademicSession } from '../model/academic-session.js';
import type { Course } from '../model/course.js';
import type { Enrollment } from '../model/enrollment.js';
import type { Org } from '../model/org.js';
import type { RecordIssue } from '../model/record-issue.js';
import type { RosterClass } from '../model/roster-class.js';
import type { User } from '../model/user.js';

/** The kinds of source a connector can speak to, as stored in a provider's `providerType`. */
export const providerTypes = ['CLEVER', 'CLASSLINK', 'ONEROSTER_API', 'ONEROSTER_CSV'] as const;
export type ProviderType = (typeof providerTypes)[number];

/** Options for one read of one entity. */
export interface ReadOptions {
  /** Aborts the read. The iterator then throws an `AbortError`-named error promptly and releases its resources. */
  signal?: AbortSignal;
  /**
   * Delta read: only records changed since this point, with deletions as `status: 'tobedeleted'`.
   * A `Date`, or an opaque cursor from {@link RosterConnectorV1.deltaCursor}. Only for connectors whose
   * `capabilities.delta` is true.
   */
  since?: Date | string;
  /** Receives each bad source record; the record is skipped and the read goes on. */
  onIssue?: (issue: RecordIssue) => void;
}

/** The outcome of {@link RosterConnectorV1.testConnection}, in words a district admin can act on. */
export interface ConnectionCheck {
  success: boolean;
  /** e.g. "Successfully connected to Clever (district: Springfield USD)" or what to fix. */
  message: string;
  /** A stable code when the check failed: `authentication_failed`, `network_error`, `token_expired`… */
  code?: string;
  /** Non-secret facts learned on the way (district name, record counts, host key fingerprint…). */
  details?: Record<string, unknown>;
}

/** What a connector can do beyond full reads. */
export interface ConnectorCapabilities {
  /** Supports `ReadOptions.since` (delta reads). */
  delta: boolean;
}

/**
 * The contract every roster connector implements (version 1).
 *
 * **Completeness rule.** Each entity method returns an async iterable over normalized records.
 * - An iterator that **finishes** has delivered a complete snapshot of that entity (or, with `since`, a
 *   complete delta). Only then may a caller treat absent records as deleted.
 * - An iterator that **throws** has not: whatever it yielded is an incomplete read, and must never cause a
 *   soft delete.
 * - A bad individual record is reported through `onIssue` and skipped; it does not end the read.
 *
 * Iterators stream (memory stays flat however large the district), honour `signal`, and release sockets and
 * files when the consumer breaks out of a `for await` loop.
 *
 * @example
 * for await (const user of connector.users({ onIssue: console.warn })) {
 *   console.log(user.sourcedId, user.role, user.email);
 * }
 */
export interface RosterConnectorV1 {
  readonly specificationVersion: 'v1';
  readonly providerType: ProviderType;
  readonly capabilities: ConnectorCapabilities;
  /** Checks that the source is reachable and the credentials work. Never throws for expected failures. */
  testConnection(options?: { signal?: AbortSignal }): Promise<ConnectionCheck>;
  /** Districts and schools (and other org levels). */
  orgs(options?: ReadOptions): AsyncIterable<Org>;
  /** School years, semesters, terms, grading periods. */
  academicSessions(options?: ReadOptions): AsyncIterable<AcademicSession>;
  courses(options?: ReadOptions): AsyncIterable<Course>;
  classes(options?: ReadOptions): AsyncIterable<RosterClass>;
  users(options?: ReadOptions): AsyncIterable<User>;
  enrollments(options?: ReadOptions): AsyncIterable<Enrollment>;
  /**
   * Delta-capable connectors: an opaque cursor marking "now" in the source's change feed. Take it before a
   * full read and pass it as `since` on the next delta read.
   */
  deltaCursor?(options?: { signal?: AbortSignal }): Promise<string>;
}
