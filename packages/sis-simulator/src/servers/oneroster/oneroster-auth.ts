import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parseOAuth1AuthorizationHeader, verifyOAuth1Request } from '@aivo/connector-sdk';

/** Which credentials a OneRoster server accepts. */
export type OneRosterAuthMode = 'oauth1' | 'oauth2' | 'oauth1-or-oauth2';

/** The outcome of checking one request's credentials. */
export type AuthCheck = { ok: true } | { ok: false; reason: string };

function sameText(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads `Authorization: Basic base64(urlencode(id):urlencode(secret))`. */
export function readBasicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

/**
 * The server side of OneRoster auth: OAuth 1.0a HMAC-SHA256 verification with a timestamp window and
 * nonce replay protection, and OAuth 2 client-credentials tokens with an expiry.
 */
export class OneRosterAuthority {
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #now: () => number;
  readonly #timestampWindowSeconds: number;
  readonly #tokenLifetimeSeconds: number;
  /** `consumerKey nonce` → timestamp, for replay detection within the window. */
  readonly #seenNonces = new Map<string, number>();
  readonly #tokens = new Map<string, number>();

  constructor(settings: {
    clientId: string;
    clientSecret: string;
    now: () => number;
    timestampWindowSeconds?: number;
    tokenLifetimeSeconds?: number;
  }) {
    this.#clientId = settings.clientId;
    this.#clientSecret = settings.clientSecret;
    this.#now = settings.now;
    this.#timestampWindowSeconds = settings.timestampWindowSeconds ?? 300;
    this.#tokenLifetimeSeconds = settings.tokenLifetimeSeconds ?? 3600;
  }

  get tokenLifetimeSeconds(): number {
    return this.#tokenLifetimeSeconds;
  }

  /** True when the client id and secret are the configured ones. */
  validClient(id: string, secret: string): boolean {
    return sameText(id, this.#clientId) && sameText(secret, this.#clientSecret);
  }

  /** Issues a bearer token valid for the configured lifetime. */
  issueToken(): string {
    const token = randomBytes(24).toString('hex');
    this.#tokens.set(token, this.#now() + this.#tokenLifetimeSeconds * 1000);
    return token;
  }

  /** Revokes every token issued so far (an `expire-token` fault). */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  checkBearer(token: string): AuthCheck {
    const expiresAt = this.#tokens.get(token);
    if (expiresAt === undefined) return { ok: false, reason: 'unknown or revoked access token' };
    if (expiresAt <= this.#now()) {
      this.#tokens.delete(token);
      return { ok: false, reason: 'access token expired; request a new one' };
    }
    return { ok: true };
  }

  /**
   * Verifies an OAuth 1.0a request: the signature over `url` (as the client addressed it), the consumer
   * key, a timestamp within the window of the server clock, and a nonce not used before in that window.
   */
  checkOAuth1(method: string, url: string, authorization: string): AuthCheck {
    const signatureMethod = parseOAuth1AuthorizationHeader(authorization)?.oauth_signature_method;
    if (signatureMethod !== undefined && signatureMethod !== 'HMAC-SHA256') {
      // OneRoster 1.1 (and ClassLink) sign with HMAC-SHA256; a client signing otherwise would fail there.
      return {
        ok: false,
        reason: `OAuth 1.0a: oauth_signature_method must be HMAC-SHA256 (got ${signatureMethod})`,
      };
    }
    const verification = verifyOAuth1Request({
      method,
      url,
      authorization,
      consumerSecret: this.#clientSecret,
    });
    if (!verification.valid) return { ok: false, reason: `OAuth 1.0a: ${verification.reason}` };
    if (!sameText(verification.consumerKey, this.#clientId)) {
      return { ok: false, reason: 'OAuth 1.0a: unknown oauth_consumer_key' };
    }
    const nowSeconds = Math.floor(this.#now() / 1000);
    if (Math.abs(nowSeconds - verification.timestamp) > this.#timestampWindowSeconds) {
      return {
        ok: false,
        reason: `OAuth 1.0a: oauth_timestamp ${verification.timestamp} is more than ${this.#timestampWindowSeconds} s from the server time ${nowSeconds}; check the client clock`,
      };
    }
    for (const [key, timestamp] of this.#seenNonces) {
      if (nowSeconds - timestamp > this.#timestampWindowSeconds) this.#seenNonces.delete(key);
    }
    const nonceKey = `${verification.consumerKey} ${verification.nonce}`;
    if (this.#seenNonces.has(nonceKey)) {
      return {
        ok: false,
        reason: 'OAuth 1.0a: oauth_nonce was already used; send a fresh nonce per request',
      };
    }
    this.#seenNonces.set(nonceKey, verification.timestamp);
    return { ok: true };
  }
}
