import { type ProviderTypeName, secretConfigPaths } from '../providers/provider-config-schemas.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPath(object: JsonObject, path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function writePath(object: JsonObject, path: string[], value: unknown): void {
  let current = object;
  for (const key of path.slice(0, -1)) {
    if (!isObject(current[key])) return;
    current = current[key] as JsonObject;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete current[last];
  else current[last] = value;
}

/** True for a value that means "keep the stored secret": absent, blank, null or a `{ set: … }` marker. */
function keepsStoredSecret(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (isObject(value) && 'set' in value)
  );
}

/**
 * Returns a copy of a provider config safe to show: each secret field replaced by `{ set: true|false }`.
 *
 * @example maskSecrets('CLEVER', { clientId: 'a', clientSecret: 'b' }) // { clientId: 'a', clientSecret: { set: true }, accessToken: { set: false } }
 */
export function maskSecrets(providerType: ProviderTypeName, config: unknown): JsonObject {
  const copy = structuredClone(isObject(config) ? config : {});
  for (const dotted of secretConfigPaths[providerType]) {
    const path = dotted.split('.');
    if (path.length > 1 && !isObject(readPath(copy, path.slice(0, -1)))) continue;
    const value = readPath(copy, path);
    writePath(copy, path, { set: typeof value === 'string' && value.length > 0 });
  }
  return copy;
}

/**
 * Applies a config sent by a client over the stored one: non-secret fields come from the new config,
 * secret fields left blank, absent or sent back as markers keep their stored values.
 */
export function mergeSecrets(
  providerType: ProviderTypeName,
  stored: unknown,
  incoming: JsonObject,
): JsonObject {
  const merged = structuredClone(incoming);
  const previous = isObject(stored) ? stored : {};
  for (const dotted of secretConfigPaths[providerType]) {
    const path = dotted.split('.');
    if (!keepsStoredSecret(readPath(merged, path))) continue;
    const parentPath = path.slice(0, -1);
    if (parentPath.length > 0 && !isObject(readPath(merged, parentPath))) continue;
    writePath(merged, path, readPath(previous, path));
  }
  return merged;
}

/** Removes `{ set }` markers and blank secrets, e.g. from a create request that echoed a form. */
export function withoutSecretMarkers(providerType: ProviderTypeName, config: JsonObject): JsonObject {
  return mergeSecrets(providerType, {}, config);
}
