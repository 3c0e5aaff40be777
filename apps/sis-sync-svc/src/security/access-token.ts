import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** Roles allowed to use the API. */
export const adminRoles = ['DISTRICT_ADMIN', 'PLATFORM_ADMIN'] as const;
export type AdminRole = (typeof adminRoles)[number];

/** Who is calling, from a verified token. */
export interface Principal {
  subject: string;
  role: string;
  tenantId: string | undefined;
}

/** Why a token was refused; mapped to HTTP 401. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.string().min(1),
  tenantId: z.string().min(1).optional(),
});

/** Settings of {@link createTokenVerifier}: a shared HS256 secret or a JWKS URL (RS256/ES256). */
export interface TokenVerifierSettings {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/** Verifies bearer tokens and returns the principal. */
export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Creates the bearer-token verifier. Only the listed algorithms are accepted, so unsigned (`alg: none`)
 * and algorithm-confusion tokens are refused.
 */
export function createTokenVerifier(settings: TokenVerifierSettings): TokenVerifier {
  const options = {
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  let verify: (token: string) => Promise<JWTPayload>;
  if (settings.jwksUrl) {
    const keySet = createRemoteJWKSet(new URL(settings.jwksUrl));
    verify = async (token) =>
      (await jwtVerify(token, keySet, { ...options, algorithms: ['RS256', 'ES256', 'PS256'] })).payload;
  } else if (settings.secret) {
    const key = new TextEncoder().encode(settings.secret);
    verify = async (token) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload;
  } else {
    throw new Error('Token verification needs JWT_SECRET or JWT_JWKS_URL');
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('The access token has expired');
      throw new InvalidTokenError('The access token is invalid (bad signature, algorithm, issuer or format)');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('The access token lacks the sub or role claim');
    return { subject: claims.data.sub, role: claims.data.role, tenantId: claims.data.tenantId };
  };
}

/** Claims of a token issued by {@link issueAccessToken}. */
export interface IssueTokenInput {
  secret: string;
  subject: string;
  role: AdminRole;
  tenantId?: string;
  /** A jose duration such as `24h` or `30m`. */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Signs an HS256 access token, e.g. for the `sis-sync token` command or the embedded start-up banner.
 *
 * @example await issueAccessToken({ secret, subject: 'admin', role: 'PLATFORM_ADMIN' });
 */
export async function issueAccessToken(input: IssueTokenInput): Promise<string> {
  let token = new SignJWT({ role: input.role, ...(input.tenantId ? { tenantId: input.tenantId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.subject)
    .setIssuedAt()
    .setExpirationTime(input.expiresIn ?? '24h');
  if (input.issuer) token = token.setIssuer(input.issuer);
  if (input.audience) token = token.setAudience(input.audience);
  return token.sign(new TextEncoder().encode(input.secret));
}
