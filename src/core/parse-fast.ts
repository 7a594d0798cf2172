/**
 * A fast path for the common case. Nearly every line of an awesome list is a
 * bullet item whose text is one line of plain words, `[title](url)` links,
 * `**bold**` words and bare `https://` URLs. For a chunk (a section, see
 * `splitIntoChunks`) of such items, an ATX heading, blank lines and one-line
 * paragraphs, this builds the mdast tree that remark (micromark + GFM) would
 * build, in a fraction of the time: micromark's tokenizer was most of lint's
 * time.
 *
 * A root-level item with anything else in it (a continuation line, a tab,
 * emphasis, code, HTML, an escape, an entity, a blockquote…) is handed to
 * remark alone and its tree put in place; so are a heading or a paragraph
 * that is not simple. What cannot be cut out that way (a lazy continuation
 * line, an ordered list, HTML between lists, a lone CR, a definition…)
 * makes the whole chunk go to remark. Being unsure is always allowed, being
 * wrong is not: test/parse-fast.test.ts checks on fixtures and on generated
 * Markdown that every tree built here equals remark's.
 *
 * Not built: the `spread` fields of lists and items (the model does not read
 * them). */
import type { Heading, Link, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast';

/** A point in the chunk, as mdast positions give it (1-based line and column). */
interface Place {
  line: number;
  /** Offset where the line starts. */
  lineStart: number;
}

interface OpenItem {
  node: ListItem;
  /** Column (0-based, in spaces) where the item's content starts. */
  contentColumn: number;
  /** The list last added to this item, while nothing else followed it. */
  lastList: OpenList | null;
}

interface OpenList {
  node: List;
  marker: string;
}

/** remark's own parser, for the parts the fast path leaves to it. */
export type MarkdownParser = (text: string) => Root;

/** A root-level list item being built: enough to take it back and hand its lines to remark. */
interface RootItemMark {
  lineStart: number;
  line: number;
  marker: string;
  contentColumn: number;
  rootChildren: number;
  rootList: OpenList | null;
  listLength: number;
}

export interface SimpleChunkOptions {
  /**
   * Every line of the text is known to read as simple inline text, because it
   * did in a chunk built here without remark (sort verification: the sorted
   * chunk holds the original's lines in another order). Whether a line's text
   * reads as simple depends on that line alone, so the block structure is then
   * built without reading inline content: paragraphs come without
   * children (headings are read in full: one line, first in the chunk), lists
   * and items with the positions a full build gives. Anything that would need
   * remark gives undefined (`chunkParser` is not used).
   */
  shapeOnly?: boolean;
}

/**
 * The tree remark builds for `text`, or undefined when the text is not simple
 * enough to be sure. With `parseMarkdown`, a heading, a paragraph or a whole
 * root-level list item that is not simple is parsed by it alone and put in
 * place; those parse the same alone as in the chunk (see `itemRegionEnd`).
 */
export function parseSimpleChunk(text: string, chunkParser?: MarkdownParser, options: SimpleChunkOptions = {}): Root | undefined {
  if (/\r(?!\n)/.test(text)) return undefined; // a lone CR is a line ending to micromark
  if (text.startsWith('\uFEFF')) return undefined; // micromark drops a BOM there
  // A definition (`[a]: url`, `[^a]: note`) anywhere in the chunk turns `[a]`
  // in another part into a reference, which a part parsed alone cannot know.
  // The fast path builds neither, so with one the whole chunk is remark's.
  const parseMarkdown = options.shapeOnly || text.includes(']:') ? undefined : chunkParser;
  const root: Root = { type: 'root', children: [] };
  const stack: OpenItem[] = [];
  const parsedByRemark = new WeakSet<ListItem>();
  let rootList: OpenList | null = null;
  let rootItem: RootItemMark | null = null;
  let prevBlank = true;
  let line = 0;
  let offset = 0;

  /** Hand one line to remark; true when it gave exactly one node of that type. */
  const parseLineAlone = (type: 'heading' | 'paragraph', lineEnd: number): boolean => {
    if (!parseMarkdown) return false;
    const tree = parseMarkdown(text.slice(offset, lineEnd));
    const node = tree.children[0];
    if (tree.children.length !== 1 || node.type !== type) return false;
    shiftPositions(node, offset, line - 1);
    root.children.push(node);
    return true;
  };

  /** Take back the root item being built and let remark parse all of its lines. */
  const parseRootItemAlone = (): boolean => {
    const mark = rootItem;
    rootItem = null;
    if (!parseMarkdown || !mark) return false;
    root.children.length = mark.rootChildren;
    rootList = mark.rootList;
    if (rootList) rootList.node.children.length = mark.listLength;
    const region = itemRegionEnd(text, mark.lineStart, mark.contentColumn);
    const tree = parseMarkdown(text.slice(mark.lineStart, region.end));
    const list = tree.children[0];
    if (tree.children.length !== 1 || list.type !== 'list' || list.ordered || list.children.length !== 1) return false;
    const item = list.children[0];
    // Code and HTML blocks may end at the next item's marker in the chunk (a
    // micromark quirk), which a parse of the item alone cannot know.
    if (holdsFlowBlock(item)) return false;
    shiftPositions(item, mark.lineStart, mark.line - 1);
    parsedByRemark.add(item);
    if (rootList && rootList.marker === mark.marker) rootList.node.children.push(item);
    else {
      rootList = { node: { type: 'list', ordered: false, start: null, children: [item], position: { ...item.position! } }, marker: mark.marker };
      root.children.push(rootList.node);
    }
    stack.length = 0;
    line = mark.line - 1 + region.lines;
    offset = region.end;
    prevBlank = region.endsBlank;
    return true;
  };

  while (offset < text.length) {
    line++;
    let next = text.indexOf('\n', offset);
    let end: number;
    if (next === -1) {
      next = text.length;
      end = next;
    } else {
      end = next > offset && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
      next += 1;
    }
    const place: Place = { line, lineStart: offset };
    const lineText = text.slice(offset, end);
    if (/^[ \t]*$/.test(lineText)) {
      prevBlank = true;
      offset = next;
      continue;
    }
    if (line === 1 && /^#{1,6}(?:[ \t]|$)/.test(lineText)) {
      // An ATX heading is one line whatever it holds, so remark may parse it alone.
      const heading = headingOf(text, place, end);
      if (heading) root.children.push(heading);
      else if (!parseLineAlone('heading', end)) return undefined;
      prevBlank = true; // nothing continues a heading
      offset = next;
      continue;
    }
    const indent = /^ */.exec(lineText)![0].length;
    const bullet = lineText.charCodeAt(indent) === 9 ? null : /^([-*+])( +)(?=[^ \t])/.exec(lineText.slice(indent));
    if (!bullet) {
      if (stack.length > 0) {
        // A line of the root item's own (indented to its content): remark parses that item.
        if (indentColumn(lineText) >= stack[0].contentColumn) {
          if (parseRootItemAlone()) continue;
          return undefined;
        }
        // A lazy continuation line: where it belongs is micromark's call.
        if (!prevBlank) return undefined;
      }
      // Otherwise only a one-line paragraph after a blank line, outside any list.
      stack.length = 0;
      rootItem = null;
      rootList = null;
      if (!prevBlank || indent >= 4 || lineText.charCodeAt(indent) === 9 || !safeParagraphStart(lineText.slice(indent))) return undefined;
      if (!nextLineEndsParagraph(text, next)) return undefined;
      const paragraph = options.shapeOnly ? paragraphShape(place, offset + indent, end) : paragraphOf(text, place, offset + indent, end);
      if (paragraph) root.children.push(paragraph);
      else if (!parseLineAlone('paragraph', end)) return undefined;
      prevBlank = false;
      offset = next;
      continue;
    }
    const spaces = bullet[2].length;
    while (stack.length > 0 && stack[stack.length - 1].contentColumn > indent) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    const marker = bullet[1];
    if (!parent) {
      if (indent >= 4) return undefined;
      rootItem = {
        lineStart: offset,
        line,
        marker,
        contentColumn: indent + 1 + Math.min(spaces, 5),
        rootChildren: root.children.length,
        rootList,
        listLength: rootList?.node.children.length ?? 0,
      };
      // Five spaces or more after the marker: the content is indented code, one column in.
      if (spaces > 4) rootItem.contentColumn = indent + 2;
    }
    const contentStart = offset + indent + 1 + spaces;
    const paragraph =
      spaces <= 4 && indent - (parent?.contentColumn ?? 0) < 4 && safeItemStart(text.slice(contentStart, end))
        ? options.shapeOnly
          ? paragraphShape(place, contentStart, end)
          : paragraphOf(text, place, contentStart, end)
        : undefined;
    if (!paragraph) {
      if (parseRootItemAlone()) continue;
      return undefined;
    }
    const item: ListItem = {
      type: 'listItem',
      checked: null,
      children: [paragraph],
      position: { start: pointOf(place, offset + indent), end: paragraph.position!.end },
    };
    const current = parent ? parent.lastList : rootList;
    let list: OpenList;
    if (current && current.marker === marker) {
      list = current;
      list.node.children.push(item);
    } else {
      list = {
        node: { type: 'list', ordered: false, start: null, children: [item], position: { start: item.position!.start, end: item.position!.end } },
        marker,
      };
      if (parent) parent.node.children.push(list.node);
      else root.children.push(list.node);
    }
    if (parent) parent.lastList = list;
    else rootList = list;
    stack.push({ node: item, contentColumn: indent + 1 + spaces, lastList: null });
    prevBlank = false;
    offset = next;
  }
  for (const child of root.children) if (child.type === 'list') closeList(child, parsedByRemark);
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text, line) };
  return root;
}

/**
 * Where a root-level list item that starts at `start` ends: before the first
 * non-blank line indented less than its content. Every line before that is
 * the item's own (or blank), and that line is not (unless it is a lazy
 * continuation, which the caller refuses), so remark parses the item the same
 * alone as in the chunk.
 */
function itemRegionEnd(text: string, start: number, contentColumn: number): { end: number; lines: number; endsBlank: boolean } {
  let offset = text.indexOf('\n', start);
  let lines = 1;
  let endsBlank = false;
  if (offset === -1) return { end: text.length, lines, endsBlank };
  offset += 1;
  while (offset < text.length) {
    let next = text.indexOf('\n', offset);
    next = next === -1 ? text.length : next + 1;
    const lineText = text.slice(offset, next).replace(/\r?\n$/, '');
    const blank = /^[ \t]*$/.test(lineText);
    if (!blank && indentColumn(lineText) < contentColumn) break;
    endsBlank = blank;
    lines++;
    offset = next;
  }
  return { end: offset, lines, endsBlank };
}

/** The column where a line's text starts, tabs counted to the next multiple of 4. */
function indentColumn(lineText: string): number {
  let column = 0;
  for (const c of lineText) {
    if (c === ' ') column++;
    else if (c === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

function holdsFlowBlock(node: Nodes): boolean {
  if (node.type === 'code' || node.type === 'html') return true;
  return 'children' in node && node.children.some((child) => holdsFlowBlock(child));
}

/** Move a subtree that remark parsed alone to where its text starts in the chunk. */
function shiftPositions(node: Nodes, offset: number, lines: number): void {
  const { position } = node;
  if (position) {
    position.start = { ...position.start, line: position.start.line + lines, offset: (position.start.offset ?? 0) + offset };
    position.end = { ...position.end, line: position.end.line + lines, offset: (position.end.offset ?? 0) + offset };
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child, offset, lines);
}

/** After a one-line paragraph, only a blank line or the end keeps it one line. */
function nextLineEndsParagraph(text: string, offset: number): boolean {
  if (offset >= text.length) return true;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return /^[ \t]*\r?$/.test(text.slice(offset, end));
}

/** Lists and items end where their last child ends (items remark parsed already have their end). */
function closeList(list: List, parsedByRemark: WeakSet<ListItem>): void {
  for (const item of list.children) {
    if (parsedByRemark.has(item)) continue;
    for (const child of item.children) if (child.type === 'list') closeList(child, parsedByRemark);
    item.position!.end = item.children[item.children.length - 1].position!.end;
  }
  list.position!.end = list.children[list.children.length - 1].position!.end;
}

/** Item text that cannot start another block (list, heading, quote, code, HTML, task box). */
function safeItemStart(content: string): boolean {
  return !/^(?:[-*+#>`~<=_]|\d{1,9}[.)](?:[ \t]|$)|\[[ xX]\](?:[ \t]|$))/.test(content);
}

function safeParagraphStart(content: string): boolean {
  return !/^(?:[-*+#>`~<|=_:\[]|\d{1,9}[.)](?:[ \t]|$))/.test(content);
}

function headingOf(text: string, place: Place, end: number): Heading | undefined {
  const lineText = text.slice(place.lineStart, end);
  const open = /^(#{1,6})[ \t]*/.exec(lineText)!;
  let contentEnd = lineText.length;
  while (contentEnd > open[0].length && /[ \t]/.test(lineText[contentEnd - 1])) contentEnd--;
  // A closing sequence of #s, when a space or tab comes before it (or it is all there is).
  let hashes = contentEnd;
  while (hashes > open[0].length && lineText[hashes - 1] === '#') hashes--;
  if (hashes < contentEnd && (hashes === open[0].length || /[ \t]/.test(lineText[hashes - 1]))) {
    contentEnd = hashes;
    while (contentEnd > open[0].length && /[ \t]/.test(lineText[contentEnd - 1])) contentEnd--;
  }
  const contentStart = open[0].length;
  const children =
    contentStart < contentEnd ? phrasingOf(text, place, place.lineStart + contentStart, place.lineStart + contentEnd) : [];
  if (!children) return undefined;
  return {
    type: 'heading',
    depth: open[1].length as Heading['depth'],
    children,
    position: { start: pointOf(place, place.lineStart), end: pointOf(place, end) },
  };
}

/** A one-line paragraph where `paragraphOf` puts it, without its inline content (`shapeOnly`). */
function paragraphShape(place: Place, start: number, end: number): Paragraph {
  return { type: 'paragraph', children: [], position: { start: pointOf(place, start), end: pointOf(place, end) } };
}

function paragraphOf(text: string, place: Place, start: number, end: number): Paragraph | undefined {
  let contentEnd = end;
  while (contentEnd > start && (text[contentEnd - 1] === ' ' || text[contentEnd - 1] === '\t')) contentEnd--;
  const children = phrasingOf(text, place, start, contentEnd);
  if (!children) return undefined;
  return { type: 'paragraph', children, position: { start: pointOf(place, start), end: pointOf(place, end) } };
}

/** A character reference, which micromark decodes in URLs too. */
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** Characters that start inline syntax other than a link, or a character reference; the text is then not simple. */
const INLINE_SYNTAX = new RegExp(`[\\]\\\\\`*_<~\\0]|${CHARACTER_REFERENCE.source}`);
/** What GFM turns into a link by itself: bare URLs, www. and e-mail addresses. */
const AUTOLINK_HINT = /https?:|www|@|mailto:|xmpp:/i;

/** Plain text and `[title](url)` links on one line, or undefined for anything else. */
function phrasingOf(text: string, place: Place, start: number, end: number): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let segmentStart = start;
  let i = text.indexOf('[', start);
  while (i !== -1 && i < end) {
    if (i > start && text[i - 1] === '!') return undefined; // an image
    const link = linkAt(text, place, i, end);
    if (!link) return undefined;
    if (!pushText(out, text, place, segmentStart, i)) return undefined;
    out.push(link);
    segmentStart = link.position!.end.offset!;
    i = text.indexOf('[', segmentStart);
  }
  if (!pushText(out, text, place, segmentStart, end)) return undefined;
  return out;
}

/**
 * Text outside links: plain words, `**strong**` words and (with `autolinks`)
 * bare `https://` URLs standing alone between spaces, as GFM links them.
 */
function pushText(out: PhrasingContent[], text: string, place: Place, start: number, end: number, autolinks = true): boolean {
  if (start >= end) return true;
  const runs = strongRuns(text, start, end);
  if (!runs) return false;
  let from = start;
  for (let r = 0; r < runs.length; r += 2) {
    if (!pushPlain(out, text, place, from, runs[r], autolinks)) return false;
    const children: PhrasingContent[] = [];
    if (!pushPlain(children, text, place, runs[r] + 2, runs[r + 1], false)) return false;
    out.push({ type: 'strong', children, position: { start: pointOf(place, runs[r]), end: pointOf(place, runs[r + 1] + 2) } });
    from = runs[r + 1] + 2;
  }
  return pushPlain(out, text, place, from, end, autolinks);
}

/**
 * Offsets of `**` runs that pair up as opener, closer, opener, closer… by
 * micromark's flanking rules, or undefined when the asterisks do anything
 * else (a single `*`, `***`, a run that cannot open or close where it sits).
 */
function strongRuns(text: string, start: number, end: number): number[] | undefined {
  const runs: number[] = [];
  for (let i = text.indexOf('*', start); i !== -1 && i < end; i = text.indexOf('*', i + 2)) {
    if (text[i + 1] !== '*' || i + 1 >= end || text[i + 2] === '*') return undefined;
    const before = classify(text, i - 1);
    const after = classify(text, i + 2);
    const opens = after === 'other' || (after === 'punctuation' && before !== 'other');
    const closes = before === 'other' || (before === 'punctuation' && after !== 'other');
    if (runs.length % 2 === 0 ? !opens : !closes) return undefined;
    // An empty pair is not strong.
    if (runs.length % 2 === 1 && runs[runs.length - 1] + 2 === i) return undefined;
    runs.push(i);
  }
  return runs.length % 2 === 0 ? runs : undefined;
}

/** micromark's character classes for emphasis (per UTF-16 unit, as micromark reads them). */
function classify(text: string, at: number): 'whitespace' | 'punctuation' | 'other' {
  if (at < 0 || at >= text.length) return 'whitespace';
  const c = text[at];
  if (/\s/.test(c)) return 'whitespace';
  return /\p{P}|\p{S}/u.test(c) ? 'punctuation' : 'other';
}

/**
 * A bare URL GFM links by itself, in the plainest form: no trailing
 * punctuation, no odd characters, and a host that starts with a letter or
 * digit (GFM does not link `https://-a.b`).
 */
const BARE_URL = /^https?:\/\/[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+(?:\/[A-Za-z0-9._~/%+=-]*)?$/;
const URL_START = /https?:\/\//gi;

function pushPlain(out: PhrasingContent[], text: string, place: Place, start: number, end: number, autolinks: boolean): boolean {
  if (start >= end) return true;
  const value = text.slice(start, end);
  if (INLINE_SYNTAX.test(value)) return false;
  let from = start;
  if (autolinks) {
    for (const m of value.matchAll(URL_START)) {
      const urlStart = start + m.index;
      if (urlStart < from || !/[ \t]/.test(text[urlStart - 1] ?? '')) return false;
      let urlEnd = urlStart;
      while (urlEnd < end && !/\s/.test(text[urlEnd])) urlEnd++;
      const url = text.slice(urlStart, urlEnd);
      const after = text[urlEnd];
      if (!BARE_URL.test(url) || !/[A-Za-z0-9/]$/.test(url) || (after !== undefined && !/\s/.test(after))) return false;
      if (!pushWords(out, text, place, from, urlStart)) return false;
      const position = { start: pointOf(place, urlStart), end: pointOf(place, urlEnd) };
      out.push({ type: 'link', title: null, url, children: [{ type: 'text', value: url, position: { ...position } }], position });
      from = urlEnd;
    }
  }
  return pushWords(out, text, place, from, end);
}

function pushWords(out: PhrasingContent[], text: string, place: Place, start: number, end: number): boolean {
  if (start >= end) return true;
  const value = text.slice(start, end);
  if (AUTOLINK_HINT.test(value)) return false;
  out.push({ type: 'text', value, position: { start: pointOf(place, start), end: pointOf(place, end) } });
  return true;
}

/** `[title](url)` at `open`, with a plain title and a URL without spaces, parentheses, escapes or entities. */
function linkAt(text: string, place: Place, open: number, end: number): Link | undefined {
  const close = text.indexOf('](', open);
  if (close === -1 || close + 2 >= end) return undefined;
  const title = text.slice(open + 1, close);
  // `[^x]` may be a GFM footnote call.
  if (title.includes('[') || title.startsWith('^')) return undefined;
  let j = close + 2;
  while (j < end) {
    const c = text.charCodeAt(j);
    // space and controls, ( ) < > \ and DEL
    if (c <= 0x20 || c === 0x28 || c === 0x3c || c === 0x3e || c === 0x5c || c === 0x7f) break;
    if (c === 0x29) break;
    j++;
  }
  if (j >= end || text.charCodeAt(j) !== 0x29 || j === close + 2) return undefined;
  const url = text.slice(close + 2, j);
  if (CHARACTER_REFERENCE.test(url)) return undefined;
  const children: PhrasingContent[] = [];
  if (!pushText(children, text, place, open + 1, close, false)) return undefined;
  return {
    type: 'link',
    title: null,
    url,
    children,
    position: { start: pointOf(place, open), end: pointOf(place, j + 1) },
  };
}

function pointOf(place: Place, offset: number): { line: number; column: number; offset: number } {
  return { line: place.line, column: offset - place.lineStart + 1, offset };
}

function endPoint(text: string, lines: number): { line: number; column: number; offset: number } {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak === text.length - 1) return { line: lines + 1, column: 1, offset: text.length };
  return { line: Math.max(lines, 1), column: text.length - lastBreak, offset: text.length };
}
