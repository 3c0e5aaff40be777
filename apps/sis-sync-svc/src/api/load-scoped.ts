import type { PrismaClient, SisProvider, SisSyncRun } from '../generated/prisma/client.js';
import type { Principal } from '../security/access-token.js';
import { ApiError } from './api-error.js';
import { canAccessTenant } from './authenticate.js';

/** Loads a provider the principal may see; another tenant's provider is reported as not found. */
export async function loadProvider(
  prisma: PrismaClient,
  principal: Principal,
  providerId: string,
): Promise<SisProvider> {
  const provider = await prisma.sisProvider.findUnique({ where: { id: providerId } });
  if (!provider || !canAccessTenant(principal, provider.tenantId))
    throw ApiError.notFound(`Provider ${providerId}`);
  return provider;
}

/** Loads a run the principal may see; another tenant's run is reported as not found. */
export async function loadRun(
  prisma: PrismaClient,
  principal: Principal,
  runId: string,
): Promise<SisSyncRun> {
  const run = await prisma.sisSyncRun.findUnique({ where: { id: runId } });
  if (!run || !canAccessTenant(principal, run.tenantId)) throw ApiError.notFound(`Sync run ${runId}`);
  return run;
}

/** Throws 404 unless the principal may see the tenant. */
export function assertTenant(principal: Principal, tenantId: string): void {
  if (!canAccessTenant(principal, tenantId)) throw ApiError.notFound(`Tenant ${tenantId}`);
}
