import { createRoute, type z } from '@hono/zod-openapi';
import type { Prisma } from '../../generated/prisma/client.js';
import { type ApiDependencies, createRouter } from '../api-dependencies.js';
import { rosterPageSchema, rosterParamsSchema, rosterQuerySchema } from '../api-schemas.js';
import { assertTenant } from '../load-scoped.js';
import { errorContent } from './openapi-error-responses.js';

const rosterRoute = createRoute({
  method: 'get',
  path: '/tenants/{tenantId}/roster/{entity}',
  tags: ['roster'],
  summary: "Page through a tenant's synced roster (schools, terms, courses, classes, users, enrollments)",
  description:
    'Filters: `active` (true by default, false, all), `providerId`, `schoolId` (classes, users, enrollments, courses), `classId` (enrollments), `role` (users, enrollments), `search` (name/title/email, case-insensitive).',
  request: { params: rosterParamsSchema, query: rosterQuerySchema },
  responses: {
    200: {
      description: 'One page and the total',
      content: { 'application/json': { schema: rosterPageSchema } },
    },
    400: { description: 'Invalid request', content: errorContent },
    401: { description: 'Missing or invalid token', content: errorContent },
    403: { description: 'Role not allowed', content: errorContent },
    404: { description: 'Another tenant', content: errorContent },
  },
});

type RosterQuery = z.infer<typeof rosterQuerySchema>;
type Page = { items: Record<string, unknown>[]; total: number };

function activeFilter(active: RosterQuery['active']): { active?: boolean } {
  return active === 'all' ? {} : { active: active === 'true' };
}

const contains = (value: string) => ({ contains: value, mode: 'insensitive' as const });

/** Read-only roster listing for downstream services. */
export function createRosterRoutes(dependencies: ApiDependencies) {
  const { prisma } = dependencies;
  const router = createRouter();

  async function listPage(tenantId: string, entity: string, query: RosterQuery): Promise<Page> {
    const page = { take: query.limit, skip: query.offset };
    const base = {
      tenantId,
      ...activeFilter(query.active),
      ...(query.providerId ? { providerId: query.providerId } : {}),
    };
    switch (entity) {
      case 'schools': {
        const where: Prisma.RosterOrgWhereInput = {
          ...base,
          orgType: 'school',
          ...(query.search ? { name: contains(query.search) } : {}),
        };
        const [items, total] = await Promise.all([
          prisma.rosterOrg.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], ...page }),
          prisma.rosterOrg.count({ where }),
        ]);
        return { items, total };
      }
      case 'terms': {
        const where: Prisma.RosterAcademicSessionWhereInput = {
          ...base,
          ...(query.search ? { title: contains(query.search) } : {}),
        };
        const [items, total] = await Promise.all([
          prisma.rosterAcademicSession.findMany({
            where,
            orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
            ...page,
          }),
          prisma.rosterAcademicSession.count({ where }),
        ]);
        return { items, total };
      }
      case 'courses': {
        const where: Prisma.RosterCourseWhereInput = {
          ...base,
          ...(query.schoolId ? { orgSourcedId: query.schoolId } : {}),
          ...(query.search ? { title: contains(query.search) } : {}),
        };
        const [items, total] = await Promise.all([
          prisma.rosterCourse.findMany({ where, orderBy: [{ title: 'asc' }, { id: 'asc' }], ...page }),
          prisma.rosterCourse.count({ where }),
        ]);
        return { items, total };
      }
      case 'classes': {
        const where: Prisma.RosterClassWhereInput = {
          ...base,
          ...(query.schoolId ? { schoolSourcedId: query.schoolId } : {}),
          ...(query.search ? { title: contains(query.search) } : {}),
        };
        const [items, total] = await Promise.all([
          prisma.rosterClass.findMany({ where, orderBy: [{ title: 'asc' }, { id: 'asc' }], ...page }),
          prisma.rosterClass.count({ where }),
        ]);
        return { items, total };
      }
      case 'users': {
        const linkFilter: Prisma.RosterUserLinkWhereInput = {
          ...(query.providerId ? { providerId: query.providerId } : {}),
          ...(query.schoolId ? { orgSourcedIds: { has: query.schoolId } } : {}),
        };
        const where: Prisma.RosterUserWhereInput = {
          tenantId,
          ...activeFilter(query.active),
          ...(query.role ? { role: query.role } : {}),
          ...(Object.keys(linkFilter).length > 0 ? { links: { some: linkFilter } } : {}),
          ...(query.search
            ? {
                OR: [
                  { givenName: contains(query.search) },
                  { familyName: contains(query.search) },
                  { email: contains(query.search) },
                ],
              }
            : {}),
        };
        const [users, total] = await Promise.all([
          prisma.rosterUser.findMany({
            where,
            orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }, { id: 'asc' }],
            include: {
              links: { select: { providerId: true, sourcedId: true, orgSourcedIds: true, active: true } },
            },
            ...page,
          }),
          prisma.rosterUser.count({ where }),
        ]);
        return { items: users, total };
      }
      default: {
        const where: Prisma.RosterEnrollmentWhereInput = {
          ...base,
          ...(query.schoolId ? { schoolSourcedId: query.schoolId } : {}),
          ...(query.classId ? { classSourcedId: query.classId } : {}),
          ...(query.role ? { role: query.role } : {}),
        };
        const [items, total] = await Promise.all([
          prisma.rosterEnrollment.findMany({
            where,
            orderBy: [{ classSourcedId: 'asc' }, { id: 'asc' }],
            ...page,
          }),
          prisma.rosterEnrollment.count({ where }),
        ]);
        return { items, total };
      }
    }
  }

  router.openapi(rosterRoute, async (context) => {
    const { tenantId, entity } = context.req.valid('param');
    assertTenant(context.get('principal'), tenantId);
    const query = context.req.valid('query');
    const { items, total } = await listPage(tenantId, entity, query);
    return context.json(
      // Round-trip through JSON so dates become ISO strings, as the response schema declares.
      { items: JSON.parse(JSON.stringify(items)), total, limit: query.limit, offset: query.offset },
      200,
    );
  });

  return router;
}
