/** Records with a sourcedId, kept in ascending sourcedId order (byte order, as Clever pages). */
export interface SortedRecords<Record> {
  readonly items: readonly Record[];
  readonly byId: ReadonlyMap<string, Record>;
}

/** Byte-order comparison of two ids, the order both Clever and our OneRoster server page in. */
export function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Collects `records` sorted by the id `idOf` gives; a later duplicate replaces an earlier one. */
export function sortRecords<Record>(
  records: Iterable<Record>,
  idOf: (record: Record) => string,
): SortedRecords<Record> {
  const byId = new Map<string, Record>();
  for (const record of records) byId.set(idOf(record), record);
  const items = [...byId.values()].sort((left, right) => compareIds(idOf(left), idOf(right)));
  return { items, byId };
}

/** Index of the first item whose id is greater than `id` (or `>=` with `inclusive`). */
export function firstIndexAfter<Record>(
  items: readonly Record[],
  idOf: (record: Record) => string,
  id: string,
  inclusive = false,
): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const comparison = compareIds(idOf(items[middle]!), id);
    if (comparison < 0 || (!inclusive && comparison === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}
