/**
 * Sorting lists by date, as a permutation of the items' bytes.
 *
 * Each list is a row of *slots*, one per item; the text between two items
 * (line ending and blank lines) belongs to the gap, not to either item. An
 * item's bytes run from the start of its marker line to the end of its last
 * line, so it moves with its continuation lines and nested lists. Nothing is
 * re-serialized: sorting only chooses which item's bytes fill which slot.
 */
import type { SortConfig } from './config-types.js';
import { applyEdits } from './edits.js';
import type { Item, ListBlock, ListDocument, TextEdit } from './types.js';

export interface UnsortedList {
  list: ListBlock;
  /** The first item out of place: it belongs before `before`, which now comes earlier. */
  item: Item;
  /** 1-based line of `item`. */
  line: number;
  before: Item;
}

export interface SortResult {
  /** The sorted text, in `doc.text` space (no BOM; see `withBom`). */
  text: string;
  /** One edit per slot whose content changed, offsets in `doc.text`. */
  edits: TextEdit[];
  unsorted: UnsortedList[];
}

/** The date an item sorts by: the real calendar date of its own entry line, however it was written. */
export function itemDate(item: Item): string | null {
  return item.entry?.date?.value ?? null;
}

/**
 * The items of `list` in sorted slot order, or null when the list is not
 * sorted (fewer than two dated items, or a layout where moving items could
 * change the document's structure).
 */
export function planList(text: string, list: ListBlock, sort: SortConfig): Item[] | null {
  const items = list.items;
  const dated = items.filter((item) => itemDate(item) !== null);
  if (dated.length < 2 || !canRearrange(text, list)) return null;
  const sign = sort.order === 'desc' ? -1 : 1;
  // Array.prototype.sort is stable, so equal dates keep their original order.
  const sortedDated = [...dated].sort((a, b) => sign * compare(itemDate(a) as string, itemDate(b) as string));
  const undated = items.filter((item) => itemDate(item) === null);
  if (sort.undated === 'top') return [...undated, ...sortedDated];
  if (sort.undated === 'bottom') return [...sortedDated, ...undated];
  // Undated items keep their slots; dated items fill the others in order.
  let next = 0;
  return items.map((item) => (itemDate(item) === null ? item : sortedDated[next++]));
}

interface DocumentPlan {
  /** The new slot order of each list that is out of order. */
  plans: Map<ListBlock, Item[]>;
  unsorted: UnsortedList[];
}

function planDocument(doc: ListDocument, sort: SortConfig): DocumentPlan {
  const plans = new Map<ListBlock, Item[]>();
  const unsorted: UnsortedList[] = [];
  for (const list of doc.allLists) {
    const order = planList(doc.text, list, sort);
    if (!order) continue;
    const slot = order.findIndex((item, i) => item !== list.items[i]);
    if (slot === -1) continue;
    plans.set(list, order);
    unsorted.push({ list, item: order[slot], line: order[slot].line, before: list.items[slot] });
  }
  return { plans, unsorted };
}

/** The lists out of order, each with its first item out of place (document order). */
export function findUnsorted(doc: ListDocument, sort: SortConfig): UnsortedList[] {
  return planDocument(doc, sort).unsorted;
}

/** Sort every list of the document, each nested list on its own. */
export function sortDocument(doc: ListDocument, sort: SortConfig): SortResult {
  const { plans, unsorted } = planDocument(doc, sort);
  if (plans.size === 0) return { text: doc.text, edits: [], unsorted };
  const { text } = doc;
  const renderList = (list: ListBlock): string => {
    const order = plans.get(list) ?? list.items;
    const parts: string[] = [];
    list.items.forEach((slotItem, i) => {
      if (i > 0) parts.push(text.slice(list.items[i - 1].span.end, slotItem.span.start));
      parts.push(renderItem(order[i]));
    });
    return parts.join('');
  };
  const renderItem = (item: Item): string => {
    const parts: string[] = [];
    let cursor = item.span.start;
    for (const child of item.children) {
      const { start, end } = listSpan(child);
      parts.push(text.slice(cursor, start), renderList(child));
      cursor = end;
    }
    parts.push(text.slice(cursor, item.span.end));
    return parts.join('');
  };
  const edits: TextEdit[] = [];
  for (const list of doc.lists) {
    const order = plans.get(list) ?? list.items;
    list.items.forEach((slotItem, i) => {
      const rendered = renderItem(order[i]);
      if (rendered !== text.slice(slotItem.span.start, slotItem.span.end)) {
        edits.push({ start: slotItem.span.start, end: slotItem.span.end, text: rendered });
      }
    });
  }
  return { text: applyEdits(text, edits).text, edits, unsorted };
}

/** Re-add the byte order mark the file had, for writing back. */
export function withBom(doc: Pick<ListDocument, 'bom'>, text: string): string {
  return doc.bom ? `\uFEFF${text}` : text;
}

/** A short human name for a list: the items it is nested under (two at most), or its section. */
export function describeList(list: ListBlock): string {
  if (list.parent) {
    const names: string[] = [];
    for (let item: Item | null = list.parent; item && names.length < 2; item = item.list.parent) names.unshift(itemName(item));
    return `the list under '${names.join(' › ')}' (line ${list.parent.line})`;
  }
  const line = list.items[0]?.line ?? 0;
  if (list.section) return `the list in section '${list.section.title}' (line ${line})`;
  return `the list at line ${line}`;
}

/** A short human name for an item: its title (or first line) and date. */
export function describeItem(item: Item): string {
  const date = item.entry?.date ? ` (${item.entry.date.raw})` : '';
  return `'${itemName(item)}'${date}`;
}

function itemName(item: Item): string {
  const entry = item.entry;
  const raw = entry?.link?.title || entry?.line.text || '';
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

function listSpan(list: ListBlock): { start: number; end: number } {
  return { start: list.items[0].span.start, end: list.items[list.items.length - 1].span.end };
}

/**
 * Moving items is safe when each item's marker line holds only its own marker
 * (indentation or blockquote `>` before it, not a parent's marker as in
 * `- - a`) and only blank lines separate the items. Ordered lists are left
 * alone: their numbers would not follow the items, and a list that no longer
 * starts at 1 cannot interrupt a paragraph, so the document would change shape.
 */
function canRearrange(text: string, list: ListBlock): boolean {
  const { items } = list;
  if (items.length > 0 && /[0-9]/.test(text[items[0].markerOffset] ?? '')) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!/^[ \t>]*$/.test(text.slice(item.span.start, item.markerOffset))) return false;
    if (i > 0) {
      const prev = items[i - 1];
      if (prev.span.end > item.span.start) return false;
      if (!/^[\s>]*$/.test(text.slice(prev.span.end, item.span.start))) return false;
    }
  }
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
