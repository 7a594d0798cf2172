/**
 * Which way a document keeps its lists: oldest first or newest first.
 *
 * `sort.order: auto` (the default) reads it from the document itself, so a
 * list kept newest-first is never "sorted" upside down by `sort --write`,
 * `/sort` or an upkeep pull request, and `sort-order` does not call a whole
 * list out of order because it runs the other way. One direction is chosen per
 * document (maintainers keep one), from the pairs of neighbouring dated items of
 * every list: newest-first only when such pairs clearly outnumber the others,
 * so a short or mixed document stays oldest-first, as before.
 */
import type { SortConfig } from '../config/config-types.js';
import type { ListDocument } from '../types.js';

export type SortOrder = 'asc' | 'desc';

/** Descending pairs must be at least this share of the ordered pairs… */
const DESC_SHARE = 2 / 3;
/** …and at least this many, so that one or two reversed items decide nothing. */
const MIN_DESC_PAIRS = 3;

/** The document's direction, counted over neighbouring dated items of each list. */
export function inferSortOrder(doc: ListDocument): SortOrder {
  let ascending = 0;
  let descending = 0;
  for (const list of doc.allLists) {
    let previous: string | null = null;
    for (const item of list.items) {
      const date = item.entry?.date?.value ?? null;
      if (date === null) continue;
      if (previous !== null && date !== previous) {
        if (date > previous) ascending++;
        else descending++;
      }
      previous = date;
    }
  }
  const ordered = ascending + descending;
  return descending >= MIN_DESC_PAIRS && descending >= ordered * DESC_SHARE ? 'desc' : 'asc';
}

/** `sort` with `auto` replaced by the document's own direction. */
export function resolveSortOrder(doc: ListDocument, sort: SortConfig): SortConfig & { order: SortOrder } {
  return sort.order === 'auto' ? { ...sort, order: inferSortOrder(doc) } : { ...sort, order: sort.order };
}
