/**
 * `list-structure` — the list renders with the nesting its indentation shows.
 *
 * When to use it: in lists of projects with sub-items (`paper`, `code`,
 * `blog:`), where one space too few silently breaks the nesting on GitHub.
 * It finds:
 *
 * - items that look nested but are not (error): a sub-item must start at the
 *   column of its parent's text, so `   - sub` under `  * Name:` renders as a
 *   separate list beside `Name:`, not under it. Fixed by re-indenting when the
 *   parent is unambiguous: the item is at least two columns deeper, the parent
 *   ends with a colon, or the item uses another bullet than the parent.
 * - mixed indentation inside one list (error): an item less indented than its
 *   siblings. Fixed by aligning it with the others.
 * - text that CommonMark joins to a list's last item because no blank line
 *   separates them (warning): `</br>` right after a list, or a less indented
 *   line after an entry that ends with its date. Fix: insert the blank line.
 * - a label without its colon (`- blog` over a sub-list) when most of its
 *   sibling labels have one (`- code:`, `- author: Example Lab`) (warning).
 *   Fix: add the colon the siblings use (`:` or `：`). Siblings written
 *   `Name: what it is` are names with a description, not labels: a bare name
 *   among them lacks a description, not a colon, and is left alone.
 *
 * A consistent list is never reported, whatever its indentation (2 or 4
 * spaces, tabs, ordered lists with right-aligned numbers, lists in quotes);
 * fenced and indented code is not a list. Items in quotes or indented with
 * tabs are reported without a fix.
 *
 * Options: none. Default severity: error (joined text and labels: warning).
 *
 * @example ok
 * - Sparse Attention
 *   - [paper](https://example.com/sparse-paper): Sparse attention
 *   - code:
 *     - [sparse](https://example.com/sparse-code)
 *   - blog:
 *     - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 *
 * @example not-ok
 * - Sparse Attention:
 *  * [paper](https://example.com/sparse-paper): Sparse attention
 *
 * - Sparse Attention
 *     - [paper](https://example.com/sparse-paper): Sparse attention
 *   - [code](https://example.com/sparse-code)
 *
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * </br>
 *
 * - Sparse Attention
 *   - author: Example Lab
 *   - code:
 *     - [sparse](https://example.com/sparse-code)
 *   - blog
 *     - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 */
import { lineEndOf } from '../parse.js';
import { lineAt } from '../position.js';
import type { ListRule, RuleMessage } from '../rule.js';
import type { Item, ListBlock, ListDocument, TextEdit } from '../types.js';
import { quote, ruleUrl } from './shared.js';
import { ATTRIBUTION_KEYS, keyValueOf, URL_KEYS } from '../values.js';

export const listStructureRule: ListRule = {
  id: 'list-structure',
  defaultSeverity: 'error',
  url: ruleUrl('list-structure'),
  check(doc) {
    if (doc.items.length === 0) return [];
    const layouts = doc.items.map((item) => layoutOf(doc, item));
    return [...nesting(doc, layouts), ...joinedText(doc, layouts), ...labels(doc)];
  },
};

/** Where an item sits on its marker line, in columns (tabs to multiples of 4) after any `>` quote prefix. */
interface Layout {
  item: Item;
  /** Column of the marker. */
  col: number;
  /** Column right after the marker (`-`, `1.`). */
  markerEnd: number;
  /** Column where the item's text starts: where its sub-items must start too. */
  content: number;
  /** `-`, `*`, `+`, or `.`/`)` for ordered items. */
  bullet: string;
  ordered: boolean;
  /** How many `>` quote the item. */
  quotes: number;
  /** Column where the quote prefix ends (0 outside quotes): columns above count from there, messages add it back. */
  base: number;
  /** Only spaces before the marker: its lines can be re-indented. */
  movable: boolean;
  /** Offsets of the indentation and marker, what a message points at. */
  pointer: { start: number; end: number };
}

const QUOTE_PREFIX = /^(?: {0,3}>[ \t]?)*/;

/** Column after `text[from, to)` starting at column `col`, a tab going to the next multiple of 4. */
function advance(text: string, from: number, to: number, col: number): number {
  let c = col;
  for (let i = from; i < to; i++) c = text.charCodeAt(i) === 9 ? c + 4 - (c % 4) : c + 1;
  return c;
}

function layoutOf(doc: ListDocument, item: Item): Layout {
  const { text } = doc;
  const lineStart = doc.lineStarts[item.line - 1];
  // Most items are only spaces before their marker: no quote prefix to look for.
  let spaces = lineStart;
  while (spaces < item.markerOffset && text.charCodeAt(spaces) === 32) spaces++;
  const plain = spaces === item.markerOffset;
  const quoted = plain ? '' : (QUOTE_PREFIX.exec(text.slice(lineStart, item.markerOffset))?.[0] ?? '');
  const indentStart = lineStart + quoted.length;
  const base = plain ? 0 : advance(text, lineStart, indentStart, 0);
  const col = plain ? item.markerOffset - lineStart : advance(text, indentStart, item.markerOffset, base);
  // `col` and the columns below count from the line start here; the layout counts from the quote prefix.
  let markerEndOffset = item.markerOffset + 1;
  while (isDigit(text.charCodeAt(markerEndOffset - 1)) && isOrderedMarkerPart(text.charCodeAt(markerEndOffset))) markerEndOffset++;
  const bullet = text[markerEndOffset - 1];
  const ordered = bullet === '.' || bullet === ')';
  const markerEnd = col + (markerEndOffset - item.markerOffset);
  let textStart = markerEndOffset;
  let gap = 0;
  for (let c = text.charCodeAt(textStart); c === 32 || c === 9; c = text.charCodeAt(++textStart)) gap = c === 9 ? gap + 4 - ((markerEnd + gap) % 4) : gap + 1;
  const blank = textStart >= text.length || text.charCodeAt(textStart) === 10 || text.charCodeAt(textStart) === 13;
  // No text, or 5+ columns of space (indented code): the text column is one past the marker.
  const content = blank || gap > 4 ? markerEnd + 1 : markerEnd + gap;
  const pointerStart = plain || /^[ \t]*$/.test(text.slice(indentStart, item.markerOffset)) ? indentStart : item.markerOffset;
  return {
    item,
    col: col - base,
    markerEnd: markerEnd - base,
    content: content - base,
    bullet,
    ordered,
    quotes: plain ? 0 : (quoted.match(/>/g) ?? []).length,
    base,
    movable: plain,
    pointer: { start: pointerStart, end: markerEndOffset },
  };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isOrderedMarkerPart(code: number): boolean {
  return isDigit(code) || code === 46 || code === 41;
}

/** Two items at one level: the same marker column, or ordered items whose numbers are right-aligned. */
function sameLevel(a: Layout, b: Layout): boolean {
  return a.col === b.col || (a.ordered && b.ordered && a.markerEnd === b.markerEnd);
}

/**
 * Items that look nested under an item above but are not, and items
 * indented differently from their list's other items.
 */
function nesting(doc: ListDocument, layouts: Layout[]): RuleMessage[] {
  const looksUnder = visualParents(doc, layouts);
  const misnested = (item: Item): boolean => {
    const under = looksUnder[item.index];
    return under !== null && under !== item.list.parent;
  };
  const out: RuleMessage[] = [];
  for (const list of doc.allLists) {
    // Consecutive items that look nested under the same item: one message, one fix.
    let run: Item[] = [];
    const flush = (): void => {
      if (run.length > 0) out.push(misnestedRun(doc, layouts, run, looksUnder[run[0].index] as Item));
      run = [];
    };
    for (const item of list.items) {
      if (!misnested(item)) flush();
      else if (run.length > 0 && looksUnder[run[0].index] !== looksUnder[item.index]) {
        flush();
        run.push(item);
      } else run.push(item);
    }
    flush();
    out.push(...misaligned(doc, layouts, list.items.filter((item) => !misnested(item))));
  }
  return out;
}

/**
 * For each item, the item it looks nested under when reading the indentation
 * (the last item above it that starts further left), or null. Reading stops
 * at text between two lists: a list after a paragraph looks nested only under
 * its real ancestors.
 */
function visualParents(doc: ListDocument, layouts: Layout[]): (Item | null)[] {
  const previousList = new Map<ListBlock, ListBlock>();
  const link = (lists: ListBlock[]): void => {
    for (let i = 1; i < lists.length; i++) previousList.set(lists[i], lists[i - 1]);
  };
  link(doc.lists);
  for (const item of doc.items) link(item.children);

  const parents: (Item | null)[] = new Array<Item | null>(doc.items.length).fill(null);
  let stack: Layout[] = [];
  for (const item of doc.items) {
    const here = layouts[item.index];
    const parent = item.list.parent;
    if (item.list.items[0] === item && !followsDirectly(doc, previousList.get(item.list), item)) stack = ancestorsOf(item).map((a) => layouts[a.index]);
    if (parent && layouts[parent.index].quotes !== here.quotes) {
      // A list in a quote inside an item: its columns are counted from the quote.
      stack = [here];
      continue;
    }
    let top = stack[stack.length - 1];
    while (top && (top.col > here.col || sameLevel(top, here))) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    parents[item.index] = top ? top.item : null;
    stack.push(here);
  }
  return parents;
}

/** True when only blank lines (or bare `>`) separate the previous list from this item. */
function followsDirectly(doc: ListDocument, previous: ListBlock | undefined, item: Item): boolean {
  if (!previous) return false;
  return previous.span.end <= item.markerOffset && /^[\s>]*$/.test(doc.text.slice(previous.span.end, item.markerOffset));
}

function ancestorsOf(item: Item): Item[] {
  const out: Item[] = [];
  for (let p = item.list.parent; p; p = p.list.parent) out.unshift(p);
  return out;
}

function misnestedRun(doc: ListDocument, layouts: Layout[], run: Item[], under: Item): RuleMessage {
  const first = layouts[run[0].index];
  const parent = layouts[under.index];
  const target = subItemColumn(doc, layouts, under, run[0]);
  const what = run.length > 1 ? `These ${run.length} items look` : 'This item looks';
  const renders = run[0].list.items[0] === run[0] && run[0].list !== under.list ? 'a separate list' : `${run.length > 1 ? 'siblings' : 'a sibling'} of it`;
  const unambiguous = first.col - parent.col >= 2 || endsWithColon(labelText(doc, under)) || (!first.ordered && !parent.ordered && first.bullet !== parent.bullet);
  const fix = unambiguous ? reindent(doc, layouts, run, target) : null;
  const name = quote(labelText(doc, under), 40);
  const column = (col: number): number => col + first.base + 1;
  const hint = fix ? '' : `: indent ${run.length > 1 ? 'them' : 'it'} to column ${column(target)} to nest under ${name}, or to column ${column(parent.col)} to stay at its level`;
  return {
    reason: `${what} nested under ${name} (line ${under.line}) but ${run.length > 1 ? 'are' : 'is'} ${renders}: a sub-item starts at column ${column(target)}, ${run.length > 1 ? 'these' : 'this one'} at column ${column(first.col)}${hint}`,
    span: first.pointer,
    ...(fix ? { fix } : {}),
  };
}

/** The column sub-items of `parent` start at: that of its sub-list above `item`, else its text's. */
function subItemColumn(doc: ListDocument, layouts: Layout[], parent: Item, item: Item): number {
  const start = doc.lineStarts[item.line - 1];
  const above = parent.children.filter((list) => list.span.end <= start);
  const last = above[above.length - 1];
  return last ? layouts[last.items[0].index].col : layouts[parent.index].content;
}

/** Items of one list whose indentation differs from the rest of the list. */
function misaligned(doc: ListDocument, layouts: Layout[], items: Item[]): RuleMessage[] {
  if (items.length < 2) return [];
  const firstCol = layouts[items[0].index].col;
  if (items.every((item) => layouts[item.index].col === firstCol)) return [];
  // The column most items use; on a tie, the first item's.
  const counts = new Map<number, number>();
  for (const item of items) counts.set(layouts[item.index].col, (counts.get(layouts[item.index].col) ?? 0) + 1);
  let reference = layouts[items[0].index];
  for (const item of items) {
    const l = layouts[item.index];
    if ((counts.get(l.col) ?? 0) > (counts.get(reference.col) ?? 0)) reference = l;
  }
  const out: RuleMessage[] = [];
  for (const item of items) {
    const here = layouts[item.index];
    if (sameLevel(here, reference) || here.quotes !== reference.quotes) continue;
    const fix = reindent(doc, layouts, [item], reference.col);
    out.push({
      reason: `Mixed indentation in one list: this item starts at column ${here.col + here.base + 1}, the list's other items at column ${reference.col + reference.base + 1} (${quote(labelText(doc, reference.item), 40)}, line ${reference.item.line})`,
      span: here.pointer,
      ...(fix ? { fix } : {}),
    });
  }
  return out;
}

/**
 * Shift every line of the items (continuation lines and sub-lists too) so
 * that each item's marker lands on `column`; null when a line is indented
 * with tabs or quoted, where spaces cannot be counted safely.
 */
function reindent(doc: ListDocument, layouts: Layout[], items: Item[], column: number): TextEdit | null {
  const { text, lineStarts } = doc;
  const start = lineStarts[items[0].line - 1];
  // Up to the last line shifted, so a blank line inserted before joined text can apply in the same pass.
  let end = start;
  const parts: string[] = [];
  let cursor = start;
  for (const item of items) {
    const l = layouts[item.index];
    if (!l.movable) return null;
    const delta = column - l.col;
    const lastLine = lineAt(lineStarts, item.span.end);
    for (let line = item.line; line <= lastLine; line++) {
      const lineStart = lineStarts[line - 1];
      const lineEnd = lineEndOf(text, lineStart);
      const content = text.slice(lineStart, lineEnd);
      if (content.trim() === '') continue;
      const indent = /^[ \t>]*/.exec(content)?.[0] ?? '';
      // Lazy continuation lines (`</br>` joined to the item) are not the item's indentation to shift.
      if (line > item.line && advance(indent, 0, indent.length, 0) < l.content) continue;
      if (/[\t>]/.test(indent)) return null;
      parts.push(text.slice(cursor, lineStart));
      parts.push(delta >= 0 ? ' '.repeat(delta) : '');
      cursor = delta >= 0 ? lineStart : lineStart + Math.min(indent.length, -delta);
      end = lineEnd;
    }
  }
  parts.push(text.slice(cursor, end));
  return { start, end, text: parts.join('') };
}

/** The item's first line after its marker, for messages. */
function labelText(doc: ListDocument, item: Item): string {
  if (item.entry) return item.entry.line.text.trim();
  const lineStart = doc.lineStarts[item.line - 1];
  return doc.text.slice(item.markerOffset, lineEndOf(doc.text, lineStart)).replace(/^(?:[-*+]|\d{1,9}[.)])\s*/, '').trim();
}

function endsWithColon(label: string): boolean {
  return /[:：]$/.test(label);
}

/**
 * Text right after a list's last item with no blank line between: CommonMark
 * continues the item's paragraph with it (a lazy continuation line), so a
 * `</br>` or a paragraph meant to follow the list renders inside the item.
 */
function joinedText(doc: ListDocument, layouts: Layout[]): RuleMessage[] {
  const out: RuleMessage[] = [];
  for (const list of doc.allLists) {
    const last = list.items[list.items.length - 1];
    if (last.children.length > 0) continue;
    const first = lazyLines(doc, layouts[last.index]);
    if (first === null) continue;
    const lineStart = doc.lineStarts[first - 1];
    const lineText = doc.text.slice(lineStart, lineEndOf(doc.text, lineStart));
    const line = lineText.replace(QUOTE_PREFIX, '');
    // Block-level HTML (`</br>`, `<hr>`, `<p align>`) is never a wrapped line of the item's text.
    const html = BLOCK_HTML.test(line);
    const dedented = advance(line, 0, line.length - line.trimStart().length, 0) < layouts[last.index].col;
    const complete = last.entry?.date != null || last.isBlogEntry;
    // Wrapped text is this list's style when its other items continue lazily too.
    const wraps = list.items.some((item) => item !== last && item.children.length === 0 && lazyLines(doc, layouts[item.index]) !== null);
    if (!html && (wraps || !(dedented || complete))) continue;
    const quoted = lineText.length !== line.length || layouts[last.index].quotes > 0;
    // The message covers the whole line so that its fix (the line again, after a blank line)
    // replaces exactly what the message points at, as an editor's quick fix does.
    const span = { start: lineStart, end: lineStart + lineText.length };
    out.push({
      reason: `${quote(line.trim(), 40)} is joined to the item above (line ${last.line}) because no blank line separates it from the list: insert a blank line before it`,
      span,
      severity: 'warning',
      ...(quoted ? {} : { fix: { ...span, text: doc.eol + lineText } }),
    });
  }
  return out;
}

const BLOCK_HTML = /^\s*<\/?(?:br|hr|p|div|details|summary|table|center|img|picture|h[1-6])\b/i;

/** The first of the lines at the end of an item that are less indented than its text (lazy continuation), or null. */
function lazyLines(doc: ListDocument, layout: Layout): number | null {
  const item = layout.item;
  const lastLine = lineAt(doc.lineStarts, item.span.end);
  let first: number | null = null;
  for (let line = lastLine; line > item.line; line--) {
    const lineStart = doc.lineStarts[line - 1];
    const text = doc.text.slice(lineStart, lineEndOf(doc.text, lineStart)).replace(QUOTE_PREFIX, '');
    if (text.trim() === '') break;
    const indent = advance(text, 0, text.length - text.trimStart().length, 0);
    if (indent >= layout.content) break;
    first = line;
  }
  return first;
}

/** `blog`, `news & viewpoints`: short plain text with no link, markup or sentence punctuation. */
const PLAIN_LABEL = /^[^[\]()（）<>`*_|:：.。!?！？,，;；]{1,40}$/u;
/** `blog:`, `author: Google`, `ChatYuan(元语智能):`. */
const COLON_LABEL = /^[^[\]<>`|:：]{1,40}([:：])/u;

/** `code: …`, `author: …`: a key of the `key: value` lines a bare label is kin to. */
function isKnownKey(entry: NonNullable<Item['entry']>): boolean {
  const key = keyValueOf(entry)?.key;
  return key !== undefined && (URL_KEYS.has(key) || ATTRIBUTION_KEYS.has(key));
}

/** A label over a sub-list written without the colon its sibling labels have. */
function labels(doc: ListDocument): RuleMessage[] {
  const out: RuleMessage[] = [];
  for (const list of doc.allLists) {
    // Only lists with a plain label over a sub-list can miss a colon (most lists have none).
    if (!list.items.some((item) => item.children.length > 0 && item.entry !== null && item.entry.links.length === 0)) continue;
    const withColon: { item: Item; colon: string }[] = [];
    const without: Item[] = [];
    for (const item of list.items) {
      if (!item.entry) continue;
      const text = item.entry.line.text.trim();
      const colon = COLON_LABEL.exec(text);
      if (colon) {
        // `獬豸(LawGPT_zh): 中文法律对话语言模型` is a name with a description: a bare name beside it
        // misses the description, not a colon (seen on HqWu-HITCS/Awesome-Chinese-LLM).
        if (text.slice(colon[0].length).trim() === '' || isKnownKey(item.entry)) withColon.push({ item, colon: colon[1] });
      } else if (item.children.length > 0 && item.entry.links.length === 0 && PLAIN_LABEL.test(text)) without.push(item);
    }
    // Only when most labels have a colon: otherwise colonless labels are the list's style.
    if (without.length === 0 || withColon.length <= without.length) continue;
    const sibling = withColon.find((w) => w.item.children.length > 0) ?? withColon[0];
    for (const item of without) {
      const line = (item.entry as NonNullable<Item['entry']>).line;
      const end = line.span.start + line.text.trimEnd().length;
      const start = line.span.start + (line.text.length - line.text.trimStart().length);
      out.push({
        reason: `Label ${quote(line.text.trim(), 40)} has no colon, unlike its sibling ${quote(labelText(doc, sibling.item), 40)} (line ${sibling.item.line})`,
        span: { start, end },
        severity: 'warning',
        fix: { start, end, text: doc.text.slice(start, end) + sibling.colon },
      });
    }
  }
  return out;
}
