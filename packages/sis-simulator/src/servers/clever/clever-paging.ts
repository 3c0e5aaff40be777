import { firstIndexAfter } from '../sorted-records.js';

/** Clever's page size bounds. */
export const cleverDefaultLimit = 100;
export const cleverMaximumLimit = 10_000;

export interface CleverPage<Item> {
  items: Item[];
  links: Array<{ rel: 'self' | 'next' | 'prev'; uri: string }>;
}

/**
 * One page of a list sorted by ascending id, Clever style: `starting_after` pages forward,
 * `ending_before` (or `ending_before=last`) backward; links are relative URIs that keep the other query
 * parameters. `next` is present only when records follow the page, `prev` only when records precede it.
 */
export function cleverPage<Item extends { id: string }>(
  items: readonly Item[],
  {
    path,
    query,
    limit,
  }: {
    path: string;
    query: URLSearchParams;
    limit: number;
  },
): CleverPage<Item> {
  const startingAfter = query.get('starting_after');
  const endingBefore = query.get('ending_before');
  const idOf = (item: Item) => item.id;
  let start: number;
  let end: number;
  if (endingBefore !== null) {
    end = endingBefore === 'last' ? items.length : firstIndexAfter(items, idOf, endingBefore, true);
    start = Math.max(0, end - limit);
  } else {
    start = startingAfter === null ? 0 : firstIndexAfter(items, idOf, startingAfter);
    end = Math.min(items.length, start + limit);
  }
  const page = items.slice(start, end);
  const linkTo = (cursor: Record<string, string>) => {
    const parameters = new URLSearchParams(query);
    parameters.delete('starting_after');
    parameters.delete('ending_before');
    parameters.set('limit', String(limit));
    for (const [name, value] of Object.entries(cursor)) parameters.set(name, value);
    return `${path}?${parameters.toString()}`;
  };
  const selfQuery = query.toString();
  const links: CleverPage<Item>['links'] = [{ rel: 'self', uri: selfQuery ? `${path}?${selfQuery}` : path }];
  if (end < items.length && page.length > 0) {
    links.push({ rel: 'next', uri: linkTo({ starting_after: page[page.length - 1]!.id }) });
  }
  if (start > 0 && page.length > 0) links.push({ rel: 'prev', uri: linkTo({ ending_before: page[0]!.id }) });
  return { items: page, links };
}
