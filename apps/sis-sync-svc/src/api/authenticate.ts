import { createMiddleware } from 'hono/factory';
import {
  adminRoles,
  InvalidTokenError,
  type Principal,
  type TokenVerifier,
} from '../security/access-token.js';
import { ApiError } from './api-error.js';

/** Variables the API's middleware puts on the context. */
export interface ApiVariables {
  principal: Principal;
}

/**
 * Bearer-token middleware: 401 without a valid token, 403 for roles other than DISTRICT_ADMIN and
 * PLATFORM_ADMIN (and for a district admin token without a tenant).
 */
export function authenticate(verifyToken: TokenVerifier) {
  return createMiddleware<{ Variables: ApiVariables }>(async (context, next) => {
    const header = context.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new ApiError(401, 'unauthorized', 'Send an access token: Authorization: Bearer <token>');
    }
    let principal: Principal;
    try {
      principal = await verifyToken(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ApiError(401, 'unauthorized', error.message);
      throw error;
    }
    if (!(adminRoles as readonly string[]).includes(principal.role)) {
      throw new ApiError(403, 'forbidden', 'Only DISTRICT_ADMIN and PLATFORM_ADMIN users may use this API');
    }
    if (principal.role === 'DISTRICT_ADMIN' && !principal.tenantId) {
      throw new ApiError(403, 'forbidden', 'A DISTRICT_ADMIN token must carry a tenantId claim');
    }
    context.set('principal', principal);
    await next();
  });
}

/** True when the principal may see the tenant's resources. */
export function canAccessTenant(principal: Principal, tenantId: string): boolean {
  return principal.role === 'PLATFORM_ADMIN' || principal.tenantId === tenantId;
}
