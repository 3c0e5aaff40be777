/** One `field op 'value'` predicate of a OneRoster `filter` parameter. */
export interface FilterPredicate {
  /** Field path, e.g. `dateLastModified` or `class.sourcedId`. */
  field: string;
  operator: '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';
  value: string;
}

/** A parsed filter: predicates joined by one logical operator. */
export interface OneRosterFilter {
  predicates: FilterPredicate[];
  join: 'AND' | 'OR';
}

/** Why a filter was rejected: `syntax` (malformed) or `field` (a field the type does not have). */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly reason: 'syntax' | 'field',
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

const predicatePattern = /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(>=|<=|!=|=|>|<|~)\s*'([^']*)'\s*$/;

/**
 * Parses `field op 'value'` predicates joined by ` AND ` or ` OR ` (not both), the filter grammar of the
 * OneRoster 1.1 REST binding. Throws a {@link FilterError} for anything else, or for a field outside
 * `fields` (the root of a dotted path is checked).
 */
export function parseOneRosterFilter(text: string, fields: readonly string[]): OneRosterFilter {
  const hasAnd = / AND /.test(text);
  const hasOr = / OR /.test(text);
  if (hasAnd && hasOr)
    throw new FilterError('a filter may join predicates with AND or with OR, not both', 'syntax');
  const join = hasOr ? 'OR' : 'AND';
  const predicates = text.split(join === 'OR' ? / OR / : / AND /).map((part) => {
    const match = predicatePattern.exec(part);
    if (!match) {
      throw new FilterError(
        `cannot read the filter predicate "${part.trim()}"; write field<op>'value'`,
        'syntax',
      );
    }
    const [, field, operator, value] = match;
    const root = field!.split('.')[0]!;
    if (!fields.includes(root)) {
      throw new FilterError(`${field} is not a field this collection can be filtered on`, 'field');
    }
    return { field: field!, operator: operator as FilterPredicate['operator'], value: value! };
  });
  return { predicates, join };
}

/** Values at a dotted path; arrays (GUIDRef lists, grades) fan out. */
function valuesAt(record: unknown, path: readonly string[]): unknown[] {
  if (record === undefined || record === null) return [];
  if (Array.isArray(record)) return record.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [record];
  if (typeof record !== 'object') return [];
  return valuesAt((record as Record<string, unknown>)[path[0]!], path.slice(1));
}

function compare(actual: string, expected: string, isTime: boolean): number {
  if (isTime) {
    const left = Date.parse(actual);
    const right = Date.parse(expected);
    if (!Number.isNaN(left) && !Number.isNaN(right)) return left - right;
  }
  return actual < expected ? -1 : actual > expected ? 1 : 0;
}

function holds(record: unknown, predicate: FilterPredicate): boolean {
  const isTime = predicate.field === 'dateLastModified';
  return valuesAt(record, predicate.field.split('.')).some((raw) => {
    const actual = String(raw);
    switch (predicate.operator) {
      case '=':
        return actual === predicate.value;
      case '!=':
        return actual !== predicate.value;
      case '~':
        return actual.toLowerCase().includes(predicate.value.toLowerCase());
      case '>':
        return compare(actual, predicate.value, isTime) > 0;
      case '>=':
        return compare(actual, predicate.value, isTime) >= 0;
      case '<':
        return compare(actual, predicate.value, isTime) < 0;
      default:
        return compare(actual, predicate.value, isTime) <= 0;
    }
  });
}

/** True when `record` (served OneRoster JSON) satisfies the filter. */
export function matchesOneRosterFilter(record: unknown, filter: OneRosterFilter): boolean {
  return filter.join === 'AND'
    ? filter.predicates.every((predicate) => holds(record, predicate))
    : filter.predicates.some((predicate) => holds(record, predicate));
}
