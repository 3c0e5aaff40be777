import { errorResponseSchema } from '../api-schemas.js';

/** The JSON body every error answer has, for OpenAPI route definitions. */
export const errorContent = { 'application/json': { schema: errorResponseSchema } } as const;

/** The error answers every authenticated, tenant-scoped route can give. */
export const commonErrorResponses = {
  400: { description: 'Invalid request', content: errorContent },
  401: { description: 'Missing or invalid token', content: errorContent },
  403: { description: 'Role not allowed', content: errorContent },
  404: { description: 'Not found (or another tenant)', content: errorContent },
} as const;
