import type { OneRosterUserJson } from './oneroster-api-schemas.js';

/**
 * OneRoster user JSON → the SDK's user input. `enabledUser` may be the string `"true"` (the spec, ClassLink)
 * or a boolean; the SDK schema accepts both. `password` is never carried over.
 */
export function mapOneRosterUser(user: OneRosterUserJson): Record<string, unknown> {
  return {
    sourcedId: user.sourcedId,
    status: user.status,
    dateLastModified: user.dateLastModified,
    enabledUser: user.enabledUser,
    role: user.role,
    orgSourcedIds: user.orgs,
    username: user.username,
    userIds: user.userIds,
    givenName: user.givenName,
    familyName: user.familyName,
    middleName: user.middleName,
    identifier: user.identifier,
    email: user.email,
    sms: user.sms,
    phone: user.phone,
    agentSourcedIds: user.agents,
    grades: user.grades,
  };
}
