import { signOAuth1Request } from './oauth1-signature.js';

/** The parts of an outgoing request an {@link HttpAuth} may look at and add headers to. */
export interface AuthorizeRequest {
  method: string;
  url: URL;
  headers: Headers;
  signal?: AbortSignal;
}

/**
 * How the HTTP client authenticates each attempt of each request. `authorize` runs before every attempt (so
 * OAuth 1.0a signatures get a fresh nonce and timestamp). `invalidate`, when present, drops cached
 * credentials: the client calls it on a 401 and retries the request once with fresh ones.
 */
export interface HttpAuth {
  authorize(request: AuthorizeRequest): void | Promise<void>;
  invalidate?(): void;
  /** Secret strings to remove from error messages (tokens, client secrets). */
  secrets?(): Iterable<string | undefined>;
}

/**
 * `Authorization: Bearer <token>` with a fixed token (Clever district tokens, the ClassLink proxy) or a
 * function returning one.
 */
export function bearerAuth(token: string | ((signal?: AbortSignal) => string | Promise<string>)): HttpAuth {
  let lastToken = typeof token === 'string' ? token : undefined;
  return {
    async authorize({ headers, signal }) {
      lastToken = typeof token === 'string' ? token : await token(signal);
      headers.set('authorization', `Bearer ${lastToken}`);
    },
    secrets: () => [lastToken],
  };
}

/** Encodes one value as `application/x-www-form-urlencoded` does (space becomes `+`). */
export function formUrlEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
 * The `Authorization: Basic …` value of OAuth 2 client authentication (RFC 6749 §2.3.1): the id and secret
 * are form-urlencoded before they are joined with `:` and base64-encoded, as SIS-FORMATS §2.4 requires.
 */
export function basicAuthorizationHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${formUrlEncode(username)}:${formUrlEncode(password)}`).toString('base64')}`;
}

/** `Authorization: Basic` with form-urlencoded id and secret. See {@link basicAuthorizationHeader}. */
export function basicAuth({ username, password }: { username: string; password: string }): HttpAuth {
  const header = basicAuthorizationHeader(username, password);
  return {
    authorize({ headers }) {
      headers.set('authorization', header);
    },
    secrets: () => [password, header.slice('Basic '.length)],
  };
}

/** Settings of {@link oauth1Auth}. */
export interface OAuth1AuthSettings {
  consumerKey: string;
  consumerSecret: string;
  /** `'1.0'` sends `oauth_version=1.0`; omit it as ClassLink's library does. */
  version?: '1.0';
  /** Header entry separator: `', '` (default) or `','`. */
  separator?: string;
  /** Milliseconds since the epoch, for `oauth_timestamp`. Defaults to `Date.now`. */
  now?: () => number;
  /** Nonce generator. Defaults to 16 random bytes in hex. */
  createNonce?: () => string;
}

/**
 * Two-legged OAuth 1.0a with HMAC-SHA256 (OneRoster 1.1, ClassLink direct access): signs every attempt with
 * a fresh nonce and timestamp. The URL is sent exactly as signed.
 */
export function oauth1Auth(settings: OAuth1AuthSettings): HttpAuth {
  return {
    authorize({ method, url, headers }) {
      const { authorization } = signOAuth1Request({
        method,
        url,
        consumerKey: settings.consumerKey,
        consumerSecret: settings.consumerSecret,
        ...(settings.version ? { version: settings.version } : {}),
        ...(settings.separator === undefined ? {} : { separator: settings.separator }),
        ...(settings.now ? { now: settings.now } : {}),
        ...(settings.createNonce ? { nonce: settings.createNonce() } : {}),
      });
      headers.set('authorization', authorization);
    },
    secrets: () => [settings.consumerSecret],
  };
}
