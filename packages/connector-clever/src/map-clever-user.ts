import type { UserInput } from '@aivo/connector-sdk';
import type { CleverUser } from './clever-api-schemas.js';

/** The Clever roles the connector reads, in the order that decides a multi-role user's one role. */
export const cleverUserRoles = ['student', 'teacher', 'staff', 'district_admin'] as const;
export type CleverUserRole = (typeof cleverUserRoles)[number];

/**
 * The one Clever role a user is synced under. Clever gives a person one user id whatever roles they hold
 * (a teacher who is also a school admin is one user with `roles.teacher` and `roles.staff`), and the
 * normalized model has one role per sourcedId. The first role held in this order wins:
 * `student` → `teacher` → `staff` → `district_admin`. Teacher beats the admin roles because section
 * enrollments point at the user as a teacher; student comes first so a student is never matched as staff.
 * Returns `undefined` for a user holding none of them (a contact).
 */
export function pickCleverUserRole(user: CleverUser): CleverUserRole | undefined {
  return cleverUserRoles.find((role) => user.roles?.[role] != null);
}

/**
 * Clever's `staff` role covers school administrators and other school staff alike; its free-text `title`
 * and `roles[]` tell them apart. Aides (and paraprofessionals) and proctors keep those roles; every other
 * staff member is an administrator.
 */
function staffRole(
  staff: { title?: string | null; roles?: string[] | null } | null | undefined,
): UserInput['role'] {
  const words = [staff?.title ?? '', ...(staff?.roles ?? [])].join(' ');
  if (/\baides?\b|paraprofessional|para-?educator/i.test(words)) return 'aide';
  if (/\bproctors?\b/i.test(words)) return 'proctor';
  return 'administrator';
}

function uniqueNonEmpty(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
}

/**
 * Maps a Clever user to one normalized user under the role {@link pickCleverUserRole} picks:
 * student → `student`, teacher → `teacher`, district_admin → `administrator`, staff → `administrator`, or
 * `aide`/`proctor` when the staff member's title or roles say so.
 * - `orgSourcedIds`: the schools of every role held (primary school first); a district admin's district.
 * - `identifier`: student number, teacher number or staff id, else the SIS id.
 * - `userIds`: the role's `sis_id`, `state_id` and Clever `legacy_id` (the v2 role-specific id).
 * - The date of birth (`M/D/YYYY`) and every other field stay in `raw` only.
 * Returns `undefined` when the user holds no role the model needs.
 */
export function mapCleverUser(user: CleverUser, districtId: string): UserInput | undefined {
  const cleverRole = pickCleverUserRole(user);
  if (!cleverRole) return undefined;
  const { student, teacher, staff, district_admin: districtAdmin } = user.roles ?? {};
  const orgSourcedIds = uniqueNonEmpty([
    student?.school,
    ...(student?.schools ?? []),
    teacher?.school,
    ...(teacher?.schools ?? []),
    ...(staff?.schools ?? []),
    districtAdmin ? (user.district ?? districtId) : undefined,
  ]);
  const roleDetails = user.roles?.[cleverRole] as Record<string, unknown> | null | undefined;
  const text = (key: string): string | undefined => {
    const value = roleDetails?.[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const userIds = (['sis_id', 'state_id', 'legacy_id'] as const)
    .map((type) => ({ type, identifier: text(type) }))
    .filter((entry): entry is { type: 'sis_id' | 'state_id' | 'legacy_id'; identifier: string } =>
      Boolean(entry.identifier),
    );
  const identifier =
    (cleverRole === 'student' && student?.student_number) ||
    (cleverRole === 'teacher' && teacher?.teacher_number) ||
    (cleverRole === 'staff' && staff?.staff_id) ||
    text('sis_id');
  const username =
    student?.credentials?.district_username ||
    teacher?.credentials?.district_username ||
    staff?.credentials?.district_username ||
    undefined;
  return {
    sourcedId: user.id,
    status: 'active',
    dateLastModified: user.last_modified ?? undefined,
    enabledUser: true,
    role:
      cleverRole === 'staff'
        ? staffRole(staff)
        : cleverRole === 'district_admin'
          ? 'administrator'
          : cleverRole,
    orgSourcedIds,
    username,
    userIds,
    givenName: user.name?.first ?? '',
    familyName: user.name?.last ?? '',
    middleName: user.name?.middle ?? undefined,
    identifier: identifier || undefined,
    email: user.email ?? undefined,
    agentSourcedIds: [],
    grades: cleverRole === 'student' && student?.grade ? [student.grade] : [],
    raw: user,
  };
}
