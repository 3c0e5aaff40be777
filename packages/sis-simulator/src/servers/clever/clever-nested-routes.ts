import type { CleverDataset } from './clever-dataset.js';
import type { CleverRecord } from './map-clever-records.js';

/** What a nested Clever path serves: a list (paged like the top-level ones) or one related record. */
export type CleverNestedResult =
  | { kind: 'list'; items: readonly CleverRecord[] }
  | { kind: 'single'; record: CleverRecord | undefined }
  | { kind: 'bad-request'; message: string };

const byId = (left: CleverRecord, right: CleverRecord) =>
  left.id < right.id ? -1 : left.id > right.id ? 1 : 0;

type RoleEntry = { schools?: string[]; school?: string } | undefined;

/** The schools a Clever user belongs to, over all of its roles. */
function schoolsOfUser(user: CleverRecord): Set<string> {
  const schools = new Set<string>();
  for (const role of Object.values(user.roles as Record<string, RoleEntry>)) {
    for (const school of role?.schools ?? []) schools.add(school);
    if (role?.school) schools.add(role.school);
  }
  return schools;
}

function lookUp(
  dataset: CleverDataset,
  ids: Iterable<string>,
  collection: 'users' | 'schools' | 'courses' | 'terms',
) {
  const records: CleverRecord[] = [];
  for (const id of new Set(ids)) {
    const record = dataset.collections[collection].byId.get(id);
    if (record) records.push(record);
  }
  return records.sort(byId);
}

function withRole(
  users: CleverRecord[],
  role: string | null,
  allowed: readonly string[],
): CleverNestedResult {
  if (role === null) return { kind: 'list', items: users };
  if (!allowed.includes(role))
    return { kind: 'bad-request', message: `role must be one of ${allowed.join(', ')}` };
  return {
    kind: 'list',
    items: users.filter((user) => (user.roles as Record<string, unknown>)[role] !== undefined),
  };
}

/**
 * The nested read paths of Clever v3.0 (`/sections/{id}/users?role=student`, `/schools/{id}/sections`,
 * `/users/{id}/sections`, `/terms/{id}/sections`, `/courses/{id}/sections`, and the to-one links such as
 * `/sections/{id}/term`). Returns undefined for a path Clever does not have.
 */
export function resolveCleverNested(
  dataset: CleverDataset,
  collection: string,
  record: CleverRecord,
  child: string,
  query: URLSearchParams,
): CleverNestedResult | undefined {
  const { sections, districts, schools, courses, terms } = dataset.collections;
  const sectionsWhere = (keep: (section: CleverRecord) => boolean) => sections.items.filter(keep);
  if (child === 'district') return { kind: 'single', record: districts.items[0] };
  switch (`${collection}/${child}`) {
    case 'sections/users': {
      const ids = [...(record.students as string[]), ...(record.teachers as string[])];
      return withRole(lookUp(dataset, ids, 'users'), query.get('role'), ['student', 'teacher']);
    }
    case 'sections/course':
      return { kind: 'single', record: courses.byId.get(record.course as string) };
    case 'sections/school':
      return { kind: 'single', record: schools.byId.get(record.school as string) };
    case 'sections/term':
      return { kind: 'single', record: terms.byId.get(record.term_id as string) };
    case 'schools/sections':
      return { kind: 'list', items: sectionsWhere((section) => section.school === record.id) };
    case 'schools/users': {
      const users = dataset.collections.users.items.filter((user) => schoolsOfUser(user).has(record.id));
      return withRole(users, query.get('role'), ['student', 'teacher', 'staff']);
    }
    case 'schools/courses':
    case 'schools/terms': {
      const inSchool = sectionsWhere((section) => section.school === record.id);
      return child === 'courses'
        ? {
            kind: 'list',
            items: lookUp(
              dataset,
              inSchool.map((section) => section.course as string),
              'courses',
            ),
          }
        : {
            kind: 'list',
            items: lookUp(
              dataset,
              inSchool.map((section) => section.term_id as string),
              'terms',
            ),
          };
    }
    case 'users/sections':
      return {
        kind: 'list',
        items: sectionsWhere(
          (section) =>
            (section.students as string[]).includes(record.id) ||
            (section.teachers as string[]).includes(record.id),
        ),
      };
    case 'users/schools':
      return { kind: 'list', items: lookUp(dataset, schoolsOfUser(record), 'schools') };
    case 'terms/sections':
      return { kind: 'list', items: sectionsWhere((section) => section.term_id === record.id) };
    case 'courses/sections':
      return { kind: 'list', items: sectionsWhere((section) => section.course === record.id) };
    case 'terms/schools':
    case 'courses/schools': {
      const key = collection === 'terms' ? 'term_id' : 'course';
      const related = sectionsWhere((section) => section[key] === record.id);
      return {
        kind: 'list',
        items: lookUp(
          dataset,
          related.map((section) => section.school as string),
          'schools',
        ),
      };
    }
    default:
      return undefined;
  }
}
