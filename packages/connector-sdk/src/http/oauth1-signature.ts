import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signature methods we sign with. OneRoster 1.1 (ClassLink, Moodle) uses HMAC-SHA256. */
export type OAuth1SignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

/** Parameters given in name/value form: a record, `URLSearchParams` or pairs (names may repeat). */
export type OAuth1ExtraParameters =
  | Record<string, string>
  | URLSearchParams
  | Iterable<readonly [string, string]>;

/** Input of {@link createOAuth1Signature}. Two-legged OAuth 1.0a (no token), as OneRoster 1.1 uses it. */
export interface OAuth1SignatureInput {
  /** HTTP method; upper-cased for the base string. */
  method: string;
  /** The full request URL, query included. Its query parameters are signed. */
  url: string | URL;
  consumerKey: string;
  consumerSecret: string;
  /** Unique per request. */
  nonce: string;
  /** Unix seconds. */
  timestamp: number | string;
  /** `'1.0'` adds `oauth_version=1.0` (Moodle sends it); leave undefined to omit it (ClassLink's library). */
  version?: '1.0';
  /** Defaults to `HMAC-SHA256`. */
  signatureMethod?: OAuth1SignatureMethod;
  /** Further parameters to sign, e.g. the fields of a form-encoded POST body. */
  extraParams?: OAuth1ExtraParameters;
  /** Token secret of three-legged OAuth; empty (the default) for OneRoster. */
  tokenSecret?: string;
}

/** Everything computed while signing, so a server can compare its own computation step by step. */
export interface OAuth1Signature {
  /** base64 HMAC digest, not percent-encoded. */
  signature: string;
  baseString: string;
  parameterString: string;
  /** The `oauth_*` protocol parameters that were signed (without `oauth_signature`). */
  oauthParameters: Record<string, string>;
}

/**
 * Percent-encodes with RFC 3986 as OAuth 1.0a requires: only `A-Za-z0-9-._~` stay as they are. Unlike
 * `encodeURIComponent`, it also escapes `!'()*`.
 */
export function percentEncodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The base string URI: lower-cased scheme and host, no default port, the path, no query or fragment. */
export function normalizeOAuth1BaseUri(url: string | URL): string {
  const parsed = new URL(url);
  // URL lower-cases scheme and host and drops default ports already.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function toPairs(parameters: OAuth1ExtraParameters | undefined): Array<[string, string]> {
  if (parameters === undefined) return [];
  if (parameters instanceof URLSearchParams) return [...parameters.entries()];
  if (Symbol.iterator in parameters) {
    return [...(parameters as Iterable<readonly [string, string]>)].map(([name, value]) => [name, value]);
  }
  return Object.entries(parameters);
}

/**
 * The normalized parameter string: names and values RFC 3986-encoded, sorted by encoded name then encoded
 * value (byte order), joined as `name=value` with `&`. `oauth_signature` and `realm` are never included.
 */
export function createOAuth1ParameterString(parameters: Iterable<readonly [string, string]>): string {
  const encoded: Array<[string, string]> = [];
  for (const [name, value] of parameters) {
    if (name === 'oauth_signature' || name === 'realm') continue;
    encoded.push([percentEncodeRfc3986(name), percentEncodeRfc3986(value)]);
  }
  const byteOrder = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  encoded.sort(([leftName, leftValue], [rightName, rightValue]) =>
    leftName === rightName ? byteOrder(leftValue, rightValue) : byteOrder(leftName, rightName),
  );
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * Computes an OAuth 1.0a signature (RFC 5849 §3.4) over the URL's decoded query parameters, the `oauth_*`
 * parameters and `extraParams`. The key is `enc(consumerSecret)&enc(tokenSecret)`.
 *
 * @example
 * const { signature } = createOAuth1Signature({
 *   method: 'GET', url: 'https://example-ca-v2.oneroster.com/ims/oneroster/v1p1/users?limit=100',
 *   consumerKey: 'demo-key', consumerSecret: 'demo-secret', nonce: 'n0nc3', timestamp: 1700000000,
 * });
 */
export function createOAuth1Signature(input: OAuth1SignatureInput): OAuth1Signature {
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA256';
  const oauthParameters: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce,
    oauth_signature_method: signatureMethod,
    oauth_timestamp: String(input.timestamp),
  };
  if (input.version !== undefined) oauthParameters.oauth_version = input.version;

  const url = new URL(input.url);
  // URLSearchParams decodes `+` as a space, as RFC 5849 §3.4.1.3.1 (form-urlencoded query) requires.
  const parameterString = createOAuth1ParameterString([
    ...url.searchParams.entries(),
    ...Object.entries(oauthParameters),
    ...toPairs(input.extraParams),
  ]);
  const baseString = [
    input.method.toUpperCase(),
    percentEncodeRfc3986(normalizeOAuth1BaseUri(url)),
    percentEncodeRfc3986(parameterString),
  ].join('&');
  const key = `${percentEncodeRfc3986(input.consumerSecret)}&${percentEncodeRfc3986(input.tokenSecret ?? '')}`;
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(algorithm, key).update(baseString).digest('base64');
  return { signature, baseString, parameterString, oauthParameters };
}

/**
 * Builds the `Authorization: OAuth …` header value: each `oauth_*` parameter and the signature,
 * percent-encoded and quoted, in sorted order. `separator` is `', '` (Moodle, the default) or `','`
 * (ClassLink).
 */
export function buildOAuth1AuthorizationHeader({
  oauthParameters,
  signature,
  realm,
  separator = ', ',
}: {
  oauthParameters: Record<string, string>;
  signature: string;
  realm?: string;
  separator?: string;
}): string {
  const entries = Object.entries({ ...oauthParameters, oauth_signature: signature }).sort(
    ([left], [right]) => (left < right ? -1 : left > right ? 1 : 0),
  );
  const parts = entries.map(
    ([name, value]) => `${percentEncodeRfc3986(name)}="${percentEncodeRfc3986(value)}"`,
  );
  if (realm !== undefined) parts.unshift(`realm="${realm.replaceAll('"', '')}"`);
  return `OAuth ${parts.join(separator)}`;
}

/**
 * Parses an `Authorization: OAuth …` header into its decoded parameters (including `oauth_signature` and
 * `realm` if present). Returns `undefined` when the header is not an OAuth header or is malformed.
 */
export function parseOAuth1AuthorizationHeader(
  header: string | null | undefined,
): Record<string, string> | undefined {
  if (!header) return undefined;
  const match = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!match) return undefined;
  const parameters: Record<string, string> = {};
  const pattern = /\s*([^=\s,]+)\s*=\s*"([^"]*)"\s*(?:,|$)/y;
  const text = match[1]!.trim();
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const entry = pattern.exec(text);
    if (!entry) return undefined;
    try {
      parameters[decodeURIComponent(entry[1]!)] = decodeURIComponent(entry[2]!);
    } catch {
      return undefined;
    }
    position = pattern.lastIndex;
  }
  return parameters;
}

/** Input of {@link signOAuth1Request}: nonce and timestamp are generated when not given. */
export interface SignOAuth1RequestInput extends Omit<OAuth1SignatureInput, 'nonce' | 'timestamp'> {
  nonce?: string;
  timestamp?: number | string;
  /** Clock for the timestamp, in milliseconds since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /** Header entry separator, see {@link buildOAuth1AuthorizationHeader}. */
  separator?: string;
}

/**
 * Signs one request and returns the `Authorization` header value to send with it (the URL is sent unchanged).
 *
 * @example
 * const { authorization } = signOAuth1Request({ method: 'GET', url, consumerKey, consumerSecret });
 * await fetch(url, { headers: { authorization } });
 */
export function signOAuth1Request(
  input: SignOAuth1RequestInput,
): OAuth1Signature & { authorization: string } {
  const { now = Date.now, separator, ...rest } = input;
  const signed = createOAuth1Signature({
    ...rest,
    nonce: input.nonce ?? randomBytes(16).toString('hex'),
    timestamp: input.timestamp ?? Math.floor(now() / 1000),
  });
  const authorization = buildOAuth1AuthorizationHeader({
    oauthParameters: signed.oauthParameters,
    signature: signed.signature,
    ...(separator === undefined ? {} : { separator }),
  });
  return { ...signed, authorization };
}

/** The outcome of {@link verifyOAuth1Request}. `reason` says what was wrong when `valid` is false. */
export type OAuth1Verification =
  | { valid: true; consumerKey: string; nonce: string; timestamp: number }
  | { valid: false; reason: string; consumerKey?: string; expected?: OAuth1Signature };

/**
 * Server side: checks an incoming request's OAuth 1.0a signature. Does not check timestamp freshness or nonce
 * reuse (the caller keeps that state); use the returned `nonce` and `timestamp` for that.
 */
export function verifyOAuth1Request({
  method,
  url,
  authorization,
  consumerSecret,
  extraParams,
}: {
  method: string;
  /** The URL as the client requested it, query included. */
  url: string | URL;
  authorization: string | null | undefined;
  consumerSecret: string;
  extraParams?: OAuth1ExtraParameters;
}): OAuth1Verification {
  const parameters = parseOAuth1AuthorizationHeader(authorization);
  if (!parameters) return { valid: false, reason: 'missing or malformed OAuth Authorization header' };
  const consumerKey = parameters.oauth_consumer_key;
  const { oauth_nonce: nonce, oauth_timestamp: timestamp, oauth_signature: signature } = parameters;
  const signatureMethod = parameters.oauth_signature_method;
  if (!consumerKey || !nonce || !timestamp || !signature) {
    return {
      valid: false,
      reason: 'oauth_consumer_key, oauth_nonce, oauth_timestamp and oauth_signature are required',
    };
  }
  if (signatureMethod !== 'HMAC-SHA256' && signatureMethod !== 'HMAC-SHA1') {
    return {
      valid: false,
      consumerKey,
      reason: `unsupported oauth_signature_method ${String(signatureMethod)}`,
    };
  }
  if (parameters.oauth_version !== undefined && parameters.oauth_version !== '1.0') {
    return { valid: false, consumerKey, reason: `unsupported oauth_version ${parameters.oauth_version}` };
  }
  if (!/^\d+$/.test(timestamp))
    return { valid: false, consumerKey, reason: 'oauth_timestamp is not Unix seconds' };
  // Other oauth_* parameters in the header (e.g. oauth_callback) are signed too (RFC 5849 §3.4.1.3.1).
  const otherHeaderParameters = Object.entries(parameters).filter(
    ([name]) =>
      name.startsWith('oauth_') &&
      ![
        'oauth_consumer_key',
        'oauth_nonce',
        'oauth_timestamp',
        'oauth_signature',
        'oauth_signature_method',
        'oauth_version',
      ].includes(name),
  );
  const expected = createOAuth1Signature({
    method,
    url,
    consumerKey,
    consumerSecret,
    nonce,
    timestamp,
    signatureMethod,
    ...(parameters.oauth_version === '1.0' ? { version: '1.0' as const } : {}),
    extraParams: [...toPairs(extraParams), ...otherHeaderParameters],
  });
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected.signature);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return { valid: false, consumerKey, reason: 'signature does not match', expected };
  }
  return { valid: true, consumerKey, nonce, timestamp: Number(timestamp) };
}
