type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The parsed config limited to the fields the admin gave: values keep their normalized form (trimmed,
 * trailing slashes dropped) but connector defaults are not stored, so a connector's later defaults apply.
 *
 * @example configAsGiven({ districtId: 'd', pageSize: 1000 }, { districtId: ' d ' }) // { districtId: 'd' }
 */
export function configAsGiven(parsed: unknown, given: unknown): JsonObject {
  if (!isObject(parsed) || !isObject(given)) return isObject(parsed) ? parsed : {};
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in given)) continue;
    kept[key] = isObject(value) && isObject(given[key]) ? configAsGiven(value, given[key]) : value;
  }
  return kept;
}
