import type { Fault } from '../../faults/fault.js';
import { httpFaultKinds } from '../../faults/fault.js';
import { FaultSchedule } from '../../faults/fault-schedule.js';
import { RequestLog, type RequestLogEntry } from '../../faults/request-log.js';
import { indexDistrict } from '../district-index.js';
import { type HttpAnswer, type HttpRequest, jsonAnswer } from '../http/http-answer.js';
import { startHttpServer } from '../http/start-http-server.js';
import type { ServableDistrict } from '../servable-district.js';
import { imsxError } from './imsx-status.js';
import {
  filterableFields,
  mapOneRosterAcademicSession,
  mapOneRosterClass,
  mapOneRosterCourse,
  mapOneRosterEnrollment,
  mapOneRosterOrg,
  mapOneRosterUser,
  type OneRosterFlavour,
  type OneRosterJson,
  type OneRosterMappingOptions,
} from './map-oneroster-records.js';
import { type OneRosterAuthMode, OneRosterAuthority, readBasicCredentials } from './oneroster-auth.js';
import {
  buildOneRosterDataset,
  type OneRosterDataset,
  type OneRosterType,
  type OneRosterTypes,
} from './oneroster-dataset.js';
import {
  FilterError,
  matchesOneRosterFilter,
  type OneRosterFilter,
  parseOneRosterFilter,
} from './oneroster-filter.js';
import { resolveOneRosterRoute } from './oneroster-routes.js';

/** The OneRoster 1.1 REST root path. */
export const oneRosterBasePath = '/ims/oneroster/v1p1';

/** Options of {@link startOneRosterServer}. */
export interface OneRosterServerOptions {
  district: ServableDistrict;
  /**
   * The district of an earlier day: records it has and `district` lacks are served as `tobedeleted` to
   * `dateLastModified` filters from the start, as after `setDistrict(district)`.
   */
  previous?: ServableDistrict;
  /** OAuth consumer key / client id. Default `oneroster-client-id`. */
  clientId?: string;
  /** OAuth consumer secret / client secret. Default `oneroster-client-secret`. */
  clientSecret?: string;
  /** Accepted credentials; default both OAuth 1.0a and OAuth 2 bearer tokens. */
  auth?: OneRosterAuthMode;
  /** `classlink`: string booleans, absolute GUIDRef hrefs, `""` for absent values. Default `oneroster`. */
  flavour?: OneRosterFlavour;
  /** Lifetime of OAuth 2 tokens from `POST /token`; default 3600 s. */
  tokenLifetimeSeconds?: number;
  /** Largest accepted OAuth 1.0a clock difference; default 300 s. */
  timestampWindowSeconds?: number;
  /** Silently serve at most this many records per page, whatever `limit` asks (weak servers do). */
  capLimit?: number;
  /** Do not send the `Link` header. */
  omitLinkHeader?: boolean;
  /** Do not send `X-Total-Count`. */
  omitTotalCount?: boolean;
  /**
   * The origin clients believe they talk to (e.g. `https://example-ca-v2.oneroster.com` behind a proxy):
   * OAuth 1.0a signatures are verified against it, and absolute links use it. Default: the `Host` header.
   */
  publicUrl?: string;
  faults?: Fault[];
  /** Clock in milliseconds since the epoch (OAuth timestamps, token expiry). Defaults to `Date.now`. */
  now?: () => number;
  port?: number;
}

/** A running OneRoster 1.1 REST simulator. */
export interface OneRosterServer {
  /** Origin, e.g. `http://127.0.0.1:4312`. */
  readonly url: string;
  /** `${url}/ims/oneroster/v1p1`, the `baseUrl` a connector is configured with. */
  readonly baseUrl: string;
  /** `${url}/token`, the OAuth 2 client-credentials endpoint. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly flavour: OneRosterFlavour;
  readonly district: ServableDistrict;
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  setFaults(faults: Fault[]): void;
  /**
   * Serves `next` from now on. Records of the current district missing from `next` are kept as
   * `tobedeleted` for `dateLastModified` filters, stamped with `next`'s publication time.
   */
  setDistrict(next: ServableDistrict): void;
  close(): Promise<void>;
}

/** How many filtered result lists are kept. */
const filterCacheSize = 16;

const singularKeys: Record<OneRosterType, string> = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
};

function mapRecord(
  dataset: OneRosterDataset,
  options: OneRosterMappingOptions,
  type: OneRosterType,
  record: OneRosterTypes[OneRosterType],
): OneRosterJson {
  switch (type) {
    case 'orgs':
      return mapOneRosterOrg(
        options,
        record as OneRosterTypes['orgs'],
        dataset.childOrgIds.get(record.sourcedId) ?? [],
      );
    case 'academicSessions':
      return mapOneRosterAcademicSession(
        options,
        record as OneRosterTypes['academicSessions'],
        dataset.childSessionIds.get(record.sourcedId) ?? [],
      );
    case 'courses':
      return mapOneRosterCourse(options, record as OneRosterTypes['courses']);
    case 'classes':
      return mapOneRosterClass(options, record as OneRosterTypes['classes']);
    case 'users':
      return mapOneRosterUser(options, record as OneRosterTypes['users']);
    default:
      return mapOneRosterEnrollment(options, record as OneRosterTypes['enrollments']);
  }
}

function parseWholeNumber(
  raw: string | null,
  name: string,
  fallback: number,
  minimum: number,
): number | string {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum)
    return `${name} must be a whole number from ${minimum} (got ${raw})`;
  return value;
}

/** The RFC 5988 `Link` header of one offset page. */
/**
 * A successful OneRoster collection page emptied: the collection's array with no records,
 * `X-Total-Count: 0` (when it was sent) and no `Link` header, so a client sees the end at once.
 */
function emptyOneRosterPage(answer: HttpAnswer): HttpAnswer {
  if (answer.status !== 200) return answer;
  const envelope = JSON.parse(answer.body) as Record<string, unknown>;
  const keys = Object.keys(envelope);
  if (keys.length !== 1 || !Array.isArray(envelope[keys[0]!])) return answer;
  const headers = Object.fromEntries(
    Object.entries(answer.headers ?? {}).filter(([name]) => name !== 'link'),
  ) as Record<string, string | string[]>;
  if ('x-total-count' in headers) headers['x-total-count'] = '0';
  return { ...answer, headers, body: JSON.stringify({ [keys[0]!]: [] }) };
}

function linkHeader(
  origin: string,
  request: HttpRequest,
  limit: number,
  offset: number,
  total: number,
): string {
  const link = (pageOffset: number, rel: string) => {
    const parameters = new URLSearchParams(request.query);
    parameters.set('limit', String(limit));
    parameters.set('offset', String(pageOffset));
    return `<${origin}${request.path}?${parameters.toString()}>; rel="${rel}"`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links: string[] = [];
  if (offset + limit < total) links.push(link(offset + limit, 'next'));
  links.push(link(lastOffset, 'last'), link(0, 'first'));
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'));
  return links.join(', ');
}

/**
 * Starts a OneRoster 1.1 REST simulator on 127.0.0.1 serving `district` under `/ims/oneroster/v1p1`:
 * the collections, `/{collection}/{id}` and the common nested paths, `limit`/`offset` paging with
 * `X-Total-Count` and `Link`, `filter` (`field op 'value'` joined by AND or OR; `dateLastModified`
 * filters also return records deleted since, as `tobedeleted`), `sort`/`orderBy`, `fields`, OAuth 1.0a HMAC-SHA256
 * verification and OAuth 2 client credentials at `POST /token`.
 *
 * @example
 * const server = await startOneRosterServer({ district, flavour: 'classlink' });
 * // configure a connector with { baseUrl: server.baseUrl, clientId: server.clientId, clientSecret: server.clientSecret }
 */
export async function startOneRosterServer(options: OneRosterServerOptions): Promise<OneRosterServer> {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? 'oneroster-client-id';
  const clientSecret = options.clientSecret ?? 'oneroster-client-secret';
  const authMode = options.auth ?? 'oauth1-or-oauth2';
  const flavour = options.flavour ?? 'oneroster';
  if (options.capLimit !== undefined && !(Number.isInteger(options.capLimit) && options.capLimit >= 1)) {
    throw new RangeError(`capLimit must be a whole number from 1 (got ${options.capLimit})`);
  }
  const authority = new OneRosterAuthority({
    clientId,
    clientSecret,
    now,
    ...(options.timestampWindowSeconds === undefined
      ? {}
      : { timestampWindowSeconds: options.timestampWindowSeconds }),
    ...(options.tokenLifetimeSeconds === undefined
      ? {}
      : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
  });
  let district = options.district;
  let dataset = buildOneRosterDataset(
    indexDistrict(district),
    options.previous ? buildOneRosterDataset(indexDistrict(options.previous)) : undefined,
    new Date(now()).toISOString(),
  );
  const faults = new FaultSchedule(httpFaultKinds, options.faults ?? []);
  const log = new RequestLog();
  /** Results of recent filtered or sorted queries, dropped whenever the district changes. */
  const filterCache = new Map<string, ReadonlyArray<OneRosterTypes[OneRosterType]>>();
  const originOf = (request: HttpRequest) => options.publicUrl?.replace(/\/$/, '') ?? request.origin;

  function unauthorized(reason: string): HttpAnswer {
    const challenge = authMode === 'oauth2' ? 'Bearer' : 'OAuth realm="oneroster"';
    return imsxError(401, 'unauthorisedrequest', reason, { 'www-authenticate': challenge });
  }

  function authenticate(request: HttpRequest): HttpAnswer | undefined {
    const authorization = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    if (bearer !== undefined && authMode !== 'oauth1') {
      const check = authority.checkBearer(bearer);
      return check.ok ? undefined : unauthorized(check.reason);
    }
    if (/^OAuth\s/i.test(authorization) && authMode !== 'oauth2') {
      const check = authority.checkOAuth1(
        request.method,
        `${originOf(request)}${request.url}`,
        authorization,
      );
      return check.ok ? undefined : unauthorized(check.reason);
    }
    const expected =
      authMode === 'oauth1'
        ? 'an OAuth 1.0a Authorization header'
        : authMode === 'oauth2'
          ? 'a Bearer token from POST /token'
          : 'an OAuth 1.0a Authorization header or a Bearer token from POST /token';
    return unauthorized(`Missing credentials: send ${expected}`);
  }

  function token(request: HttpRequest): HttpAnswer {
    if (authMode === 'oauth1')
      return jsonAnswer(404, { error: 'not_found', error_description: 'OAuth 2 is not offered' });
    const form = new URLSearchParams(request.body);
    const basic = readBasicCredentials(request.headers.authorization);
    const id = basic?.id ?? form.get('client_id') ?? '';
    const secret = basic?.secret ?? form.get('client_secret') ?? '';
    if (!authority.validClient(id, secret)) {
      return jsonAnswer(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return jsonAnswer(400, {
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be client_credentials',
      });
    }
    return jsonAnswer(200, {
      access_token: authority.issueToken(),
      token_type: 'bearer',
      expires_in: authority.tokenLifetimeSeconds,
      scope: form.get('scope') ?? 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly',
    });
  }

  function select(record: OneRosterJson, fields: string[] | undefined): OneRosterJson {
    if (!fields) return record;
    return Object.fromEntries(
      fields.filter((field) => field in record).map((field) => [field, record[field]]),
    );
  }

  function roster(request: HttpRequest): HttpAnswer {
    const failure = authenticate(request);
    if (failure) return failure;
    if (request.method !== 'GET') return imsxError(405, 'invaliddata', `${request.method} is not supported`);
    const segments = request.path
      .slice(oneRosterBasePath.length + 1)
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const route = resolveOneRosterRoute(dataset, segments);
    const mapping: OneRosterMappingOptions = {
      flavour,
      hrefBase: flavour === 'classlink' ? `${originOf(request)}${oneRosterBasePath}` : oneRosterBasePath,
    };
    const fields = request.query
      .get('fields')
      ?.split(',')
      .map((field) => field.trim())
      .filter(Boolean);
    if (route.kind === 'not-found') return imsxError(404, 'unknownobject', route.message);
    if (route.kind === 'single') {
      const { type, record } = route.single;
      if (!record) return imsxError(404, 'unknownobject', `No ${type} record with sourcedId ${segments[1]}`);
      return jsonAnswer(200, {
        [singularKeys[type]]: select(mapRecord(dataset, mapping, type, record), fields),
      });
    }
    const { listing } = route;
    const limit = parseWholeNumber(request.query.get('limit'), 'limit', 100, 1);
    const offset = parseWholeNumber(request.query.get('offset'), 'offset', 0, 0);
    if (typeof limit === 'string') return imsxError(400, 'invaliddata', limit);
    if (typeof offset === 'string') return imsxError(400, 'invaliddata', offset);
    const pageSize = Math.min(limit, options.capLimit ?? limit);
    let filter: OneRosterFilter | undefined;
    const filterText = request.query.get('filter');
    if (filterText !== null && filterText.trim() !== '') {
      try {
        filter = parseOneRosterFilter(filterText, filterableFields[listing.type] ?? []);
      } catch (error) {
        if (!(error instanceof FilterError)) throw error;
        return imsxError(
          400,
          error.reason === 'field' ? 'invalid_filter_field' : 'invaliddata',
          error.message,
        );
      }
    }
    // Deleted records only matter to delta queries, which filter on dateLastModified.
    const withTombstones =
      filter?.predicates.some((predicate) => predicate.field === 'dateLastModified') ?? false;
    const candidates = withTombstones ? [...listing.records, ...listing.tombstones] : listing.records;
    // `sort=<field>&orderBy=asc|desc` on a scalar field; an unknown field is ignored (a warning in the
    // spec, not an error), so the default order by sourcedId stays.
    const sortField = request.query.get('sort');
    const sortable = sortField !== null && (filterableFields[listing.type] ?? []).includes(sortField);
    const descending = request.query.get('orderBy')?.toLowerCase() === 'desc';
    let ordered: ReadonlyArray<OneRosterTypes[OneRosterType]> = candidates;
    if (filter || sortable) {
      const cacheKey = `${flavour} ${request.path} ${filterText} ${sortable ? sortField : ''} ${descending}`;
      let cached = filterCache.get(cacheKey);
      if (!cached) {
        // Filtering and sorting touch every candidate, so a paged query caches its result instead of
        // redoing that work for every page.
        const active = filter;
        let list = active
          ? candidates.filter((record) =>
              matchesOneRosterFilter(mapRecord(dataset, mapping, listing.type, record), active),
            )
          : [...candidates];
        if (withTombstones) list = list.sort((left, right) => (left.sourcedId < right.sourcedId ? -1 : 1));
        if (sortable) {
          const sortValue = (record: OneRosterTypes[OneRosterType]) =>
            String((record as unknown as Record<string, unknown>)[sortField] ?? '');
          list = list.sort((left, right) => {
            const order = sortValue(left).localeCompare(sortValue(right));
            return descending ? -order : order;
          });
        }
        if (filterCache.size >= filterCacheSize) filterCache.delete(filterCache.keys().next().value!);
        filterCache.set(cacheKey, list);
        cached = list;
      }
      ordered = cached;
    }
    const total = ordered.length;
    const page = ordered
      .slice(offset, offset + pageSize)
      .map((record) => mapRecord(dataset, mapping, listing.type, record));
    const headers: Record<string, string> = {};
    if (!options.omitTotalCount) headers['x-total-count'] = String(total);
    if (!options.omitLinkHeader)
      headers.link = linkHeader(originOf(request), request, pageSize, offset, total);
    return jsonAnswer(200, { [listing.type]: page.map((record) => select(record, fields)) }, headers);
  }

  const running = await startHttpServer({
    faults,
    log,
    now,
    ...(options.port === undefined ? {} : { port: options.port }),
    faultAnswers: {
      status: (status) =>
        imsxError(
          status,
          status >= 500 ? 'internal_server_error' : 'invaliddata',
          `Simulated error ${status}`,
        ),
      rateLimited: () => imsxError(429, 'server_busy', 'Too many requests; slow down and retry later'),
      expireToken: () => {
        authority.revokeTokens();
        return unauthorized('access token expired; request a new one');
      },
      emptyPage: emptyOneRosterPage,
    },
    handle: (request) => {
      if (request.path === '/token' && request.method === 'POST') return token(request);
      if (request.path === oneRosterBasePath || request.path.startsWith(`${oneRosterBasePath}/`)) {
        return roster(request);
      }
      return imsxError(404, 'unknownobject', `No such endpoint: ${request.path}`);
    },
  });

  return {
    url: running.url,
    baseUrl: `${running.url}${oneRosterBasePath}`,
    tokenUrl: `${running.url}/token`,
    clientId,
    clientSecret,
    flavour,
    get district() {
      return district;
    },
    get requests() {
      return log.entries;
    },
    clearRequests: () => log.clear(),
    setFaults: (next) => faults.set(next),
    setDistrict(next) {
      dataset = buildOneRosterDataset(indexDistrict(next), dataset, new Date(now()).toISOString());
      filterCache.clear();
      district = next;
    },
    close: () => running.close(),
  };
}
