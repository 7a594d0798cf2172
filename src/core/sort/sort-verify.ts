/**
 * Rendering a sort plan, and checking it before anyone sees it.
 *
 * `sort.ts` decides an order for each list and rules out layouts it knows to
 * be unsafe; that reasoning about Markdown is local and has been wrong before
 * (a line doubled, an item nested under another). So every plan is also
 * checked against the parser itself: the sorted text of each section that
 * changes is parsed again, and it must give the same lists with the same
 * items, each item at the place its bytes were moved to and reaching exactly
 * as far as they do (so no item swallows or loses a line, and no item changes
 * its nesting), and the section must hold the same lines as before (by
 * construction, once each item is checked to be whole lines). An item
 * keeps its own bytes and, so checked, its place in the same containers, so
 * what is inside it reads as before, except where a code fence left open in
 * it reads what follows differently; so when remark read part of a sorted
 * section, the original is parsed again too and the two trees, positions
 * aside, must be the same but for the planned order. Plans that fail
 * are dropped, one list at a time, and their lists reported as unmovable.
 *
 * Only the changed sections (the chunks `parseList` parses one by one) are
 * parsed again, with the parser `parseList` uses, so the check costs about one
 * more parse of what changed (two for a section remark reads).
 */
import { lineEndOf, parseMarkdown } from '../parse.js';
import { parseSimpleChunk } from '../parse-fast.js';
import type { List, ListItem, Nodes, Root, RootContent } from 'mdast';
import type { Item, ListBlock, ListDocument } from '../types.js';

/** The new slot order of each list being sorted. */
export type Plans = ReadonlyMap<ListBlock, readonly Item[]>;

/** Where an item lies in a text: offsets of its first line's start, its marker and its end (as `Item.span`). */
interface ItemPlace {
  start: number;
  marker: number;
  end: number;
  children: ItemPlace[][];
  /** The model's item, for messages (expected places only). */
  item: Item | null;
}

/** A top-level list rendered with the plans: the text of each slot, and where every item lands. */
export interface RenderedList {
  slots: string[];
  places: ItemPlace[];
  /** Length of the whole rendered list, gaps included. */
  length: number;
}

/**
 * Render a top-level list at offset `at` of the new text: each slot gets the
 * bytes of the item the plan puts there, nested lists rendered the same way;
 * the gaps between items stay where they are.
 */
export function renderTopList(text: string, list: ListBlock, plans: Plans, at = list.items[0].span.start): RenderedList {
  const order = plans.get(list) ?? list.items;
  const slots: string[] = [];
  const places: ItemPlace[] = [];
  let pos = at;
  list.items.forEach((slot, i) => {
    if (i > 0) pos += slot.span.start - list.items[i - 1].span.end;
    const out: string[] = [];
    const place = renderItem(text, order[i], plans, pos, out);
    slots.push(out.join(''));
    places.push(place);
    pos = place.end;
  });
  return { slots, places, length: pos - at };
}

function renderList(text: string, list: ListBlock, plans: Plans, at: number, out: string[]): { places: ItemPlace[]; end: number } {
  const order = plans.get(list) ?? list.items;
  const places: ItemPlace[] = [];
  let pos = at;
  list.items.forEach((slot, i) => {
    if (i > 0) pos = push(out, text.slice(list.items[i - 1].span.end, slot.span.start), pos);
    const place = renderItem(text, order[i], plans, pos, out);
    places.push(place);
    pos = place.end;
  });
  return { places, end: pos };
}

function renderItem(text: string, item: Item, plans: Plans, at: number, out: string[]): ItemPlace {
  const children: ItemPlace[][] = [];
  let pos = at;
  let cursor = item.span.start;
  for (const child of item.children) {
    const start = child.items[0].span.start;
    // A nested list that starts inside its predecessor's bytes cannot be cut out; the line check catches the result.
    pos = push(out, text.slice(cursor, start), pos);
    const rendered = renderList(text, child, plans, pos, out);
    children.push(rendered.places);
    pos = rendered.end;
    cursor = child.items[child.items.length - 1].span.end;
  }
  pos = push(out, text.slice(cursor, item.span.end), pos);
  return { start: at, marker: at + item.markerOffset - item.span.start, end: pos, children, item };
}

function push(out: string[], part: string, pos: number): number {
  out.push(part);
  return pos + part.length;
}

/** A plan the check refused: the list, and what would have gone wrong. */
export interface Refusal {
  list: ListBlock;
  reason: string;
}

/**
 * Check the plans section by section; return the plans that hold (together)
 * and a refusal for each list whose plan does not.
 */
export function verifyPlans(
  doc: ListDocument,
  plans: Plans,
  keepRendered = true,
): { kept: Map<ListBlock, readonly Item[]>; refused: Refusal[]; rendered: Map<ListBlock, string[]> } {
  const kept = new Map<ListBlock, readonly Item[]>();
  const refused: Refusal[] = [];
  // The slots of top-level lists whose chunk passed with every plan: what sortDocument writes, so it need not render again.
  const rendered = new Map<ListBlock, string[]>();
  if (plans.size === 0) return { kept, refused, rendered };
  // The planned lists under each top-level list, in document order.
  const byTop = new Map<ListBlock, ListBlock[]>();
  for (const list of plans.keys()) {
    const top = topOf(list);
    const lists = byTop.get(top);
    if (lists) lists.push(list);
    else byTop.set(top, [list]);
  }
  for (const lists of byTop.values()) lists.sort((a, b) => a.items[0].markerOffset - b.items[0].markerOffset);
  for (const chunk of chunksWithLists(doc)) {
    const candidates = chunk.tops.flatMap((top) => byTop.get(top) ?? []);
    if (candidates.length === 0) continue;
    const check = (chosen: readonly ListBlock[], slots?: Map<ListBlock, string[]>): string | null =>
      checkChunk(doc.text, chunk, new Map(chosen.map((list) => [list, plans.get(list) as readonly Item[]])), slots);
    // A check (keepRendered false) does not hold on to the sorted text: a copy of every sorted list, for nothing.
    const slots = keepRendered ? new Map<ListBlock, string[]>() : undefined;
    const holds = check(candidates, slots) === null;
    if (holds && slots) for (const [top, topSlots] of slots) rendered.set(top, topSlots);
    for (const list of holds ? candidates : keepWhatHolds(check, [], candidates, refused)) kept.set(list, plans.get(list) as readonly Item[]);
  }
  return { kept, refused, rendered };
}

/**
 * The largest part of `candidates` found by halving that, added to `base`
 * (which holds), still holds; each list refused alone goes to `refused`.
 * Plans of different lists rarely interact, so this parses the section about
 * once when all hold and a few times per refused list.
 */
function keepWhatHolds(check: (chosen: readonly ListBlock[]) => string | null, base: readonly ListBlock[], candidates: readonly ListBlock[], refused: Refusal[]): ListBlock[] {
  if (candidates.length === 0) return [];
  const problem = check([...base, ...candidates]);
  if (problem === null) return [...candidates];
  if (candidates.length === 1) {
    refused.push({ list: candidates[0], reason: problem });
    return [];
  }
  const half = Math.ceil(candidates.length / 2);
  const left = keepWhatHolds(check, base, candidates.slice(0, half), refused);
  const right = keepWhatHolds(check, [...base, ...left], candidates.slice(half), refused);
  return [...left, ...right];
}

interface Chunk {
  start: number;
  end: number;
  /** The top-level lists in it, in order. */
  tops: ListBlock[];
  /** `parseList` built this very chunk by its fast path alone, so each of its lines reads as simple text. */
  linesSimple: boolean;
}

/**
 * The text cut, as `parseList` cuts it, before every ATX heading at the start
 * of a line: such a heading (a section of the model, so not in a fence) ends
 * whatever came before, so each piece parses alone as it does in the whole.
 * Only the pieces that hold top-level lists are returned.
 */
function chunksWithLists(doc: ListDocument): Chunk[] {
  const { text } = doc;
  const starts = [0];
  for (const section of doc.sections) {
    const at = section.span.start;
    if (at > 0 && text[at - 1] === '\n' && /^#{1,6}(?:[ \t]|\r?$|$)/.test(text.slice(at, at + 8))) starts.push(at);
  }
  const simple = doc.simpleChunks?.text === text ? doc.simpleChunks.ends : undefined;
  const chunks: Chunk[] = starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    return { start, end, tops: [], linesSimple: simple?.get(start) === end };
  });
  let c = 0;
  for (const list of doc.lists) {
    const at = list.items[0].span.start;
    while (c + 1 < chunks.length && chunks[c + 1].start <= at) c++;
    chunks[c].tops.push(list);
  }
  return chunks.filter((chunk) => chunk.tops.length > 0);
}

function topOf(list: ListBlock): ListBlock {
  let top = list;
  while (top.parent) top = top.parent.list;
  return top;
}

/** Null when the chunk, sorted with `plans`, parses as it should; otherwise why not. */
function checkChunk(text: string, chunk: Chunk, plans: Plans, slots?: Map<ListBlock, string[]>): string | null {
  const parts: string[] = [];
  const expected: ItemPlace[][] = [];
  let cursor = chunk.start;
  let pos = 0;
  const touched = touchedTops(plans);
  for (const top of chunk.tops) {
    const start = top.items[0].span.start;
    const end = top.items[top.items.length - 1].span.end;
    pos = push(parts, text.slice(cursor, start), pos);
    cursor = end;
    if (!touched.has(top)) {
      // Left as it is, but it must still parse as it did (a neighbour's last item could take its lines).
      expected.push(modelPlaces(top, pos - start));
      pos = push(parts, text.slice(start, end), pos);
      continue;
    }
    // Same lines: when every item's bytes are its own lines plus its nested lists' bytes, with no
    // overlap, rendering only permutes blocks of whole lines between fixed gaps (cheaper than comparing).
    const overlapping = overlappingItem(top);
    if (overlapping) {
      return `the item at line ${overlapping.line} holds nested lists that cannot be cut apart (one runs into the next), so moving it would lose or repeat text; put a blank line between its nested lists`;
    }
    const partial = partialLineItem(text, top);
    if (partial) return `the item at line ${partial.line} does not end at the end of a line, so moving it would split a line ending`;
    const rendered = renderTopList(text, top, plans, pos);
    const gaps = top.items.slice(1).map((slot, i) => text.slice(top.items[i].span.end, slot.span.start));
    const newText = rendered.slots.map((slot, i) => (i === 0 ? slot : gaps[i - 1] + slot)).join('');
    if (newText.length !== end - start) return `the list at line ${top.items[0].line} cannot be cut into items, so sorting would lose or repeat text`;
    slots?.set(top, rendered.slots);
    pos = push(parts, newText, pos);
    expected.push(rendered.places);
  }
  parts.push(text.slice(cursor, chunk.end));
  // A chunk ends where a heading starts, and parsed alone it ends at the end of the text instead.
  // That is not always the same: a code fence left open in a list item keeps the blank lines
  // after it at the end of the text, not before a heading (fuzzer). So a chunk remark may read is
  // parsed with the heading line that follows it, as the whole file has it.
  const tail = chunk.linesSimple ? '' : text.slice(chunk.end, lineEndOf(text, chunk.end));
  const sorted = parts.join('') + tail;
  const tree = parseChunk(sorted, chunk.linesSimple);
  const mismatch = firstMismatch(expected, listPlaces(sorted, tree.root.children));
  if (mismatch !== undefined) {
    const line = mismatch?.line ?? chunk.tops[0].items[0].line;
    return `sorted, the item at line ${line} would not be read as the same item (it would nest, un-nest or take in other lines); give its items the same marker and indentation, each on lines of its own, with blank lines around the list`;
  }
  // Every item is where it should be, with its own lines. An item of simple lines (all the fast
  // path builds) then reads as before; one remark read may not: a code fence left open in it
  // keeps the blank lines after it while another item follows, and not at the end of the list
  // (fuzzer, seeds 2, 3 and 5). So compare the whole trees, the original parsed again.
  if (!tree.byRemark) return null;
  const original = parseChunk(text.slice(chunk.start, chunk.end) + tail);
  const changed = firstChangedItem(original.root, tree.root, permutations(plans, chunk.start));
  if (changed === undefined) return null;
  const line = changed === null ? chunk.tops[0].items[0].line : lineOf(text, chunk.start + changed);
  return `sorted, the item at line ${line} would not read the same (a code fence left open, or blank lines at its end, would end elsewhere); close its code fences and end it with its text`;
}

/**
 * A chunk's tree as `parseList` builds it, and whether remark read any of it (see parse-fast.ts).
 * When every line of the chunk is known to read as simple text (the sorted chunk holds the lines of
 * one `parseList` built alone), its lists and items can be read by structure alone: the same places,
 * without building each line's inline content again (`shapeOnly`), most of a full re-parse's time.
 */
function parseChunk(text: string, linesSimple = false): { root: Root; byRemark: boolean } {
  const shape = linesSimple ? parseSimpleChunk(text, undefined, { shapeOnly: true }) : undefined;
  if (shape) return { root: shape, byRemark: false };
  let byRemark = false;
  const remark = (part: string): Root => {
    byRemark = true;
    return parseMarkdown(part);
  };
  const root = parseSimpleChunk(text, remark) ?? remark(text);
  return { root, byRemark };
}

/** For each planned list, by its start offset in the chunk: the original index of the item each slot gets. */
function permutations(plans: Plans, base: number): Map<number, number[]> {
  const orders = new Map<number, number[]>();
  for (const [list, order] of plans) orders.set(list.span.start - base, order.map((item) => list.items.indexOf(item)));
  return orders;
}

/**
 * Compare the original tree, with the planned lists' items put in their new
 * order, to the sorted one, positions aside (and `spread` where the fast path
 * did not build it). `undefined` when they are the same; else the offset in the
 * original of the innermost item that differs, or null outside any item.
 */
function firstChangedItem(original: Nodes, sorted: Nodes, orders: Map<number, number[]>, item: number | null = null): number | null | undefined {
  if (original.type !== sorted.type || !sameFields(original, sorted)) return item;
  const here = original.type === 'listItem' ? (original.position?.start.offset ?? item) : item;
  const a = 'children' in original ? (original.children as Nodes[]) : [];
  const b = 'children' in sorted ? (sorted.children as Nodes[]) : [];
  if (a.length !== b.length) return here;
  const order = original.type === 'list' ? orders.get(original.position?.start.offset ?? -1) : undefined;
  for (let i = 0; i < a.length; i++) {
    const changed = firstChangedItem(a[order ? order[i] : i], b[i], orders, here);
    if (changed !== undefined) return changed;
  }
  return undefined;
}

const NOT_COMPARED = new Set(['type', 'children', 'position', 'spread']);

/**
 * Whether two nodes of one type have the same fields (value, url, depth, lang…), children aside;
 * `spread` (a loose list renders its items as paragraphs) too where both trees built it.
 */
function sameFields(a: Nodes, b: Nodes): boolean {
  const spreadA = (a as { spread?: boolean | null }).spread;
  const spreadB = (b as { spread?: boolean | null }).spread;
  if (spreadA !== undefined && spreadB !== undefined && spreadA !== spreadB) return false;
  const fieldsA = Object.entries(a).filter(([key]) => !NOT_COMPARED.has(key));
  const fieldsB = Object.entries(b).filter(([key]) => !NOT_COMPARED.has(key));
  if (fieldsA.length !== fieldsB.length) return false;
  const valuesB = new Map(fieldsB);
  return fieldsA.every(([key, value]) => valuesB.has(key) && sameValue(value, valuesB.get(key)));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The top-level lists in which `plans` moves anything (in them or in lists nested in them). */
export function touchedTops(plans: Plans): Set<ListBlock> {
  const tops = new Set<ListBlock>();
  for (const list of plans.keys()) tops.add(topOf(list));
  return tops;
}

/** Where the model has a list's items, moved by `shift`. */
function modelPlaces(list: ListBlock, shift: number): ItemPlace[] {
  return list.items.map((item) => ({
    start: item.span.start + shift,
    marker: item.markerOffset + shift,
    end: item.span.end + shift,
    children: item.children.map((child) => modelPlaces(child, shift)),
    item,
  }));
}

/**
 * The first item (depth first) whose bytes do not start at a line start and
 * end at a line end: not after the CR of a CRLF (the model once ended an item
 * there, and moving it doubled the CR). What makes the moved text the same lines.
 */
function partialLineItem(text: string, list: ListBlock): Item | null {
  for (const item of list.items) {
    const { start, end } = item.span;
    const startsLine = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
    const endsLine = end === text.length || text[end] === '\r' || (text[end] === '\n' && text[end - 1] !== '\r');
    if (!startsLine || !endsLine) return item;
    for (const child of item.children) {
      const inner = partialLineItem(text, child);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * The first item (depth first) whose bytes are not its own lines plus its
 * nested lists' bytes: nested lists that overlap each other or run past the
 * item's end, or items of one list that overlap.
 */
function overlappingItem(list: ListBlock): Item | null {
  for (let i = 0; i < list.items.length; i++) {
    const item = list.items[i];
    if (i > 0 && list.items[i - 1].span.end > item.span.start) return item;
    let cursor = item.span.start;
    for (const child of item.children) {
      if (child.items[0].span.start < cursor) return item;
      const inner = overlappingItem(child);
      if (inner) return inner;
      cursor = child.items[child.items.length - 1].span.end;
    }
    if (cursor > item.span.end) return item;
  }
  return null;
}

/**
 * The first expected item whose place the parse does not confirm: `undefined`
 * when all match, `null` when the difference is not at an expected item.
 */
function firstMismatch(expected: ItemPlace[][], actual: ItemPlace[][]): Item | null | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!e || !a) return e?.[0]?.item ?? null;
    const found = firstListMismatch(e, a);
    if (found !== undefined) return found;
  }
  return undefined;
}

function firstListMismatch(expected: ItemPlace[], actual: ItemPlace[]): Item | null | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!e || !a) return (e ?? expected[expected.length - 1])?.item ?? null;
    if (e.start !== a.start || e.marker !== a.marker || e.end !== a.end) return e.item;
    const inner = firstMismatch(e.children, a.children);
    if (inner !== undefined) return inner ?? e.item;
  }
  return undefined;
}

/** The places of the lists the model would build from a chunk's tree (as `parseList` walks it: through blockquotes). */
function listPlaces(text: string, nodes: readonly (RootContent | ListItem['children'][number])[]): ItemPlace[][] {
  const lists: ItemPlace[][] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'list') lists.push(itemPlaces(text, node));
    else if (node.type === 'blockquote') for (const child of node.children) visit(child);
  };
  for (const node of nodes) visit(node);
  return lists;
}

function itemPlaces(text: string, list: List): ItemPlace[] {
  return list.children.map((node) => {
    const marker = node.position?.start.offset ?? 0;
    const start = text.lastIndexOf('\n', marker - 1) + 1;
    return { start, marker, end: itemEnd(text, node, marker), children: listPlaces(text, node.children), item: null };
  });
}

/**
 * Where `parseList` ends an item (`Item.span.end`): at the end of the line of
 * its last content, not at the next item's line where micromark may end it.
 */
function itemEnd(text: string, node: ListItem, marker: number): number {
  let last = node.position?.end.offset ?? marker;
  const childEnd = node.children[node.children.length - 1]?.position?.end.offset;
  if (childEnd !== undefined) last = Math.min(last, childEnd);
  if (last > marker && text[last - 1] === '\n') last -= 1;
  if (last > marker && text[last - 1] === '\r') last -= 1;
  return lineEnd(text, Math.max(last, marker));
}

function lineEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > 0 && text[end - 1] === '\r') end--;
  return Math.max(end, offset);
}
