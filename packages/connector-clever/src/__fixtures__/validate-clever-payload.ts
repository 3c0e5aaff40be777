import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

type JsonValue = unknown;

/**
 * Swagger 2 marks nullable fields with `x-nullable: true`, which JSON Schema does not know: rewrite each
 * such schema so `null` also validates. `$ref`s become JSON Schema references into `definitions`.
 */
function toJsonSchema(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const schema: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key.startsWith('x-') || key === 'discriminator') continue;
    schema[key] = toJsonSchema(entry);
  }
  if ((value as Record<string, unknown>)['x-nullable'] === true) {
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
    return { anyOf: [schema, { type: 'null' }] };
  }
  return schema;
}

function loadDefinitions(file: string): Record<string, unknown> {
  const document = parse(readFileSync(new URL(`./clever-definitions/${file}`, import.meta.url), 'utf8')) as {
    definitions: Record<string, unknown>;
  };
  return toJsonSchema(document.definitions) as Record<string, unknown>;
}

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: 'data-api', definitions: loadDefinitions('v3.0.yml') });
ajv.addSchema({ $id: 'events-api', definitions: loadDefinitions('v3.0-events.yml') });

/**
 * Checks a payload against a definition of Clever's own v3.0 swagger files (e.g. `User`, `Section`,
 * `sections.updated`), and throws with ajv's messages when it does not conform. The definitions declare no
 * required fields and allow extra ones, so this checks the type, enum and pattern of every field present.
 */
export function assertValidCleverPayload(
  definition: string,
  payload: unknown,
  api: 'data-api' | 'events-api' = 'data-api',
): void {
  const validate = ajv.getSchema(`${api}#/definitions/${definition}`);
  if (!validate) throw new Error(`Clever's ${api} has no definition ${definition}`);
  if (!validate(payload)) {
    throw new Error(`Payload is not a valid Clever ${definition}: ${ajv.errorsText(validate.errors)}`);
  }
}
