/**
 * Reads an async iterable to the end into an array. For tests and small reads only: library code streams.
 *
 * @example const users = await collect(connector.users());
 */
export async function collect<Item>(iterable: AsyncIterable<Item>): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
