import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import type { Link, LinkReference, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { DATE_PATTERN, parseDate, type ParsedDate } from './date.js';
import { parseSimpleChunk } from './parse-fast.js';
import { buildLineStarts, lineAt } from './position.js';
import type {
  Entry,
  EntryDate,
  EntryKind,
  EntryLink,
  Item,
  ListBlock,
  ListDocument,
  Section,
  Span,
  TextPart,
} from './types.js';

export interface ParseOptions {
  /**
   * Parse top-level sections separately (default true). remark's parser is
   * quadratic in the number of list items of one document
   * (syntax-tree/mdast-util-from-markdown#49); sections are independent
   * blocks, so parsing them one by one gives the same tree in linear time.
   */
  chunked?: boolean;
  /**
   * Build the tree of simple chunks without micromark (default true; see
   * parse-fast.ts). Off only to compare both paths in tests and benchmarks.
   */
  fast?: boolean;
}

const BOM = '\uFEFF';

/** Parse a list file's text into the list model. */
export function parseList(input: string, path = '<input>', options: ParseOptions = {}): ListDocument {
  const { text, bom } = withoutBom(input);
  const definitions = hasDefinitions(text);
  const chunks = (options.chunked ?? true) && !definitions ? splitIntoChunks(text) : [0];
  const fast = options.fast ?? true;
  const b = newBuilder(text);
  const simple = new Map<number, number>();
  // Each chunk's tree is built as soon as it is parsed, so it is garbage right after.
  for (let i = 0; i < chunks.length; i++) {
    const base = chunks[i];
    const chunk = text.slice(base, i + 1 < chunks.length ? chunks[i + 1] : text.length);
    let byRemark = false;
    const remark = (part: string): Root => {
      byRemark = true;
      return parseMarkdown(part);
    };
    const fastTree = fast ? parseSimpleChunk(chunk, remark) : undefined;
    if (fastTree && !byRemark) simple.set(base, base + chunk.length);
    addBlocks(b, (fastTree ?? parseMarkdown(chunk)).children, base, definitions);
  }
  const doc = documentOf(path, bom, b);
  doc.simpleChunks = { text, ends: simple };
  return doc;
}

/** The text that offsets refer to, and whether a BOM was removed from its start. */
function withoutBom(input: string): { text: string; bom: boolean } {
  const bom = input.startsWith(BOM);
  return { text: bom ? input.slice(1) : input, bom };
}

/** Build the model from a tree remark already parsed (the preset's path). */
export function modelFromTree(tree: Root, fileText: string, path = '<input>'): ListDocument {
  const b = newBuilder(fileText);
  addBlocks(b, tree.children, 0, true);
  return documentOf(path, false, b);
}

// Built once: combining the extensions costs more than parsing a small section.
const MARKDOWN_OPTIONS = { extensions: [gfm()], mdastExtensions: gfmFromMarkdown().map(onlyWhenNeeded) };

type MdastExtension = ReturnType<typeof gfmFromMarkdown>[number];
type Transform = NonNullable<MdastExtension['transforms']>[number];

/**
 * GFM's autolink-literal transform walks the whole tree four times (once per
 * pattern) looking for bare URLs and e-mail addresses in text. Each of its
 * patterns needs `http(s)://`, `www` or `@` in a text node outside links, so
 * one walk that finds none of them can skip it: the tree is the same.
 */
function onlyWhenNeeded(extension: MdastExtension): MdastExtension {
  if (!extension.transforms) return extension;
  const gate = (transform: Transform): Transform =>
    transform.name === 'transformGfmAutolinkLiterals' ? (tree) => (mayHoldAutolinkLiteral(tree) ? transform(tree) : undefined) : transform;
  return { ...extension, transforms: extension.transforms.map(gate) };
}

const AUTOLINK_LITERAL_HINT = /https?:\/\/|www|@/i;

function mayHoldAutolinkLiteral(node: Nodes): boolean {
  if (node.type === 'text') return AUTOLINK_LITERAL_HINT.test(node.value);
  if (node.type === 'link' || node.type === 'linkReference' || !('children' in node)) return false;
  for (const child of node.children) if (mayHoldAutolinkLiteral(child)) return true;
  return false;
}

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, MARKDOWN_OPTIONS);
}

/**
 * Link reference definitions are document-wide, so such a document is parsed
 * whole. A definition may sit in a list item or a quote, at any depth.
 */
function hasDefinitions(text: string): boolean {
  // The label (at most 999 characters) may hold escaped brackets and line breaks.
  return /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*\[(?:[^\]\\]|\\[\s\S]){1,999}\]:/m.test(text);
}

/**
 * Offsets of lines that start an ATX heading at column 0 outside fenced code
 * and HTML blocks: such a line always ends whatever block came before, so the
 * text can be cut there. Unsure cases are simply not cut.
 *
 * This scan does not track containers. A fence or HTML block that opens
 * indented may sit in a list item, where CommonMark ends it with the item
 * (`-` / `  ```` / `text` / `  ```` opens a fence on its fourth line that runs
 * to the end); the scan would take that fourth line for the close and cut at a
 * heading that is really code. So after such an opener nothing more is cut:
 * remark reads the rest as one piece, as it reads a whole document.
 */
export function splitIntoChunks(text: string): number[] {
  const starts = [0];
  let fence: string | null = null;
  let html: RegExp | null = null;
  let offset = 0;
  while (offset < text.length) {
    let next = text.indexOf('\n', offset);
    if (next === -1) next = text.length;
    else next += 1;
    const line = text.slice(offset, next).replace(/\r?\n$/, '');
    if (fence !== null) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
    } else if (html !== null) {
      // A blank-line-ended HTML block may really be a list item's lazy paragraph, which a fence interrupts.
      if (html === BLANK_LINE && /^ {0,3}(`{3,}|~{3,})/.test(line)) return starts;
      if (html.test(line)) html = null;
    } else {
      const open = /^( {0,3})(`{3,}|~{3,})/.exec(line);
      if (open) {
        if (open[1].length > 0) return starts;
        fence = open[2];
      } else if (/^ {0,3}</.test(line)) {
        if (/^ {1,3}</.test(line)) return starts;
        html = htmlBlockEnd(line);
      } else if (offset > 0 && /^#{1,6}(?:[ \t]|$)/.test(line)) starts.push(offset);
    }
    offset = next;
  }
  return starts;
}

/** What ends most HTML blocks; `htmlBlockEnd` returns this one object, so `=== BLANK_LINE` tells such a block. */
const BLANK_LINE = /^\s*$/;

/** What ends an HTML block that starts on this line; null when it ends on the same line. */
function htmlBlockEnd(line: string): RegExp | null {
  const rawTag = /^ {0,3}<(pre|script|style|textarea)[\s>]/i.exec(line);
  if (rawTag) {
    const end = new RegExp(`</${rawTag[1]}>`, 'i');
    return end.test(line.slice(rawTag[0].length)) ? null : end;
  }
  if (/^ {0,3}<!--/.test(line)) return /-->/.test(line.slice(4)) ? null : /-->/;
  if (/^ {0,3}<\?/.test(line)) return /\?>/.test(line) ? null : /\?>/;
  if (/^ {0,3}<!\[CDATA\[/.test(line)) return /\]\]>/.test(line) ? null : /\]\]>/;
  if (/^ {0,3}<![A-Za-z]/.test(line)) return />/.test(line) ? null : />/;
  // Other HTML blocks end at a blank line.
  return BLANK_LINE;
}

interface Builder {
  text: string;
  lineStarts: number[];
  sections: Section[];
  lists: ListBlock[];
  items: Item[];
  allLists: ListBlock[];
  /** Link reference definitions: identifier → span of the URL in the definition. */
  definitions: Map<string, Span>;
  /** The section that the next lists belong to. */
  section: Section | null;
}

function newBuilder(text: string): Builder {
  return { text, lineStarts: buildLineStarts(text), sections: [], lists: [], items: [], allLists: [], definitions: new Map(), section: null };
}

/** Add a tree's top-level blocks, whose offsets start at `base` in the text; with `definitions`, read those first. */
function addBlocks(b: Builder, nodes: RootContent[], base: number, definitions: boolean): void {
  // A label's first definition wins, as in CommonMark: earlier ones stay.
  if (definitions) for (const [label, span] of collectDefinitions(b.text, nodes, base)) if (!b.definitions.has(label)) b.definitions.set(label, span);
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      const span = spanOf(node, base);
      b.section = { title: toString(node), depth: node.depth, line: lineAt(b.lineStarts, span.start), span, lists: [] };
      b.sections.push(b.section);
    } else if (node.type === 'list') {
      const block = buildList(b, node, base, null, b.section, 0);
      b.lists.push(block);
      b.section?.lists.push(block);
    } else if (node.type === 'blockquote') {
      for (const child of node.children) visit(child);
    }
  };
  for (const node of nodes) visit(node);
}

/** The document around a built model. */
function documentOf(path: string, bom: boolean, b: Builder): ListDocument {
  return {
    path,
    text: b.text,
    bom,
    eol: eolOf(b.text),
    sections: b.sections,
    lists: b.lists,
    allLists: b.allLists,
    items: b.items,
    lineStarts: b.lineStarts,
  };
}

function eolOf(text: string): '\n' | '\r\n' {
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  return crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n';
}

function buildList(
  b: Builder,
  node: List,
  base: number,
  parent: Item | null,
  section: Section | null,
  depth: number,
): ListBlock {
  const block: ListBlock = { span: spanOf(node, base), items: [], parent, section, depth };
  b.allLists.push(block);
  for (const child of node.children) block.items.push(buildItem(b, child, base, block, section, depth));
  const isEntry = bareLinkIsEntry(block.items);
  for (const item of block.items) {
    const entry = item.entry;
    item.isBlogEntry = entry?.kind === 'blog' || (entry?.kind === 'bare-link' && entry.link !== null && isEntry(entry.link));
  }
  return block;
}

/**
 * Which lone links of a list are blog entries that lack their parts: all of
 * them when most items are blog entries; else, when some siblings are dated
 * blog entries and `[name](url) - description` items do not outnumber blog
 * entries, those that link to a site a dated sibling comes from (a WeChat
 * article among dated WeChat articles, not a project's home page beside them).
 */
function bareLinkIsEntry(items: Item[]): (link: EntryLink) => boolean {
  let blogs = 0;
  let described = 0;
  for (const item of items) {
    const kind = item.entry?.kind;
    if (kind === 'blog') blogs++;
    else if (kind === 'described') described++;
  }
  if (blogs * 2 > items.length) return () => true;
  if (blogs === 0 || blogs < described) return () => false;
  // Hosts only here: most lists are decided by the counts above (a URL regex per entry was a share of parse time).
  const datedHosts = new Set<string>();
  for (const item of items) {
    const entry = item.entry;
    const host = entry?.kind === 'blog' && entry.date && entry.link ? hostOf(entry.link.url) : null;
    if (host) datedHosts.add(host);
  }
  if (datedHosts.size === 0) return () => false;
  return (link) => datedHosts.has(hostOf(link.url) ?? '');
}

/** `mp.weixin.qq.com` from `https://mp.weixin.qq.com/s/…`; a leading `www.` is dropped. */
function hostOf(url: string): string | null {
  const m = /^(?:https?:)?\/\/(?:www\.)?([^/?#:\s]+)/i.exec(url);
  return m ? m[1].toLowerCase() : null;
}

function buildItem(
  b: Builder,
  node: ListItem,
  base: number,
  list: ListBlock,
  section: Section | null,
  depth: number,
): Item {
  const raw = spanOf(node, base);
  const start = lineStartOf(b, raw.start);
  const end = lineEndOf(b.text, Math.max(itemContentEnd(b, node, base, raw), raw.start));
  const item: Item = {
    index: b.items.length,
    span: { start, end },
    markerOffset: raw.start,
    line: lineAt(b.lineStarts, raw.start),
    entry: null,
    isBlogEntry: false,
    children: [],
    list,
  };
  b.items.push(item);
  const first = node.children[0];
  if (first && first.type === 'paragraph') {
    const paraStart = (first.position?.start.offset ?? 0) + base;
    if (lineAt(b.lineStarts, paraStart) === item.line) item.entry = buildEntry(b.text, first, base, b.definitions);
  }
  for (const list of childListsOf(node.children)) item.children.push(buildList(b, list, base, item, section, depth + 1));
  return item;
}

/** An item's own lists: those directly in it and those in blockquotes in it (`> - a`), in document order. */
function childListsOf(nodes: ListItem['children'], out: List[] = []): List[] {
  for (const node of nodes) {
    if (node.type === 'list') out.push(node);
    else if (node.type === 'blockquote') childListsOf(node.children, out);
  }
  return out;
}

/**
 * Where an item's content ends. micromark may end a list item (and an unclosed
 * fenced code block in it) at the start of the next item's line; the item
 * then really ends on the line before, so the next item is not part of it.
 */
function itemContentEnd(b: Builder, node: ListItem, base: number, raw: Span): number {
  let last = raw.end;
  const lastChild = node.children[node.children.length - 1];
  const childEnd = lastChild?.position?.end.offset;
  if (childEnd !== undefined) last = Math.min(last, childEnd + base);
  if (last > raw.start && b.lineStarts[lineAt(b.lineStarts, last) - 1] === last) {
    last -= 1;
    // Back before the whole line ending: a CRLF's CR is not the item's (else the item ends between CR and LF).
    if (last > raw.start && b.text.charCodeAt(last - 1) === 13) last -= 1;
  }
  return last;
}

const MARKER = /\s*:[a-z0-9_+-]+:\s*$/;
/**
 * A short note after the date (`转载`, `repost`, `(updated)`, `（[paper](url)）`) is the
 * author's annotation: the date before it is still the entry's date. A note is
 * a bracketed remark, or up to 24 characters without digits (so that a second
 * date is never taken for a note).
 */
const NOTE = String.raw`(?:[(（\[][^|｜\n]*[)）\]]|[^\s|｜\d(（\[][^|｜\n\d]{0,23})`;
/** The date after the separator, and a note after it. */
const DATE_AND_NOTE = new RegExp(`(${DATE_PATTERN})(?:\\s+${NOTE})?\\s*$`);
/** `[title](url) source 2023-01-05`: only a full date at the very end makes such a line a blog entry. */
const YEAR_DATE_AT_END = /(?<!\d)(\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$/;
const EXTRA_BARS = /^([|｜](?:\s*[|｜])*)\s*/;
const LABEL = /^[^[\]]{1,80}?[:：]\s*$/;
/** A label that holds a link itself: `Claude([Anthropic](https://www.anthropic.com/)): `. */
const LINKED_LABEL = /^[^\n]{1,200}?[:：]\s*$/;

function buildEntry(text: string, para: Paragraph, base: number, definitions: Map<string, Span>): Entry {
  const lineStart = (para.position?.start.offset ?? 0) + base;
  const lineEnd = lineEndOf(text, lineStart);
  const line: TextPart = { text: text.slice(lineStart, lineEnd), span: { start: lineStart, end: lineEnd } };
  const links = collectLinks(para.children, base, definitions)
    .filter((l) => l.span.start < lineEnd)
    .map((l) => toEntryLink(text, l));
  const entry: Entry = {
    kind: 'other',
    label: null,
    link: null,
    links,
    stray: null,
    separator: null,
    extraBars: null,
    source: null,
    sourceLink: null,
    date: null,
    note: null,
    markers: [],
    line,
  };
  const main = mainLinkOf(text, lineStart, links);
  if (!main) return entry;
  const prefix = text.slice(lineStart, main.span.start);
  const bracketed = text[main.span.start] === '[';
  if (prefix.length > 0) {
    // mainLinkOf only passes over the first link for a label that holds a link.
    if (!bracketed || (main === links[0] && !LABEL.test(prefix))) {
      entry.link = main;
      return entry;
    }
    entry.label = part(text, lineStart, main.span.start, true);
  }
  if (!bracketed) {
    entry.link = main;
    return entry;
  }
  entry.link = main;
  // Trailing markers such as :thumbsup:, stripped from the end one by one.
  let restEnd = lineEnd;
  for (;;) {
    const m = MARKER.exec(text.slice(main.span.end, restEnd));
    if (!m || m[0].trim() === '') break;
    const mStart = main.span.end + m.index;
    const marker = part(text, mStart, restEnd, true);
    if (marker) entry.markers.unshift(marker);
    restEnd = mStart;
  }
  const after = text.slice(main.span.end, restEnd);
  const sep = /^([^|｜]*?)(\s*[|｜]\s*)/.exec(after);
  let kind: EntryKind;
  let restStart: number;
  if (sep && sep[1].trim().length <= 3 && !sep[1].trim().startsWith(':')) {
    kind = 'blog';
    if (sep[1].trim()) entry.stray = part(text, main.span.end, main.span.end + sep[1].length, true);
    const sepStart = main.span.end + sep[1].length;
    entry.separator = { text: sep[2], span: { start: sepStart, end: sepStart + sep[2].length } };
    restStart = sepStart + sep[2].length;
    // `||`, `| |`: the bars after the first are not part of the source.
    const extra = EXTRA_BARS.exec(text.slice(restStart, restEnd));
    if (extra) {
      entry.extraBars = { text: extra[1], span: { start: restStart, end: restStart + extra[1].length } };
      restStart += extra[0].length;
    }
  } else if (after.trim() === '') {
    entry.kind = 'bare-link';
    return entry;
  } else if (/^\s/.test(after) && YEAR_DATE_AT_END.test(after)) {
    // `[title](url) source 2023-01-05`: a blog entry without its separator.
    kind = 'blog';
    restStart = main.span.end;
  } else {
    entry.kind = 'described';
    return entry;
  }
  entry.kind = kind;
  const rest = text.slice(restStart, restEnd);
  const dm = (entry.separator ? DATE_AND_NOTE : YEAR_DATE_AT_END).exec(rest);
  let sourceEnd = restEnd;
  if (dm) {
    const dStart = restStart + dm.index;
    const raw = dm[1];
    entry.date = toEntryDate(raw, { start: dStart, end: dStart + raw.length });
    entry.note = part(text, dStart + raw.length, restEnd, true);
    sourceEnd = dStart;
  }
  entry.source = part(text, restStart, sourceEnd, true);
  if (entry.source) {
    const src = entry.source.span;
    entry.sourceLink = links.find((l) => l.span.start >= src.start && l.span.end <= src.end) ?? null;
  }
  return entry;
}

/** The first link, unless it sits inside a label that ends before a later link. */
function mainLinkOf(text: string, lineStart: number, links: EntryLink[]): EntryLink | undefined {
  const first = links[0];
  if (!first || first.span.start === lineStart || LABEL.test(text.slice(lineStart, first.span.start))) return first;
  const labelled = links.find((l) => text[l.span.start] === '[' && LINKED_LABEL.test(text.slice(lineStart, l.span.start)));
  return labelled ?? first;
}

/** Dates read so far: a list repeats a few hundred dates over thousands of entries. Bounded, for long-running hosts. */
const datesRead = new Map<string, ParsedDate>();

function toEntryDate(raw: string, span: Span): EntryDate {
  let parsed = datesRead.get(raw);
  if (!parsed) {
    if (datesRead.size >= 4096) datesRead.clear();
    parsed = parseDate(raw);
    datesRead.set(raw, parsed);
  }
  return { raw, span, value: parsed.value, wellFormed: parsed.wellFormed, hasYear: parsed.hasYear };
}

/** The trimmed text of `[start, end)`, or null when it is blank. */
function part(text: string, start: number, end: number, trim: boolean): TextPart | null {
  let s = start;
  let e = end;
  if (trim) {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
  }
  if (s >= e) return null;
  return { text: text.slice(s, e), span: { start: s, end: e } };
}

interface FoundLink {
  node: Link | LinkReference;
  span: Span;
  base: number;
  /** For `[title][ref]`: the URL's span in the definition. */
  definedUrl?: Span;
}

function collectLinks(
  children: PhrasingContent[],
  base: number,
  definitions: Map<string, Span>,
  out: FoundLink[] = [],
): FoundLink[] {
  for (const child of children) {
    const definedUrl = child.type === 'linkReference' ? definitions.get(child.identifier) : undefined;
    if (child.type === 'link') out.push({ node: child, span: spanOf(child, base), base });
    else if (definedUrl) out.push({ node: child as LinkReference, span: spanOf(child, base), base, definedUrl });
    else if ('children' in child) collectLinks(child.children as PhrasingContent[], base, definitions, out);
  }
  return out;
}

/** Link reference definitions (`[ref]: https://…`) anywhere in the blocks. */
function collectDefinitions(text: string, nodes: RootContent[], base: number): Map<string, Span> {
  const found = new Map<string, Span>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition') {
      const url = definitionUrlSpan(text, spanOf(node, base));
      // The first definition of a label wins, as in CommonMark.
      if (url && !found.has(node.identifier)) found.set(node.identifier, url);
    } else if ('children' in node) {
      for (const child of node.children) visit(child as Nodes);
    }
  };
  for (const node of nodes) visit(node);
  return found;
}

/** The URL of `[ref]: url "title"` or `[ref]: <url>`, as written. */
function definitionUrlSpan(text: string, span: Span): Span | null {
  const colon = text.indexOf(']:', span.start);
  if (colon === -1 || colon >= span.end) return null;
  let start = colon + 2;
  while (start < span.end && /\s/.test(text[start])) start++;
  if (text[start] === '<') {
    const gt = text.indexOf('>', start);
    return gt === -1 || gt > span.end ? null : { start: start + 1, end: gt };
  }
  let end = start;
  while (end < span.end && !/\s/.test(text[end])) end++;
  return end > start ? { start, end } : null;
}

/** Space, tab, CR or LF (a character comparison: this runs for every character of every URL). */
function isAsciiSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function toEntryLink(text: string, found: FoundLink): EntryLink {
  const { node, span, base } = found;
  const title = toString(node);
  if (found.definedUrl) {
    // `[title][ref]`, `[title][]` or `[title]`: the title is in the first brackets.
    const kids = node.children;
    const lastEnd = kids.length > 0 ? (kids[kids.length - 1].position?.end.offset ?? 0) + base : span.start + 1;
    const close = text.indexOf(']', lastEnd);
    const titleEnd = close !== -1 && close < span.end ? close : lastEnd;
    const urlSpan = found.definedUrl;
    return { title, url: text.slice(urlSpan.start, urlSpan.end), span, titleSpan: { start: span.start + 1, end: titleEnd }, urlSpan };
  }
  if (text[span.start] !== '[') {
    // A GFM autolink literal or `<url>`: the text is the URL.
    const inner = text[span.start] === '<' ? { start: span.start + 1, end: span.end - 1 } : span;
    return { title, url: text.slice(inner.start, inner.end), span, titleSpan: inner, urlSpan: inner };
  }
  const kids = node.children;
  const titleStart = span.start + 1;
  let titleEnd = kids.length > 0 ? (kids[kids.length - 1].position?.end.offset ?? 0) + base : titleStart;
  // The title ends at the `](` that follows its last child.
  const close = text.indexOf('](', titleEnd);
  if (close !== -1 && close < span.end) titleEnd = close;
  let urlStart = titleEnd + 2;
  let urlEnd = span.end - 1;
  while (urlStart < urlEnd && /\s/.test(text[urlStart])) urlStart++;
  if (text[urlStart] === '<') {
    const gt = text.indexOf('>', urlStart);
    urlStart += 1;
    urlEnd = gt === -1 || gt > urlEnd ? urlEnd : gt;
  } else {
    // A link title (`"..."`) may follow the destination after whitespace: ASCII
    // whitespace, as in CommonMark (a no-break space is part of the URL).
    let i = urlStart;
    let depth = 0;
    while (i < urlEnd) {
      const c = text[i];
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (isAsciiSpace(c) && depth <= 0) break;
      i++;
    }
    urlEnd = Math.min(i, urlEnd);
  }
  while (urlEnd > urlStart && isAsciiSpace(text[urlEnd - 1])) urlEnd--;
  return {
    title,
    url: text.slice(urlStart, urlEnd),
    span,
    titleSpan: { start: titleStart, end: titleEnd },
    urlSpan: { start: urlStart, end: urlEnd },
  };
}

function spanOf(node: Nodes, base: number): Span {
  return { start: (node.position?.start.offset ?? 0) + base, end: (node.position?.end.offset ?? 0) + base };
}

function lineStartOf(b: Builder, offset: number): number {
  return b.lineStarts[lineAt(b.lineStarts, offset) - 1];
}

/** End of the line that holds `offset`, before its line ending. */
export function lineEndOf(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > 0 && text[end - 1] === '\r') end--;
  return Math.max(end, offset);
}
