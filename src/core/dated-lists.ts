import type { ListDocument } from './types.js';

/**
 * Whether some list of the document has two entries with a date: the least an order by date
 * can apply to. A list of software or links without dates has none, and "sorted by date"
 * would puzzle its maintainer.
 */
export function hasDatedList(doc: ListDocument): boolean {
  return doc.allLists.some((list) => list.items.filter((item) => item.entry?.date?.value).length >= 2);
}
