import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Fault } from '../../faults/fault.js';
import { httpFaultKinds } from '../../faults/fault.js';
import { FaultSchedule } from '../../faults/fault-schedule.js';
import { RequestLog, type RequestLogEntry } from '../../faults/request-log.js';
import { indexDistrict } from '../district-index.js';
import { FixedWindowRateLimiter, type RateLimitDecision } from '../http/fixed-window-rate-limiter.js';
import { type HttpAnswer, type HttpRequest, jsonAnswer } from '../http/http-answer.js';
import { startHttpServer } from '../http/start-http-server.js';
import type { ServableDistrict } from '../servable-district.js';
import { buildCleverDataset, type CleverDataset } from './clever-dataset.js';
import { type CleverEvent, CleverEventFeed } from './clever-event-feed.js';
import { resolveCleverNested } from './clever-nested-routes.js';
import { cleverDefaultLimit, cleverMaximumLimit, cleverPage } from './clever-paging.js';
import {
  type CleverCollection,
  type CleverRecord,
  type CleverUserRole,
  cleverUserRoles,
} from './map-clever-records.js';

/** Options of {@link startCleverServer}. */
export interface CleverServerOptions {
  district: ServableDistrict;
  /**
   * The district of an earlier day: the server starts with the events that turn it into `district`, as
   * if `setDistrict(district)` had been called on a server serving `previous`.
   */
  previous?: ServableDistrict;
  /** Client credentials accepted by `/oauth/tokens` (Basic auth). Defaults: `clever-client-id` / `clever-client-secret`. */
  clientId?: string;
  clientSecret?: string;
  /** The district-app bearer token; random when not given (read it from `server.accessToken`). */
  accessToken?: string;
  /** Fixed-window budget per bearer token per minute (Clever: 1,200). */
  rateLimitPerMinute?: number;
  /** How long events stay in `/v3.0/events` (Clever: 30 days). */
  eventRetentionDays?: number;
  faults?: Fault[];
  /** Clock in milliseconds since the epoch, for rate-limit windows and event times. Defaults to `Date.now`. */
  now?: () => number;
  port?: number;
}

/** A running Clever Data API v3.0 simulator. */
export interface CleverServer {
  /** Origin, e.g. `http://127.0.0.1:4312`; the API is under `${url}/v3.0`. */
  readonly url: string;
  /** `${url}/v3.0`, what a connector uses in place of `https://api.clever.com/v3.0`. */
  readonly apiUrl: string;
  /** `${url}/oauth/tokens`, in place of `https://clever.com/oauth/tokens`. */
  readonly tokensUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The currently valid district bearer token (changes after an `expire-token` fault). */
  readonly accessToken: string;
  readonly districtId: string;
  readonly district: ServableDistrict;
  /** Events in the retention window, oldest first. */
  readonly events: readonly CleverEvent[];
  /** Requests answered, oldest first. */
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  setFaults(faults: Fault[]): void;
  /**
   * Serves `next` from now on (e.g. `district.nextDay()`) and appends the events between the current
   * district and `next` to `/v3.0/events`. Returns how many events were added.
   */
  setDistrict(next: ServableDistrict): { events: number };
  close(): Promise<void>;
}

const apiPrefix = '/v3.0';
const tokenScopes = [
  'read:district_admins',
  'read:districts',
  'read:school_admins',
  'read:schools',
  'read:sections',
  'read:students',
  'read:teachers',
  'read:user_id',
];

function error(status: number, message: string, headers: Record<string, string> = {}): HttpAnswer {
  return jsonAnswer(status, { error: message }, headers);
}

function sameSecret(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

function rateLimitHeaders(decision: RateLimitDecision, bucket: string): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.resetAtSeconds),
    'x-ratelimit-bucket': bucket,
  };
}

/** True when an event's record belongs to `school` (the `/events?school=` filter). */
function eventConcernsSchool(event: CleverEvent, school: string): boolean {
  const object = event.data.object;
  if (object.id === school || object.school === school) return true;
  const roles = (object.roles ?? {}) as Record<string, { school?: string; schools?: string[] } | undefined>;
  return Object.values(roles).some((role) => role?.school === school || role?.schools?.includes(school));
}

/** A successful Clever list page emptied: no `data`, only the `self` link (so no next page). */
function emptyCleverPage(answer: HttpAnswer): HttpAnswer {
  if (answer.status !== 200) return answer;
  const page = JSON.parse(answer.body) as { data?: unknown; links?: Array<{ rel: string }> };
  if (!Array.isArray(page.data)) return answer;
  const links = (page.links ?? []).filter((link) => link.rel === 'self');
  return { ...answer, body: JSON.stringify({ data: [], links }) };
}

const listCollections = new Set<string>(['districts', 'schools', 'sections', 'courses', 'terms', 'users']);

/**
 * Starts a Clever Data API v3.0 simulator on 127.0.0.1 serving `district`: `/v3.0/districts|schools|
 * sections|courses|terms|users[?role=…]`, `/{id}` and the nested reads (`/sections/{id}/users?role=student`,
 * `/schools/{id}/sections`, `/users/{id}/sections`, `/sections/{id}/term`…), `/v3.0/events`, and `GET /oauth/tokens?owner_type=
 * district` with Basic client credentials. Envelopes, relative links, `limit` (100 default, 413 above
 * 10,000), `starting_after`/`ending_before`, bearer auth, `X-RateLimit-*` and 429 behave like Clever.
 *
 * @example
 * const clever = await startCleverServer({ district: createDistrict({ seed: 1, size: 'tiny' }) });
 * const response = await fetch(`${clever.apiUrl}/users?role=student`, {
 *   headers: { authorization: `Bearer ${clever.accessToken}` },
 * });
 * await clever.close();
 */
export async function startCleverServer(options: CleverServerOptions): Promise<CleverServer> {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? 'clever-client-id';
  const clientSecret = options.clientSecret ?? 'clever-client-secret';
  let accessToken = options.accessToken ?? randomBytes(20).toString('hex');
  let district = options.district;
  let dataset: CleverDataset = buildCleverDataset(indexDistrict(options.previous ?? district));
  const tokenCreated = new Date(now()).toISOString();
  const tokenId = randomBytes(12).toString('hex');
  const faults = new FaultSchedule(httpFaultKinds, options.faults ?? []);
  const log = new RequestLog();
  const limiter = new FixedWindowRateLimiter({ limit: options.rateLimitPerMinute ?? 1200, now });
  const feed = new CleverEventFeed({
    now,
    retentionMs: (options.eventRetentionDays ?? 30) * 24 * 60 * 60 * 1000,
  });
  // One event at start gives clients a cursor (`ending_before=last&limit=1`) before the first change.
  const firstDistrict = dataset.collections.districts.items[0];
  if (firstDistrict) feed.addCreated('districts', firstDistrict);
  if (options.previous) {
    const current = buildCleverDataset(indexDistrict(district));
    feed.recordChanges(dataset, current);
    dataset = current;
  }

  function tokens(request: HttpRequest): HttpAnswer {
    const authorization = request.headers.authorization ?? '';
    const match = /^Basic\s+(.+)$/i.exec(authorization);
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const givenId = colon === -1 ? '' : decodeURIComponent(decoded.slice(0, colon));
    const givenSecret = colon === -1 ? '' : decodeURIComponent(decoded.slice(colon + 1));
    if (!sameSecret(givenId, clientId) || !sameSecret(givenSecret, clientSecret)) {
      return jsonAnswer(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (request.query.get('owner_type') !== 'district') {
      return jsonAnswer(400, {
        error: 'invalid_request',
        error_description: 'owner_type must be "district" to list district-app tokens',
      });
    }
    const only = request.query.get('district');
    const data =
      only !== null && only !== dataset.districtId
        ? []
        : [
            {
              id: tokenId,
              created: tokenCreated,
              owner: { type: 'district', id: dataset.districtId },
              access_token: accessToken,
              scopes: tokenScopes,
            },
          ];
    return jsonAnswer(200, { data, links: [{ rel: 'self', uri: request.url }] });
  }

  function parseLimit(query: URLSearchParams): number | HttpAnswer {
    const raw = query.get('limit');
    if (raw === null || raw === '') return cleverDefaultLimit;
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1)
      return error(400, `limit must be a whole number from 1 (got ${raw})`);
    if (limit > cleverMaximumLimit) {
      return error(413, `limit ${limit} is above the maximum of ${cleverMaximumLimit}`);
    }
    return limit;
  }

  function listEvents(request: HttpRequest, limit: number, headers: Record<string, string>): HttpAnswer {
    for (const cursorName of ['starting_after', 'ending_before']) {
      const cursor = request.query.get(cursorName);
      if (cursor === null || cursor === 'last') continue;
      const problem = feed.cursorProblem(cursor);
      if (problem === 'expired') {
        return jsonAnswer(
          404,
          {
            error: `Event ${cursor} is older than the ${options.eventRetentionDays ?? 30}-day event window and no longer available; run a full sync and start again from the newest event (ending_before=last&limit=1).`,
          },
          headers,
        );
      }
      if (problem === 'unknown') return jsonAnswer(404, { error: `Event ${cursor} not found` }, headers);
    }
    const recordTypes = request.query.getAll('record_type');
    const school = request.query.get('school');
    const events = feed.events.filter(
      (event) =>
        (recordTypes.length === 0 || recordTypes.includes(event.type.slice(0, event.type.indexOf('.')))) &&
        (school === null || eventConcernsSchool(event, school)),
    );
    const page = cleverPage(events, { path: request.path, query: request.query, limit });
    return jsonAnswer(
      200,
      { data: page.items.map((event) => ({ data: event })), links: page.links },
      headers,
    );
  }

  function api(request: HttpRequest): HttpAnswer {
    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    if (!bearer || !sameSecret(bearer, accessToken)) {
      return error(401, bearer ? 'Invalid token' : 'Missing Authorization: Bearer <token> header');
    }
    const decision = limiter.take(bearer);
    const headers = rateLimitHeaders(decision, dataset.districtId);
    if (!decision.allowed) return error(429, 'Too Many Requests: rate limit exceeded', headers);
    if (request.method !== 'GET') return error(405, `${request.method} is not supported`, headers);
    const segments = request.path
      .slice(apiPrefix.length + 1)
      .split('/')
      .map(decodeURIComponent);
    const [collection, id, extra] = segments;
    if (collection === 'events') {
      if (id !== undefined) {
        const event = feed.events.find((candidate) => candidate.id === id);
        return event
          ? jsonAnswer(200, { data: event }, headers)
          : error(404, `Event ${id} not found`, headers);
      }
      const limit = parseLimit(request.query);
      return typeof limit === 'number'
        ? listEvents(request, limit, headers)
        : { ...limit, headers: { ...limit.headers, ...headers } };
    }
    if (collection === undefined || !listCollections.has(collection) || segments.length > 3) {
      return error(404, `No such endpoint: ${request.path}`, headers);
    }
    const records = dataset.collections[collection as CleverCollection];
    let items: readonly CleverRecord[] = records.items;
    if (id !== undefined) {
      const record = records.byId.get(id);
      if (!record) return jsonAnswer(404, { message: `Resource ${id} not found` }, headers);
      if (extra === undefined) return jsonAnswer(200, { data: record }, headers);
      const nested = resolveCleverNested(dataset, collection, record, extra, request.query);
      if (!nested) return error(404, `No such endpoint: ${request.path}`, headers);
      if (nested.kind === 'bad-request') return error(400, nested.message, headers);
      if (nested.kind === 'single') {
        return nested.record
          ? jsonAnswer(200, { data: nested.record }, headers)
          : jsonAnswer(404, { message: `${id} has no ${extra}` }, headers);
      }
      items = nested.items;
    }
    const limit = parseLimit(request.query);
    if (typeof limit !== 'number') return { ...limit, headers: { ...limit.headers, ...headers } };
    if (collection === 'users' && id === undefined) {
      const role = request.query.get('role');
      if (role !== null) {
        if (!(cleverUserRoles as readonly string[]).includes(role)) {
          return error(400, `role must be one of ${cleverUserRoles.join(', ')} (got ${role})`, headers);
        }
        items = dataset.usersByRole[role as CleverUserRole];
      }
    }
    const page = cleverPage(items, { path: request.path, query: request.query, limit });
    return jsonAnswer(
      200,
      { data: page.items.map((record) => ({ data: record })), links: page.links },
      headers,
    );
  }

  const running = await startHttpServer({
    faults,
    log,
    now,
    ...(options.port === undefined ? {} : { port: options.port }),
    faultAnswers: {
      status: (status) => error(status, status >= 500 ? 'Internal Server Error' : `Error ${status}`),
      rateLimited: (retryAfterSeconds) =>
        error(429, 'Too Many Requests: rate limit exceeded', {
          'x-ratelimit-limit': String(options.rateLimitPerMinute ?? 1200),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(now() / 1000) + retryAfterSeconds),
          'x-ratelimit-bucket': dataset.districtId,
        }),
      expireToken: () => {
        accessToken = randomBytes(20).toString('hex');
        return error(401, 'Invalid token: the token was revoked; fetch a new one from /oauth/tokens');
      },
      emptyPage: emptyCleverPage,
    },
    handle: (request) => {
      if (request.path === '/oauth/tokens' && request.method === 'GET') return tokens(request);
      if (request.path === apiPrefix || request.path.startsWith(`${apiPrefix}/`)) return api(request);
      return error(404, `No such endpoint: ${request.path}`);
    },
  });

  return {
    url: running.url,
    apiUrl: `${running.url}${apiPrefix}`,
    tokensUrl: `${running.url}/oauth/tokens`,
    clientId,
    clientSecret,
    get accessToken() {
      return accessToken;
    },
    get districtId() {
      return dataset.districtId;
    },
    get district() {
      return district;
    },
    get events() {
      return feed.events;
    },
    get requests() {
      return log.entries;
    },
    clearRequests: () => log.clear(),
    setFaults: (next) => faults.set(next),
    setDistrict(next) {
      const nextDataset = buildCleverDataset(indexDistrict(next));
      const events = feed.recordChanges(dataset, nextDataset);
      district = next;
      dataset = nextDataset;
      return { events };
    },
    close: () => running.close(),
  };
}
