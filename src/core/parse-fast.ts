/**
 * A fast path for the common case: a chunk made only of an ATX heading,
 * blank lines, one-line paragraphs and bullet list items whose text is one
 * line of plain words and `[title](url)` links — which is nearly every line of
 * an awesome list. For such a chunk it builds the mdast tree that remark
 * (micromark + GFM) would build, in a fraction of the time: micromark's
 * tokenizer is most of listkeeper's lint time.
 *
 * Anything else — a continuation line, a tab in indentation, emphasis, code,
 * HTML, an escape, an entity, a bare URL, an ordered list, a blockquote… —
 * returns undefined and the chunk goes to remark. Being unsure is always
 * allowed; being wrong is not: test/parse-fast.test.ts checks on fixtures and
 * on generated Markdown that every tree built here equals remark's.
 *
 * Not built: the `spread` fields of lists and items (the model does not read
 * them).
 */
import type { Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, Text } from 'mdast';

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

/** The tree remark builds for `text`, or undefined when the text is not simple enough to be sure. */
export function parseSimpleChunk(text: string): Root | undefined {
  const root: Root = { type: 'root', children: [] };
  const stack: OpenItem[] = [];
  let rootList: OpenList | null = null;
  let prevBlank = true;
  let line = 0;
  let offset = 0;
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
    if (lineText.includes('\r')) return undefined; // a lone CR is a line ending to micromark
    if (/^[ \t]*$/.test(lineText)) {
      prevBlank = true;
      offset = next;
      continue;
    }
    if (line === 1 && /^#{1,6}(?:[ \t]|$)/.test(lineText)) {
      const heading = headingOf(text, place, end);
      if (!heading) return undefined;
      root.children.push(heading);
      prevBlank = true; // a heading is one line: nothing continues it
      offset = next;
      continue;
    }
    const indent = /^ */.exec(lineText)![0].length;
    if (lineText.charCodeAt(indent) === 9) return undefined;
    const bullet = /^([-*+])( +)(?=[^ \t])/.exec(lineText.slice(indent));
    if (bullet) {
      const spaces = bullet[2].length;
      if (spaces > 4) return undefined; // the content would be indented code
      while (stack.length > 0 && stack[stack.length - 1].contentColumn > indent) stack.pop();
      const parent = stack.length > 0 ? stack[stack.length - 1] : null;
      if (indent - (parent?.contentColumn ?? 0) >= 4) return undefined;
      const contentStart = offset + indent + 1 + spaces;
      const content = text.slice(contentStart, end);
      if (!safeItemStart(content)) return undefined;
      const paragraph = paragraphOf(text, place, contentStart, end);
      if (!paragraph) return undefined;
      const item: ListItem = {
        type: 'listItem',
        checked: null,
        children: [paragraph],
        position: { start: pointOf(place, offset + indent), end: paragraph.position!.end },
      };
      const marker = bullet[1];
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
      continue;
    }
    // Not a list item: only a one-line paragraph after a blank line, outside any list.
    if (!prevBlank || indent >= 4 || !safeParagraphStart(lineText.slice(indent))) return undefined;
    if (stack.length > 0 && stack[0].contentColumn <= indent) return undefined; // a paragraph inside an item
    stack.length = 0;
    rootList = null;
    const paragraph = paragraphOf(text, place, offset + indent, end);
    if (!paragraph) return undefined;
    root.children.push(paragraph);
    // The next line must not continue it (that needs micromark's rules), so it counts as not blank.
    prevBlank = false;
    offset = next;
    if (!nextLineEndsParagraph(text, next)) return undefined;
  }
  for (const child of root.children) if (child.type === 'list') closeList(child);
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text, line) };
  return root;
}

/** After a one-line paragraph, only a blank line or the end keeps it one line. */
function nextLineEndsParagraph(text: string, offset: number): boolean {
  if (offset >= text.length) return true;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return /^[ \t]*\r?$/.test(text.slice(offset, end));
}

/** Lists and items end where their last child ends. */
function closeList(list: List): void {
  for (const item of list.children) {
    for (const child of item.children) if (child.type === 'list') closeList(child);
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

function paragraphOf(text: string, place: Place, start: number, end: number): Paragraph | undefined {
  let contentEnd = end;
  while (contentEnd > start && (text[contentEnd - 1] === ' ' || text[contentEnd - 1] === '\t')) contentEnd--;
  const children = phrasingOf(text, place, start, contentEnd);
  if (!children) return undefined;
  return { type: 'paragraph', children, position: { start: pointOf(place, start), end: pointOf(place, end) } };
}

/** Characters that start inline syntax other than a link; the text is then not simple. */
const INLINE_SYNTAX = /[\]\\`*_<~\0]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** A character reference, which micromark decodes in URLs too. */
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
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

function pushText(out: PhrasingContent[], text: string, place: Place, start: number, end: number): boolean {
  if (start >= end) return true;
  const value = text.slice(start, end);
  if (INLINE_SYNTAX.test(value) || AUTOLINK_HINT.test(value)) return false;
  const node: Text = { type: 'text', value, position: { start: pointOf(place, start), end: pointOf(place, end) } };
  out.push(node);
  return true;
}

/** `[title](url)` at `open`, with a plain title and a URL without spaces, parentheses, escapes or entities. */
function linkAt(text: string, place: Place, open: number, end: number): Link | undefined {
  const close = text.indexOf('](', open);
  if (close === -1 || close + 2 >= end) return undefined;
  const title = text.slice(open + 1, close);
  // `[^x]` may be a GFM footnote call.
  if (title.includes('[') || title.startsWith('^') || INLINE_SYNTAX.test(title) || AUTOLINK_HINT.test(title)) return undefined;
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
  const children: Text[] =
    title.length > 0
      ? [{ type: 'text', value: title, position: { start: pointOf(place, open + 1), end: pointOf(place, close) } }]
      : [];
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
