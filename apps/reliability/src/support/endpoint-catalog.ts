/** One API call of the catalog. */
export interface EndpointCall {
  method: string;
  path: string;
  body?: unknown;
  /** False for endpoints that show no tenant's data (schedule presets); isolation checks skip them. */
  tenantScoped?: boolean;
}

/** Ids of one tenant's resources, to aim every endpoint at them. */
export interface TenantResources {
  tenantId: string;
  providerId: string;
  runId: string;
}

/**
 * Every authenticated endpoint of `/api/v1`, aimed at one tenant's resources. Kept in one place so the
 * isolation and authentication checks cannot forget an endpoint (a test compares it with the OpenAPI paths).
 */
export function endpointCatalog(resources: TenantResources): EndpointCall[] {
  const { tenantId, providerId, runId } = resources;
  const roster = ['schools', 'terms', 'courses', 'classes', 'users', 'enrollments'].map((entity) => ({
    method: 'GET',
    path: `/api/v1/tenants/${tenantId}/roster/${entity}`,
  }));
  return [
    { method: 'GET', path: `/api/v1/tenants/${tenantId}/providers` },
    {
      method: 'POST',
      path: '/api/v1/providers',
      body: {
        tenantId,
        providerType: 'CLEVER',
        name: 'Intruder',
        config: { clientId: 'c', clientSecret: 's', districtId: 'd' },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/providers/test',
      body: {
        tenantId,
        providerType: 'CLEVER',
        config: { clientId: 'c', clientSecret: 's', districtId: 'd' },
      },
    },
    { method: 'GET', path: `/api/v1/providers/${providerId}` },
    { method: 'PATCH', path: `/api/v1/providers/${providerId}`, body: { name: 'Renamed by intruder' } },
    { method: 'POST', path: `/api/v1/providers/${providerId}/test` },
    { method: 'POST', path: `/api/v1/providers/${providerId}/sync`, body: {} },
    { method: 'POST', path: `/api/v1/providers/${providerId}/sync/cancel` },
    { method: 'GET', path: `/api/v1/providers/${providerId}/sync/status` },
    { method: 'GET', path: `/api/v1/providers/${providerId}/runs` },
    { method: 'GET', path: `/api/v1/runs/${runId}` },
    { method: 'GET', path: `/api/v1/runs/${runId}/issues` },
    { method: 'GET', path: `/api/v1/runs/${runId}/issues?format=csv` },
    { method: 'POST', path: `/api/v1/runs/${runId}/held/approve` },
    { method: 'POST', path: `/api/v1/runs/${runId}/held/discard` },
    ...roster,
    { method: 'GET', path: '/api/v1/schedule-presets', tenantScoped: false },
    // Last: it removes the provider when allowed.
    { method: 'DELETE', path: `/api/v1/providers/${providerId}` },
  ];
}

/** Endpoints that need no token. */
export const publicPaths = ['/healthz', '/readyz', '/api/v1/openapi.json'];
