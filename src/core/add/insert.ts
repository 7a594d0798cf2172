/**
 * Where a new entry goes in its list, and the text edit that puts it there:
 * at its date's place in the list's direction (after the entries of the same
 * day), written with its siblings' marker, indentation and spacing. Nothing
 * else of the file changes; nested reposts stay with their originals, since
 * the entry goes between whole items.
 */
import type { SortOrder } from '../sort/sort-direction.js';
import { itemDate } from '../sort/sort.js';
import { lineEndOf } from '../parse.js';
import { lineAt } from '../position.js';
import type { Item, ListBlock, ListDocument, TextEdit } from '../types.js';

export interface Insertion {
  edit: TextEdit;
  /** 1-based line of the new entry in the edited text. */
  line: number;
  /** The new entry's index among the list's items. */
  index: number;
}

/** Insert `entry` (the line's text after the marker) into `list`. */
export function insertEntry(doc: ListDocument, list: ListBlock, entry: string, date: string | null, order: SortOrder): Insertion {
  const items = list.items;
  // After the anchor; else before the list's first dated item (a date older than every other).
  const after = anchorItem(items, date, order);
  const firstDated = items.find((item) => itemDate(item) !== null) ?? items[0];
  const sibling = after ?? firstDated;
  const line = `${markerPrefix(doc.text, sibling)}${entry}`;
  if (after) {
    const gap = gapAround(doc, items, after);
    const end = after === items[items.length - 1] ? endBeforeLazyLines(doc, after) : after.span.end;
    const text = `${gap}${line}`;
    return { edit: { start: end, end, text }, line: lineAt(doc.lineStarts, end) + count(gap, '\n'), index: items.indexOf(after) + 1 };
  }
  const gap = gapAround(doc, items, firstDated);
  const start = firstDated.span.start;
  return { edit: { start, end: start, text: `${line}${gap}` }, line: lineAt(doc.lineStarts, start), index: items.indexOf(firstDated) };
}

/**
 * The item the entry goes right after: the last one dated on or before it
 * (oldest first), or on or after it (newest first). A list without dated
 * items takes the entry at its end; an undated entry goes last too.
 */
function anchorItem(items: Item[], date: string | null, order: SortOrder): Item | null {
  const dated = items.filter((item) => itemDate(item) !== null);
  if (date === null || dated.length === 0) return items[items.length - 1];
  let anchor: Item | null = null;
  for (const item of dated) {
    const other = itemDate(item) as string;
    if (order === 'asc' ? other <= date : other >= date) anchor = item;
  }
  return anchor;
}

/**
 * The sibling's marker line up to its text: `      - `, `    + `, `> * `.
 * A parent's marker on the same line (`- - a`) becomes spaces, so the new
 * line stays in the sibling's list.
 */
function markerPrefix(text: string, sibling: Item): string {
  const before = text.slice(sibling.span.start, sibling.markerOffset).replace(/[^\s>]/g, ' ');
  const marker = /^(?:[-*+]|\d{1,9}[.)])[ \t]*/.exec(text.slice(sibling.markerOffset))?.[0] ?? '- ';
  return `${before}${marker}`;
}

/**
 * What separates items in this list (a line ending, or blank lines too in a
 * loose list), taken from next to `item`; the item's own line ending when the
 * list has one item, or when something other than blank lines sits between.
 */
function gapAround(doc: ListDocument, items: Item[], item: Item): string {
  const i = items.indexOf(item);
  const neighbours: Array<[Item, Item]> = [];
  if (i + 1 < items.length) neighbours.push([item, items[i + 1]]);
  if (i > 0) neighbours.push([items[i - 1], item]);
  for (const [a, b] of neighbours) {
    const gap = doc.text.slice(a.span.end, b.span.start);
    if (/^\r?\n(?:[ \t>]*\r?\n)*$/.test(gap)) return gap;
  }
  return /^\r?\n/.exec(doc.text.slice(item.span.end))?.[0] ?? doc.eol;
}

/**
 * A list's last item may end in lines joined to it lazily, less indented than
 * its text (`</br>` right under a list, for want of a blank line): they close
 * the list, so a new last item goes before them and they close it still.
 */
function endBeforeLazyLines(doc: ListDocument, item: Item): number {
  const { text, lineStarts } = doc;
  const column = textColumn(text, item);
  let end = item.span.end;
  for (let line = lineAt(lineStarts, end); line > item.line; line--) {
    const start = lineStarts[line - 1];
    const content = text.slice(start, lineEndOf(text, start));
    const indent = /^[ \t>]*/.exec(content)?.[0].length ?? 0;
    if (content.trim() === '' || indent >= column) break;
    end = lineEndOf(text, lineStarts[line - 2]);
  }
  return end;
}

/** Where an item's text starts, counted from the start of its marker line: `- a` 2, `-  a` 3, `10. a` 4. */
function textColumn(text: string, item: Item): number {
  const marker = /^(?:[-*+]|\d{1,9}[.)])/.exec(text.slice(item.markerOffset))?.[0].length ?? 1;
  const spaces = /^[ \t]*/.exec(text.slice(item.markerOffset + marker, lineEndOf(text, item.markerOffset)))?.[0].length ?? 0;
  // Five spaces or more start indented code: the text then starts one space after the marker.
  return item.markerOffset + marker - item.span.start + (spaces >= 5 || spaces === 0 ? 1 : spaces);
}

function count(text: string, c: string): number {
  return text.split(c).length - 1;
}
