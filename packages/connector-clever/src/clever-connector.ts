import {
  type Clock,
  createHttpClient,
  createRateLimiter,
  type HttpRetryEvent,
  InvalidConfigError,
  InvalidRecordError,
  paginateLinks,
  parseRosterRecord,
  type ReadOptions,
  type RecordIssue,
  type RetryPolicy,
  type RosterConnectorV1,
  type RosterEntity,
  type RosterRecordByEntity,
  systemClock,
} from '@aivo/connector-sdk';
import type { z } from 'zod';
import { checkCleverConnection } from './check-clever-connection.js';
import {
  cleverCourseSchema,
  cleverDistrictSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverSingleResponseSchema,
  cleverTermSchema,
  cleverUserSchema,
} from './clever-api-schemas.js';
import { type CleverConfig, cleverConfigSchema, type ResolvedCleverConfig } from './clever-config.js';
import { cleverTimeCursor, parseCleverDeltaStart } from './clever-delta-cursor.js';
import { createCleverTokenAuth } from './clever-token-auth.js';
import { fetchCleverDistrictToken } from './fetch-clever-district-token.js';
import { mapCleverCourse } from './map-clever-course.js';
import { mapCleverDistrict } from './map-clever-district.js';
import { cleverRecordTypesByEntity, mapCleverEvent } from './map-clever-event.js';
import { mapCleverSchool } from './map-clever-school.js';
import { mapCleverSection } from './map-clever-section.js';
import { mapCleverSectionEnrollments } from './map-clever-section-enrollments.js';
import { mapCleverTerm } from './map-clever-term.js';
import { cleverUserRoles, mapCleverUser, pickCleverUserRole } from './map-clever-user.js';
import { readCleverEvents } from './read-clever-events.js';

/**
 * Settings of {@link createCleverConnector}: the stored {@link CleverConfig} plus what a library user may
 * inject (all optional).
 */
export interface CleverConnectorSettings extends CleverConfig {
  /** Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Time source for rate limiting, backoff and the 30-day event window. Defaults to the real clock. */
  clock?: Clock;
  /** Source of backoff jitter in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
  /** Retry policy of every request (see the SDK's `RetryPolicy`), or `false` for none. */
  retry?: RetryPolicy | false;
  /** Timeout of one request attempt in ms. Default 30 s. */
  timeoutMs?: number;
  /** Called before each retry (5xx, network error, 429), e.g. to show rate-limit waits in a run's progress. */
  onRetry?: (event: HttpRetryEvent) => void;
}

/** A Clever connector: the roster contract plus the Events API cursor. */
export interface CleverConnector extends RosterConnectorV1 {
  readonly providerType: 'CLEVER';
  /** The newest event id of the district's feed (`/events?ending_before=last&limit=1`), to pass as `since` later. */
  deltaCursor(options?: { signal?: AbortSignal }): Promise<string>;
}

const settingKeys = ['fetch', 'clock', 'random', 'retry', 'timeoutMs', 'onRetry'] as const;

function resolveConfig(settings: CleverConnectorSettings): ResolvedCleverConfig {
  const config: Record<string, unknown> = { ...settings };
  for (const key of settingKeys) delete config[key];
  const parsed = cleverConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(config)',
    message: issue.message,
  }));
  throw new InvalidConfigError({
    message: `Invalid Clever settings: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    issues,
  });
}

function vendorMapper<Schema extends z.ZodType>(
  schema: Schema,
  map: (vendor: z.output<Schema>) => object | object[] | undefined,
): (vendor: unknown) => { inputs: Array<Record<string, unknown>> } | { error: z.ZodError } {
  return (vendor) => {
    const parsed = schema.safeParse(vendor);
    if (!parsed.success) return { error: parsed.error };
    const mapped = map(parsed.data);
    const inputs = mapped === undefined ? [] : Array.isArray(mapped) ? mapped : [mapped];
    return { inputs: inputs as Array<Record<string, unknown>> };
  };
}

/**
 * Creates a connector for the Clever Data API v3.0 of one district.
 *
 * - Auth: the configured `accessToken`, else the district-app token fetched from `/oauth/tokens` with the
 *   client credentials; on a 401 the token is fetched again once.
 * - Paging follows Clever's relative `rel="next"` links with `limit=pageSize`, stopping on no next link or an
 *   empty page. Requests stay under `requestsPerMinute` (default 1,000; Clever allows 1,200); a 429 anyway
 *   waits as `Retry-After`/`X-RateLimit-Reset` say.
 * - Users: one record per Clever user under one role (student → teacher → staff → district admin wins).
 * - Enrollments are derived from each section's `students[]` and `teachers[]` with sourcedIds
 *   `${sectionId}-${userId}-${role}`.
 * - Deltas (`since`): the Events API. A cursor older than the feed's 30 days throws `DeltaCursorExpiredError`.
 *
 * @example
 * const clever = createCleverConnector({ clientId, clientSecret, districtId });
 * for await (const user of clever.users()) console.log(user.role, user.givenName, user.familyName);
 */
export function createCleverConnector(settings: CleverConnectorSettings): CleverConnector {
  const config = resolveConfig(settings);
  const clock = settings.clock ?? systemClock;
  const httpSettings = {
    clock,
    ...(settings.random ? { random: settings.random } : {}),
    ...(settings.retry === undefined ? {} : { retry: settings.retry }),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.onRetry ? { onRetry: settings.onRetry } : {}),
  };
  const { clientId, clientSecret } = config;
  const auth = createCleverTokenAuth({
    accessToken: config.accessToken,
    fetchToken:
      clientId && clientSecret
        ? (signal) =>
            fetchCleverDistrictToken({
              clientId,
              clientSecret,
              districtId: config.districtId,
              oauthBaseUrl: config.oauthBaseUrl,
              http: httpSettings,
              ...(settings.fetch ? { fetch: settings.fetch } : {}),
              ...(signal ? { signal } : {}),
            })
        : undefined,
  });
  const client = createHttpClient({
    ...httpSettings,
    baseUrl: `${config.apiBaseUrl.replace(/\/+$/, '')}/v3.0/`,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    auth,
    rateLimiter: createRateLimiter({ limit: config.requestsPerMinute, windowMs: 60_000, clock }),
    headers: { accept: 'application/json' },
    secrets: [config.clientSecret, config.accessToken],
  });

  function report(options: ReadOptions, issue: RecordIssue): void {
    options.onIssue?.(issue);
  }

  function* validated<Entity extends RosterEntity>(
    entity: Entity,
    inputs: Array<Record<string, unknown>>,
    url: string,
    options: ReadOptions,
  ): Generator<RosterRecordByEntity[Entity]> {
    for (const input of inputs) {
      // Records of a page already in memory still stop at an abort, as the contract requires.
      options.signal?.throwIfAborted();
      const result = parseRosterRecord(entity, input, { url });
      if (result.success) yield result.record;
      else report(options, result.issue);
    }
  }

  /** Pages one Clever list and yields its records mapped to `entity`; bad vendor records become issues. */
  async function* readList<Entity extends RosterEntity>(
    entity: Entity,
    path: string,
    query: Record<string, string>,
    map: ReturnType<typeof vendorMapper>,
    options: ReadOptions,
  ): AsyncGenerator<RosterRecordByEntity[Entity]> {
    for await (const page of paginateLinks({
      client,
      url: path,
      query: { ...query, limit: config.pageSize },
      items: (body) => (body as { data?: unknown }).data as Array<{ data?: unknown }>,
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      for (const item of page.items) {
        const vendor = item?.data;
        const mapped = map(vendor);
        if ('error' in mapped) {
          const id = (vendor as { id?: unknown } | undefined)?.id;
          report(options, {
            entity,
            severity: 'error',
            code: 'invalid_record',
            message: `Clever ${path} record${typeof id === 'string' ? ` ${id}` : ''} does not have the documented shape: ${mapped.error.issues
              .map((issue) => `${issue.path.join('.') || '(record)'} ${issue.message}`)
              .join('; ')}`,
            ...(typeof id === 'string' ? { sourcedId: id } : {}),
            location: { url: page.url },
          });
          continue;
        }
        yield* validated(entity, mapped.inputs, page.url, options);
      }
    }
  }

  /** A delta read of `entity` from the Events API. */
  async function* readDelta<Entity extends RosterEntity>(
    entity: Entity,
    since: Date | string,
    options: ReadOptions,
  ): AsyncGenerator<RosterRecordByEntity[Entity]> {
    for await (const { event, url } of readCleverEvents({
      client,
      recordTypes: cleverRecordTypesByEntity[entity],
      start: parseCleverDeltaStart(since),
      pageSize: config.pageSize,
      now: clock.now(),
      ...(options.signal ? { signal: options.signal } : {}),
      onInvalidEvent: (_event, eventUrl) =>
        report(options, {
          entity,
          severity: 'error',
          code: 'invalid_event',
          message: 'A Clever event lacks its id or type and was skipped',
          location: { url: eventUrl },
        }),
    })) {
      const mapping = mapCleverEvent(entity, event, config.districtId);
      if (!mapping.success) {
        report(options, {
          entity,
          severity: 'error',
          code: 'invalid_event',
          message: mapping.message,
          location: { url },
        });
        continue;
      }
      yield* validated(entity, mapping.inputs, url, options);
    }
  }

  async function readDistrict(signal?: AbortSignal) {
    const { body, url } = await client.requestJson(`districts/${encodeURIComponent(config.districtId)}`, {
      ...(signal ? { signal } : {}),
    });
    const district = cleverDistrictSchema.safeParse(cleverSingleResponseSchema.safeParse(body).data?.data);
    if (!district.success) {
      throw new InvalidRecordError({
        issue: {
          entity: 'orgs',
          severity: 'error',
          code: 'invalid_record',
          message: `Clever’s district ${config.districtId} does not have the documented shape`,
          sourcedId: config.districtId,
          location: { url: client.redact(url) },
        },
      });
    }
    return { district: district.data, url: client.redact(url) };
  }

  function entityReader<Entity extends RosterEntity>(
    entity: Entity,
    full: (options: ReadOptions) => AsyncGenerator<RosterRecordByEntity[Entity]>,
  ): (options?: ReadOptions) => AsyncGenerator<RosterRecordByEntity[Entity]> {
    return (options = {}) =>
      options.since === undefined ? full(options) : readDelta(entity, options.since, options);
  }

  const districtId = config.districtId;

  return {
    specificationVersion: 'v1',
    providerType: 'CLEVER',
    capabilities: { delta: true },

    orgs: entityReader('orgs', async function* (options) {
      const { district, url } = await readDistrict(options.signal);
      yield* validated('orgs', [{ ...mapCleverDistrict(district) }], url, options);
      yield* readList(
        'orgs',
        'schools',
        {},
        vendorMapper(cleverSchoolSchema, (school) => mapCleverSchool(school, districtId)),
        options,
      );
    }),

    academicSessions: entityReader('academicSessions', (options) =>
      readList('academicSessions', 'terms', {}, vendorMapper(cleverTermSchema, mapCleverTerm), options),
    ),

    courses: entityReader('courses', (options) =>
      readList(
        'courses',
        'courses',
        {},
        vendorMapper(cleverCourseSchema, (course) => mapCleverCourse(course, districtId)),
        options,
      ),
    ),

    classes: entityReader('classes', (options) =>
      readList('classes', 'sections', {}, vendorMapper(cleverSectionSchema, mapCleverSection), options),
    ),

    users: entityReader('users', async function* (options) {
      // One list per role; a multi-role user appears in several and is yielded only from its winning role's list.
      for (const role of cleverUserRoles) {
        yield* readList(
          'users',
          'users',
          { role },
          vendorMapper(cleverUserSchema, (user) =>
            pickCleverUserRole(user) === role ? mapCleverUser(user, districtId) : undefined,
          ),
          options,
        );
      }
    }),

    enrollments: entityReader('enrollments', (options) =>
      readList(
        'enrollments',
        'sections',
        {},
        vendorMapper(cleverSectionSchema, (section) => mapCleverSectionEnrollments(section)),
        options,
      ),
    ),

    async deltaCursor(options = {}) {
      const { body } = await client.requestJson('events', {
        query: { ending_before: 'last', limit: 1 },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const newest = (body as { data?: Array<{ data?: { id?: unknown } }> } | null)?.data?.at(-1)?.data?.id;
      return typeof newest === 'string' ? newest : cleverTimeCursor(new Date(clock.now()));
    },

    async testConnection(options = {}) {
      return checkCleverConnection(() => readDistrict(options.signal), config, options.signal);
    },
  };
}
