/** A parameterised statement for `pg`. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Turns `@name` placeholders into `$1, $2, …` so the store's longer statements stay readable. Each name is
 * bound once however often it appears; `@>` and other operators are left alone.
 *
 * @example
 * namedSql('SELECT * FROM roster_orgs WHERE tenant_id = @tenant', { tenant: 't1' })
 * // → { text: 'SELECT * FROM roster_orgs WHERE tenant_id = $1', values: ['t1'] }
 */
export function namedSql(text: string, parameters: Record<string, unknown>): Statement {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  const converted = text.replace(/@([A-Za-z][A-Za-z0-9]*)/g, (_match, name: string) => {
    if (!(name in parameters)) throw new Error(`SQL parameter @${name} has no value`);
    let position = positions.get(name);
    if (position === undefined) {
      values.push(parameters[name]);
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return { text: converted, values };
}
