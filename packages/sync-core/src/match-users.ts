import type { RecordIssue, User } from '@aivo/connector-sdk';
import { normalizeEmail } from './normalize-email.js';
import type { RosterScope, RosterStore, UserCandidate } from './roster-store.js';

/** How one unlinked source user is to be written. */
export type UserMatch =
  | { outcome: 'link'; userId: string; matchedBy: 'email' | 'studentNumber' }
  | { outcome: 'create' }
  | { outcome: 'reject'; issue: RecordIssue };

function groupBy(candidates: UserCandidate[], key: (candidate: UserCandidate) => string | undefined) {
  const groups = new Map<string, UserCandidate[]>();
  for (const candidate of candidates) {
    const value = key(candidate);
    if (value === undefined) continue;
    groups.set(value, [...(groups.get(value) ?? []), candidate]);
  }
  return groups;
}

function studentNumberOf(user: User): string | undefined {
  return user.role === 'student' && user.identifier ? user.identifier : undefined;
}

function issue(user: User, code: string, message: string): RecordIssue {
  return { entity: 'users', severity: 'error', code, sourcedId: user.sourcedId, message };
}

/**
 * Matches source users that have no link from this provider yet to platform users of the tenant: by email
 * (trimmed, case-insensitive), then — for students — by student number (`identifier`), else a new user when
 * `createUnmatchedUsers`. Never re-binds a platform user already linked to another sourcedId of the same
 * provider, nor lets two records of one batch claim the same person; those conflicts become issues.
 * Two store calls per batch at most.
 */
export async function matchUsers(input: {
  store: RosterStore;
  scope: RosterScope;
  users: User[];
  createUnmatchedUsers: boolean;
}): Promise<Map<string, UserMatch>> {
  const { store, scope, users, createUnmatchedUsers } = input;
  const emails = [
    ...new Set(users.map((user) => normalizeEmail(user.email)).filter((email) => email !== undefined)),
  ];
  const byEmail = groupBy(
    emails.length > 0 ? await store.findUsersByEmail({ ...scope, emails }) : [],
    (candidate) => candidate.email,
  );
  const needsNumber = users.filter((user) => {
    const email = normalizeEmail(user.email);
    return (email === undefined || !byEmail.has(email)) && studentNumberOf(user) !== undefined;
  });
  const numbers = [...new Set(needsNumber.map((user) => studentNumberOf(user)!))];
  const byNumber = groupBy(
    numbers.length > 0 ? await store.findUsersByStudentNumber({ ...scope, studentNumbers: numbers }) : [],
    (candidate) => candidate.studentNumber,
  );

  const matches = new Map<string, UserMatch>();
  const claimedUserIds = new Map<string, string>();
  const newPersonKeys = new Map<string, string>();

  const linkTo = (
    user: User,
    candidates: UserCandidate[],
    matchedBy: 'email' | 'studentNumber',
    value: string,
  ): UserMatch => {
    const label = matchedBy === 'email' ? `email ${value}` : `student number ${value}`;
    if (candidates.length > 1) {
      return {
        outcome: 'reject',
        issue: issue(
          user,
          'user_match_ambiguous',
          `User ${user.sourcedId} matches ${candidates.length} platform users by ${label}; merge them or fix the source, then sync again.`,
        ),
      };
    }
    const candidate = candidates[0]!;
    const otherLink = candidate.linkedSourcedIds.find((sourcedId) => sourcedId !== user.sourcedId);
    const claimedBy = claimedUserIds.get(candidate.userId);
    if (otherLink !== undefined || claimedBy !== undefined) {
      return {
        outcome: 'reject',
        issue: issue(
          user,
          'user_link_conflict',
          `User ${user.sourcedId} matches platform user ${candidate.userId} by ${label}, but that user is already linked to ${otherLink ?? claimedBy} from this provider; it was not re-bound. Check for a reissued id or a shared ${matchedBy === 'email' ? 'email' : 'number'} in the source.`,
        ),
      };
    }
    claimedUserIds.set(candidate.userId, user.sourcedId);
    return { outcome: 'link', userId: candidate.userId, matchedBy };
  };

  for (const user of users) {
    const email = normalizeEmail(user.email);
    const number = studentNumberOf(user);
    const emailCandidates = email === undefined ? undefined : byEmail.get(email);
    const numberCandidates = number === undefined ? undefined : byNumber.get(number);
    if (emailCandidates) {
      matches.set(user.sourcedId, linkTo(user, emailCandidates, 'email', email!));
      continue;
    }
    if (numberCandidates) {
      matches.set(user.sourcedId, linkTo(user, numberCandidates, 'studentNumber', number!));
      continue;
    }
    const keys = [email && `email:${email}`, number && `number:${number}`].filter(Boolean) as string[];
    const sharedWith = keys.map((key) => newPersonKeys.get(key)).find((owner) => owner !== undefined);
    if (sharedWith !== undefined) {
      matches.set(user.sourcedId, {
        outcome: 'reject',
        issue: issue(
          user,
          'user_link_conflict',
          `User ${user.sourcedId} has the same ${email ? 'email' : 'student number'} as user ${sharedWith} of this provider; only the first was synced. Fix the duplicate in the source.`,
        ),
      });
      continue;
    }
    if (!createUnmatchedUsers) {
      const reasons = [
        email ? `no platform user has email ${email}` : 'the record has no email',
        user.role !== 'student'
          ? 'student numbers are only matched for students'
          : number
            ? `no student has number ${number}`
            : 'the record has no student number',
      ];
      matches.set(user.sourcedId, {
        outcome: 'reject',
        issue: issue(
          user,
          'user_unmatched',
          `User ${user.sourcedId} (${user.role}) matched no platform user: ${reasons.join(' and ')}. Creating users is turned off for this provider.`,
        ),
      });
      continue;
    }
    for (const key of keys) newPersonKeys.set(key, user.sourcedId);
    matches.set(user.sourcedId, { outcome: 'create' });
  }
  return matches;
}
