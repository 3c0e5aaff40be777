import type { OneRosterOrgJson } from './oneroster-api-schemas.js';

/** OneRoster org JSON → the SDK's org input (the SDK schema then validates and normalizes it). */
export function mapOneRosterOrg(org: OneRosterOrgJson): Record<string, unknown> {
  return {
    sourcedId: org.sourcedId,
    status: org.status,
    dateLastModified: org.dateLastModified,
    name: org.name,
    type: org.type,
    identifier: org.identifier,
    parentSourcedId: org.parent ?? undefined,
  };
}
