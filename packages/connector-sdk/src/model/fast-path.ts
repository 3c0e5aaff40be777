import type { z } from 'zod';

/** What a fast field parser returns when it cannot decide: the field's zod schema must run instead. */
export const notFast: unique symbol = Symbol('notFast');

/**
 * Reads one field from a CSV-style string exactly as the field's zod schema would, or gives up with
 * {@link notFast}. It must never accept a value the schema rejects, nor produce a different output.
 */
export type FastFieldParser = (value: string) => unknown;

const fastFieldParsers = new WeakMap<z.ZodType, FastFieldParser>();

/**
 * Attaches a hand-written parser for string input to `schema` and returns the schema unchanged. Zod stays
 * the definition: the fast parser only saves the work of running it on the common, valid values, and
 * every value it is unsure of goes to zod. Tests compare the two on generated input.
 */
export function withFastPath<Schema extends z.ZodType>(schema: Schema, parse: FastFieldParser): Schema {
  fastFieldParsers.set(schema, parse);
  return schema;
}

/** The fast parser attached to `schema`, or one that runs the schema (for fields without one). */
export function fastFieldParserOf(schema: z.ZodType): FastFieldParser {
  const attached = fastFieldParsers.get(schema);
  if (attached) return attached;
  return (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : notFast;
  };
}

/**
 * Parses an object of string fields (one CSV row) as `z.object(shape)` would, field by field, or returns
 * `undefined` when any field is missing, not a string, or not accepted by its fast parser; the caller
 * then runs the object schema, whose result (and issues) are the reference.
 *
 * Output keys follow the shape's order, and every key is present because every key was in the input:
 * zod keeps a present key even when its value parses to `undefined`. `raw` is taken as given (the caller
 * passes a fresh plain object of strings, which `z.record(z.string(), z.unknown())` would copy as is).
 */
export function createFastObjectParser(
  shape: Record<string, z.ZodType>,
): (input: Record<string, unknown>, raw: Record<string, string>) => Record<string, unknown> | undefined {
  const fields = Object.entries(shape).map(([key, schema]) => ({ key, parse: fastFieldParserOf(schema) }));
  return (input, raw) => {
    const record: Record<string, unknown> = {};
    for (const { key, parse } of fields) {
      if (key === 'raw') {
        record.raw = raw;
        continue;
      }
      const value = input[key];
      if (typeof value !== 'string') return undefined;
      const parsed = parse(value);
      if (parsed === notFast) return undefined;
      record[key] = parsed;
    }
    return record;
  };
}
