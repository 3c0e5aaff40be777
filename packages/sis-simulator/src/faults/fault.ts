/** What a fault is shown when it decides whether a request (or an SFTP operation) is its target. */
export interface FaultRequest {
  protocol: 'http' | 'sftp';
  /** HTTP method, or the SFTP operation (`OPEN`, `READ`, `OPENDIR`, `STAT`…). */
  method: string;
  /** The path without the query (HTTP) or the remote file path (SFTP). */
  path: string;
  /** The path with its query string (HTTP), or the remote path (SFTP). */
  url: string;
}

/**
 * When a fault fires. Each fault counts the requests it matches, from the moment it was set.
 * - `onRequest`: fire on the Nth matching request (1-based), e.g. `3` fails the third page.
 * - `match`: only requests for which it returns true count (it gets the path with its query).
 * - `times`: how many times it fires; defaults to 1 when `onRequest` is given, otherwise to every
 *   matching request.
 */
export interface FaultTrigger {
  onRequest?: number;
  match?: (url: string, request: FaultRequest) => boolean;
  times?: number;
}

/** Answer with this status and the protocol's own error body (JSON for Clever, imsx for OneRoster). */
export interface StatusFault extends FaultTrigger {
  kind: 'status';
  status: number;
  /** Replaces the protocol's error body. */
  body?: string;
}

/** Send the headers and part of the real body, then destroy the socket. */
export interface DropConnectionMidBodyFault extends FaultTrigger {
  kind: 'drop-connection-mid-body';
}

/** Wait before answering (HTTP) or before serving an SFTP operation. */
export interface DelayFault extends FaultTrigger {
  kind: 'delay';
  ms: number;
}

/** Answer the next `count` matching requests with 429 and `Retry-After: retryAfterSeconds`. */
export interface RateLimitBurstFault extends Omit<FaultTrigger, 'times'> {
  kind: 'rate-limit-burst';
  count: number;
  retryAfterSeconds: number;
}

/** Answer with an HTML page instead of JSON, as proxies and load balancers do (default status 502). */
export interface HtmlErrorPageFault extends FaultTrigger {
  kind: 'html-error-page';
  status?: number;
}

/**
 * Expire the credentials in use: the matching request gets the protocol's 401, and the server revokes the
 * tokens it issued so far (Clever rotates its district token; OneRoster revokes every OAuth 2 token), so a
 * client must fetch a new token to continue.
 */
export interface ExpireTokenFault extends FaultTrigger {
  kind: 'expire-token';
}

/**
 * Answer a list request with a successful but empty page of its collection: no records, a total of 0 and
 * no next link, as a SIS does when an entity was wiped or a sync scope misconfigured. Authentication and
 * errors still behave as usual; a single-record read is left alone.
 *
 * @example
 * // Clever serves no students at all.
 * server.setFaults([{ kind: 'empty-page', match: (url) => url.startsWith('/v3.0/users?role=student') }]);
 */
export interface EmptyPageFault extends FaultTrigger {
  kind: 'empty-page';
}

/** SFTP only: close the SSH connection once `afterBytes` of a matching file were read (default: half). */
export interface DisconnectMidFileFault extends FaultTrigger {
  kind: 'disconnect-mid-file';
  afterBytes?: number;
}

/**
 * One injected failure. Every simulator server takes `faults: Fault[]` and `setFaults(faults)`; a server
 * ignores the kinds that make no sense for its protocol (`disconnect-mid-file` on HTTP; `status`,
 * `html-error-page`, `rate-limit-burst`, `expire-token`, `empty-page` and `drop-connection-mid-body` on SFTP).
 *
 * @example
 * // Fail the third /v3.0/users page once with a 500, then answer normally.
 * server.setFaults([{ kind: 'status', status: 500, onRequest: 3, match: (url) => url.startsWith('/v3.0/users') }]);
 */
export type Fault =
  | StatusFault
  | DropConnectionMidBodyFault
  | DelayFault
  | RateLimitBurstFault
  | HtmlErrorPageFault
  | ExpireTokenFault
  | EmptyPageFault
  | DisconnectMidFileFault;

export type FaultKind = Fault['kind'];

/** The fault kinds an HTTP server acts on. */
export const httpFaultKinds: readonly FaultKind[] = [
  'status',
  'drop-connection-mid-body',
  'delay',
  'rate-limit-burst',
  'html-error-page',
  'expire-token',
  'empty-page',
];

/** The fault kinds the SFTP server acts on. */
export const sftpFaultKinds: readonly FaultKind[] = ['delay', 'disconnect-mid-file'];
