import fc from 'fast-check';

/** One seeded change to a JSON payload, described for the failure message. */
export interface JsonMutation {
  description: string;
  apply(value: unknown): unknown;
}

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function parentOf(
  root: unknown,
  path: Path,
): { parent: Record<string | number, unknown>; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  return { parent, key: path.at(-1)! };
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    null,
    '',
    '   ',
    'null',
    'undefined',
    '2024-13-45',
    '0000-00-00T25:61:00Z',
    -1,
    0,
    1e308,
    true,
    false,
    [],
    {},
  ),
  fc.constantFrom(
    '\u0000',
    '\uFFFD\uD800',
    '<script>alert(1)</script>',
    "'; DROP TABLE users; --",
    'x'.repeat(20_000),
  ),
  fc.constantFrom({ sourcedId: 42 }, [{ sourcedId: null }], ['a', 1, null], {
    __proto__: { polluted: true },
  }),
);

/**
 * Seeded mutations of a vendor JSON record: a field (at any depth) deleted, replaced with a hostile value
 * (wrong types, bad dates, huge strings, prototype keys), or a new field added; or the record replaced.
 */
export function jsonMutation(): fc.Arbitrary<JsonMutation> {
  return fc.oneof(
    fc
      .tuple(fc.nat(), fc.constantFrom('delete', 'replace'), hostileValue)
      .map(([pick, operation, replacement]) => ({
        description: `${operation} path #${pick} with ${JSON.stringify(replacement)?.slice(0, 60)}`,
        apply: (value: unknown) => {
          const copy = structuredClone(value);
          const paths = pathsOf(copy).filter((path) => path.length > 0);
          const path = paths[pick % paths.length];
          const target = path ? parentOf(copy, path) : undefined;
          if (!target) return copy;
          if (operation === 'delete') {
            if (Array.isArray(target.parent)) target.parent.splice(Number(target.key), 1);
            else delete target.parent[target.key];
          } else target.parent[target.key] = replacement;
          return copy;
        },
      })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(([key, added]) => ({
      description: `add field ${JSON.stringify(key)} = ${JSON.stringify(added)?.slice(0, 60)}`,
      apply: (value: unknown) => {
        const copy = structuredClone(value) as Record<string, unknown>;
        if (copy !== null && typeof copy === 'object') copy[key] = added;
        return copy;
      },
    })),
    hostileValue.map((replacement) => ({
      description: `replace the record with ${JSON.stringify(replacement)?.slice(0, 60)}`,
      apply: () => replacement,
    })),
  );
}
