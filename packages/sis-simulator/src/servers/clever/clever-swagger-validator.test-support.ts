import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** Clever's published swagger files, kept in the shared reference folder. */
const referenceFolder = new URL('../../../../../../shared/reference/clever/', import.meta.url);

type Schema = Record<string, unknown>;

/**
 * Swagger 2 → JSON Schema: `x-nullable` becomes a `null` alternative, vendor keys and swagger-only
 * keywords are dropped, and (with `closeObjects`) record definitions reject properties Clever does not
 * define, so a misspelt or invented field fails validation.
 */
function toJsonSchema(node: unknown, closeObjects: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, closeObjects));
  if (node === null || typeof node !== 'object') return node;
  const source = node as Schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('x-') || key === 'discriminator') continue;
    result[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([name, schema]) => [
              name,
              toJsonSchema(schema, closeObjects),
            ]),
          )
        : toJsonSchema(value, closeObjects);
  }
  if (closeObjects && result.type === 'object' && result.properties && !('additionalProperties' in result)) {
    result.additionalProperties = false;
  }
  if (source['x-nullable'] === true) {
    if (Array.isArray(result.enum)) result.enum = [...(result.enum as unknown[]), null];
    if (typeof result.type === 'string') return { ...result, type: [result.type, 'null'] };
    if (typeof result.$ref === 'string') return { anyOf: [{ $ref: result.$ref }, { type: 'null' }] };
  }
  return result;
}

function loadDefinitions(file: string, closeObjects: (name: string) => boolean): Record<string, unknown> {
  const document = parse(readFileSync(new URL(file, referenceFolder), 'utf8')) as { definitions: Schema };
  return Object.fromEntries(
    Object.entries(document.definitions).map(([name, schema]) => [
      name,
      toJsonSchema(schema, closeObjects(name)),
    ]),
  );
}

/** Validators for Clever's own v3.0 definitions (`UsersResponse`, `SectionsResponse`, `users.updated`…). */
export function createCleverValidator(): (definition: string, value: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('datetime', /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  // Record definitions are closed; event wrappers (`*Object`, `Event`) stay open because the events file
  // composes them with allOf and Clever puts previous_attributes next to the object.
  const data = loadDefinitions('v3.0.yml', () => true);
  const events = loadDefinitions('v3.0-events.yml', (name) => !/Object$|^Event$|\./.test(name));
  const compiled = new Map<string, ValidateFunction>();
  return (definition, value) => {
    const definitions =
      definition in data && !definition.includes('.') && definition !== 'EventsResponse' ? data : events;
    if (!(definition in definitions)) throw new Error(`Clever defines no ${definition}`);
    const key = `${definitions === data ? 'data' : 'events'}:${definition}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: `#/definitions/${definition}`, definitions });
      compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  };
}
