import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Principal } from './access-token.js';

/** One audited action. */
export interface AuditEntry {
  actor: Principal | { subject: string; role: string };
  tenantId: string | undefined;
  action:
    | 'create'
    | 'update'
    | 'delete'
    | 'test'
    | 'test_unsaved'
    | 'sync'
    | 'cancel'
    | 'approve'
    | 'discard'
    | 'rotate-key';
  resourceType: 'provider' | 'run';
  resourceId: string | undefined;
  outcome: 'success' | 'failure' | 'rejected';
  detail?: Prisma.InputJsonValue;
}

/** Writes an audit_log row. Never pass secrets in `detail`. */
export async function recordAudit(prisma: PrismaClient, entry: AuditEntry): Promise<void> {
  await prisma.auditLog.create({
    data: {
      actor: entry.actor.subject,
      actorRole: entry.actor.role,
      tenantId: entry.tenantId ?? null,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      outcome: entry.outcome,
      ...(entry.detail === undefined ? {} : { detailJson: entry.detail }),
    },
  });
}
