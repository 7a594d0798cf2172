/**
 * Sorting lists by date, as a permutation of the items' bytes.
 *
 * Each list is a row of *slots*, one per item; the text between two items
 * (line ending and blank lines) belongs to the gap, not to either item. An
 * item's bytes run from the start of its marker line to the end of its last
 * line, so it moves with its continuation lines and nested lists. Nothing is
 * re-serialized: sorting only chooses which item's bytes fill which slot.
 */
import type { SortConfig } from '../config/config-types.js';
import { resolveSortOrder } from './sort-direction.js';
import { applyEdits } from '../edits.js';
import { lineEndOf } from '../parse.js';
import { renderTopList, touchedTops, verifyPlans } from './sort-verify.js';
import type { Item, ListBlock, ListDocument, TextEdit } from '../types.js';

export interface UnsortedList {
  list: ListBlock;
  /** The first item out of place: it belongs before `before`, which now comes earlier. */
  item: Item;
  /** 1-based line of `item`. */
  line: number;
  before: Item;
}

/** A list out of order whose items cannot be moved without changing the document's structure. */
export interface UnmovableList extends UnsortedList {
  /** Why, for the message: what a person would change to let `sort` do it. */
  reason: string;
}

export interface SortResult {
  /** The sorted text, in `doc.text` space (no BOM; see `withBom`). */
  text: string;
  /** One edit per slot whose content changed, offsets in `doc.text`. */
  edits: TextEdit[];
  unsorted: UnsortedList[];
  /** Lists out of order that were left as they are (see `UnmovableList`); not in `unsorted`. */
  unmovable: UnmovableList[];
}

/** The date an item sorts by: the real calendar date of its own entry line, however it was written. */
export function itemDate(item: Item): string | null {
  return item.entry?.date?.value ?? null;
}

/**
 * The items of `list` in sorted slot order, or null when the list is not
 * sorted (fewer than two dated items, or a layout where moving items could
 * change the document's structure). This is the layout check alone: `sortDocument`
 * also parses the result again (see sort-verify.ts) and may still leave the list.
 */
export function planList(text: string, list: ListBlock, sort: SortConfig): Item[] | null {
  const plan = planOf(text, list, sort);
  return plan.kind === 'order' ? plan.order : null;
}

type Plan = { kind: 'order'; order: Item[] } | { kind: 'unmovable'; order: Item[]; reason: string } | { kind: 'none' };

function planOf(text: string, list: ListBlock, sort: SortConfig): Plan {
  const items = list.items;
  const dated = items.filter((item) => itemDate(item) !== null);
  if (dated.length < 2 || isOrdered(text, list)) return { kind: 'none' };
  const order = sortedOrder(items, dated, sort);
  const lastMoves = order[order.length - 1] !== items[items.length - 1];
  const obstacle = layoutObstacle(text, list) ?? (lastMoves ? (lazyLineAfter(text, list) ?? indentedLineAfter(text, list, order[order.length - 1])) : null);
  return obstacle ? { kind: 'unmovable', order, reason: obstacle } : { kind: 'order', order };
}

function sortedOrder(items: Item[], dated: Item[], sort: SortConfig): Item[] {
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
  /** The new slot order of each list that is out of order and passed `verifyPlans`. */
  plans: ReadonlyMap<ListBlock, readonly Item[]>;
  unsorted: UnsortedList[];
  unmovable: UnmovableList[];
  /** Slots of top-level lists already rendered (and checked) with `plans`. */
  rendered: ReadonlyMap<ListBlock, string[]>;
}

/** `forWrite`: keep the sorted slots the check rendered, for `sortDocument` to write without rendering again. */
function planDocument(doc: ListDocument, config: SortConfig, forWrite = false): DocumentPlan {
  // `auto`: the direction this document already keeps (sort-direction.ts).
  const sort = resolveSortOrder(doc, config);
  const planned = new Map<ListBlock, Item[]>();
  const found = new Map<ListBlock, UnsortedList>();
  const unmovable: UnmovableList[] = [];
  for (const list of doc.allLists) {
    const plan = planOf(doc.text, list, sort);
    if (plan.kind === 'none') continue;
    const slot = plan.order.findIndex((item, i) => item !== list.items[i]);
    if (slot === -1) continue;
    const first = { list, item: plan.order[slot], line: plan.order[slot].line, before: list.items[slot] };
    if (plan.kind === 'unmovable') {
      unmovable.push({ ...first, reason: plan.reason });
      continue;
    }
    planned.set(list, plan.order);
    found.set(list, first);
  }
  // The checks above are about layout; the parser has the last word (see sort-verify.ts).
  const { kept, refused, rendered } = verifyPlans(doc, planned, forWrite);
  for (const { list, reason } of refused) unmovable.push({ ...(found.get(list) as UnsortedList), reason });
  unmovable.sort((a, b) => a.list.items[0].markerOffset - b.list.items[0].markerOffset);
  const unsorted = [...found.values()].filter((u) => kept.has(u.list));
  return { plans: kept, unsorted, unmovable, rendered };
}

/** The lists out of order, each with its first item out of place (document order). */
export function findUnsorted(doc: ListDocument, sort: SortConfig): UnsortedList[] {
  return planDocument(doc, sort).unsorted;
}

/** The lists out of order that `sortDocument` leaves as they are, and why (document order). */
export function findUnmovable(doc: ListDocument, sort: SortConfig): UnmovableList[] {
  return planDocument(doc, sort).unmovable;
}

/** Both kinds of list out of order, from one look at the document. */
export function findOutOfOrder(doc: ListDocument, sort: SortConfig): { unsorted: UnsortedList[]; unmovable: UnmovableList[] } {
  const { unsorted, unmovable } = planDocument(doc, sort);
  return { unsorted, unmovable };
}

/** Sort every list of the document, each nested list on its own; only plans that pass `verifyPlans` are applied. */
export function sortDocument(doc: ListDocument, sort: SortConfig): SortResult {
  const { plans, unsorted, unmovable, rendered } = planDocument(doc, sort, true);
  if (plans.size === 0) return { text: doc.text, edits: [], unsorted, unmovable };
  const { text } = doc;
  const edits: TextEdit[] = [];
  // Lists with nothing to move are not rendered at all: their bytes stay as they are.
  const touched = touchedTops(plans);
  for (const list of doc.lists.filter((top) => touched.has(top))) {
    const slots = rendered.get(list) ?? renderTopList(text, list, plans).slots;
    list.items.forEach((slotItem, i) => {
      if (slots[i] !== text.slice(slotItem.span.start, slotItem.span.end)) {
        edits.push({ start: slotItem.span.start, end: slotItem.span.end, text: slots[i] });
      }
    });
  }
  return { text: applyEdits(text, edits).text, edits, unsorted, unmovable };
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

/**
 * Ordered lists are left alone: their numbers would not follow the items, and
 * a list that no longer starts at 1 cannot interrupt a paragraph, so the
 * document would change shape. They are numbered on purpose, so not reported.
 */
function isOrdered(text: string, list: ListBlock): boolean {
  const first = list.items[0];
  return first !== undefined && /[0-9]/.test(text[first.markerOffset] ?? '');
}

/**
 * Moving items is safe when each item's marker line holds only its own marker
 * (indentation or blockquote `>` before it, not a parent's marker as in
 * `- - a`) and only blank lines (quoted or not) separate the items. Otherwise,
 * why not.
 */
function layoutObstacle(text: string, list: ListBlock): string | null {
  const { items } = list;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!/^[ \t>]*$/.test(text.slice(item.span.start, item.markerOffset))) {
      return `line ${item.line} starts with another list's marker; put each item on a line of its own`;
    }
    if (i > 0) {
      const prev = items[i - 1];
      if (prev.span.end > item.span.start || !/^[\s>]*$/.test(text.slice(prev.span.end, item.span.start))) {
        return `something other than blank lines comes before line ${item.line}`;
      }
    }
    const fence = fenceObstacle(text.slice(item.span.start, item.span.end), item.line);
    if (fence !== null) return fence;
  }
  return null;
}

/** Quote and list markers and indentation before a line's content. */
const FENCE_PREFIX = /^(?:[ \t>]*(?:[-*+]|\d{1,9}[.)])?)*[ \t>]*/;

/**
 * Why an item holding a code fence is never moved, or null. Counted loosely
 * (quote and list markers and indentation before a fence are skipped): this
 * may refuse a list that could move, never the other way round.
 * - A fence-like line indented with a tab: a tab's width depends on the column
 *   it starts at, so the line may be a fence or an indented code block holding
 *   backticks, and the fence pairing below may be wrong (found by the fuzzer,
 *   seed 22).
 * - A fence the item leaves open: the item then reads differently depending on
 *   what comes after it (blank lines, the next item, a heading), which the
 *   fuzzer showed in forms the re-parse check cannot always tell apart.
 */
function fenceObstacle(itemText: string, line: number): string | null {
  // Nearly every item holds no fence at all: only three backticks or tildes can open one.
  if (!itemText.includes('```') && !itemText.includes('~~~')) return null;
  let open: string | null = null;
  for (const textLine of itemText.split('\n')) {
    const prefix = FENCE_PREFIX.exec(textLine)?.[0] ?? '';
    const content = textLine.slice(prefix.length);
    const marker = /^(`{3,}|~{3,})/.exec(content);
    if (!marker) continue;
    if (prefix.includes('\t')) {
      return `the item at line ${line} holds a code fence (${marker[1]}) indented with a tab, so whether it opens a fence or is code depends on tab stops; indent it with spaces`;
    }
    if (open === null) open = marker[1];
    else if (marker[1][0] === open[0] && marker[1].length >= open.length && content.slice(marker[1].length).trim() === '') open = null;
  }
  return open === null ? null : `the item at line ${line} holds a code fence (${open}) that is never closed, so how it reads depends on what follows it; close the fence`;
}

/**
 * The last slot is followed by the line after the list. When that line is
 * paragraph text, it continues the list's last item if that item ends in a
 * paragraph (a lazy continuation line, `> - a` followed by `b`), and not if it
 * ends in a code block; so an item moved there could swallow a line that was
 * not its own. A blank line, or a list item, heading, thematic break, code
 * fence or HTML comment that starts no further right than the list's own
 * markers (so it starts a block, whatever the item ends with), cannot be
 * swallowed; anything else keeps the list unsorted unless its last item stays last.
 */
function lazyLineAfter(text: string, list: ListBlock): string | null {
  const last = list.items[list.items.length - 1];
  const eol = text.indexOf('\n', last.span.end);
  if (eol === -1) return null;
  const line = text.slice(eol + 1, lineEndOf(text, eol + 1));
  const prefix = /^[ \t>]*/.exec(line)?.[0] ?? '';
  const rest = line.slice(prefix.length);
  if (rest === '') return null;
  const startsBlock = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\S/.test(rest) || /^#{1,6}(?:[ \t]|$)/.test(rest) || interruptsParagraph(rest);
  if (startsBlock && prefix.length <= last.markerOffset - last.span.start) return null;
  return `line ${lineAfter(text, last)} right after it would join whichever item came last; put a blank line after the list`;
}

/**
 * A thematic break, a code fence or an HTML comment: a line that starts its
 * own block even right after paragraph text, and is never a lazy continuation
 * (`---` under a list item is a break, not a heading underline).
 */
function interruptsParagraph(rest: string): boolean {
  return /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(rest) || /^(?:`{3,}[^`]*|~{3,}.*)$/.test(rest) || rest.startsWith('<!--');
}

/**
 * After blank lines, a line belongs to an item when it is indented as far as
 * the item's text. The first line after the list's blank lines is not the last
 * item's, but it may reach the text of the item that becomes last when that
 * one starts its text further left (`- a` against `-  b`); it would take the line.
 */
function indentedLineAfter(text: string, list: ListBlock, newLast: Item): string | null {
  const last = list.items[list.items.length - 1];
  const column = textColumn(text, newLast);
  if (column >= textColumn(text, last)) return null;
  let lineNo = lineAfter(text, last);
  for (let eol = text.indexOf('\n', last.span.end); eol !== -1; eol = text.indexOf('\n', eol + 1), lineNo++) {
    const line = text.slice(eol + 1, lineEndOf(text, eol + 1));
    const indent = /^[ \t>]*/.exec(line)?.[0] ?? '';
    if (indent.length === line.length) continue;
    // Right after the list (no blank line between), lazyLineAfter has judged the line.
    if (lineNo === lineAfter(text, last) || indent.length < column) return null;
    return `line ${lineNo}, indented after the list, would join whichever item came last; indent it less, or start every item's text at the same column`;
  }
  return null;
}

/** Where an item's text starts, counted from the start of its marker line: `- a` 2, `-  a` 3. */
function textColumn(text: string, item: Item): number {
  const spaces = /^[ \t]*/.exec(text.slice(item.markerOffset + 1, lineEndOf(text, item.markerOffset)))?.[0].length ?? 0;
  // Five spaces or more start indented code: the text then starts one space after the marker.
  return item.markerOffset + 1 - item.span.start + (spaces >= 5 || spaces === 0 ? 1 : spaces);
}

/** The 1-based line right after an item's last line. */
function lineAfter(text: string, item: Item): number {
  return item.line + (text.slice(item.span.start, item.span.end).match(/\n/g)?.length ?? 0) + 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
