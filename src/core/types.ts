/**
 * The list model: what listkeeper understands of an awesome list.
 *
 * Every part keeps exact source offsets (UTF-16 code-unit offsets into
 * `ListDocument.text`, the file's text without its BOM), so that every change
 * to a user's file can be a text edit and every message can point at the
 * exact characters.
 */

/** Half-open range of offsets `[start, end)` into `ListDocument.text`. */
export interface Span {
  start: number;
  end: number;
}

export interface Point {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  offset: number;
}

export interface TextPart {
  text: string;
  span: Span;
}

/** A link on an entry line, `[title](url)`. */
export interface EntryLink {
  title: string;
  /** The URL exactly as written between the parentheses (trimmed). */
  url: string;
  /** The whole `[title](url)`. */
  span: Span;
  titleSpan: Span;
  /** The URL as written; empty span when the link has no destination. For `[title][ref]`, in the definition line. */
  urlSpan: Span;
}

/** How a date was written, and what it means. */
export interface EntryDate {
  raw: string;
  span: Span;
  /** `YYYY-MM-DD` when the date is a real calendar date (even if written another way). */
  value: string | null;
  /** True when written exactly as `YYYY-MM-DD`. */
  wellFormed: boolean;
  /** False for a month and day without a year (`9月9日`); `value` is then null. */
  hasYear: boolean;
}

/**
 * - `blog`: `[title](url) | source YYYY-MM-DD` (or an attempt at it: a link followed by a separator).
 * - `bare-link`: the line is only a link (plus markers). A blog entry without
 *   source and date when its siblings are blog entries (see `Item.isBlogEntry`).
 * - `described`: `[name](url): description` or `[name](url) by author` and other link-first lines.
 * - `other`: `key: value`, plain text, lines not led by a link.
 */
export type EntryKind = 'blog' | 'bare-link' | 'described' | 'other';

export interface Entry {
  kind: EntryKind;
  /** `Davinci(OpenAI): ` before the link. */
  label: TextPart | null;
  /** The entry's main link (the first link of the line); null for `other` without links. */
  link: EntryLink | null;
  /** Every link on the entry line, in order (the main link first when there is one). */
  links: EntryLink[];
  /** Non-blank text between the main link and the separator, e.g. a stray `)`. */
  stray: TextPart | null;
  /** ` | `, `｜`, `|` — with the whitespace around it. */
  separator: TextPart | null;
  /**
   * More bars right after the separator (the second `|` of `||`, `| |`, `｜|`),
   * from the first to the last; the source starts after them. Null when there are none.
   */
  extraBars: TextPart | null;
  /** The source after the separator (plain text or a link), trimmed. */
  source: TextPart | null;
  sourceLink: EntryLink | null;
  date: EntryDate | null;
  /** A short note after the date (`转载`, `(updated)`), trimmed; not part of the source. */
  note: TextPart | null;
  /** Trailing `:thumbsup:`-style markers. */
  markers: TextPart[];
  /** The whole first line of the item after the list marker, without the line ending. */
  line: TextPart;
}

export interface Item {
  /** Index in `ListDocument.items` (document order). */
  index: number;
  /** From the start of the marker line (indentation included) to the end of the item's last line (line ending excluded). */
  span: Span;
  /** Offset of the list marker (`-`, `*`, `1.`). */
  markerOffset: number;
  line: number;
  entry: Entry | null;
  /** True for blog entries, including bare links in lists of blog entries (see parse.ts bareLinkIsEntry). */
  isBlogEntry: boolean;
  children: ListBlock[];
  list: ListBlock;
}

export interface ListBlock {
  span: Span;
  items: Item[];
  parent: Item | null;
  section: Section | null;
  /** 0 for top-level lists. */
  depth: number;
}

export interface Section {
  /** The heading text (inline markup reduced to text). */
  title: string;
  depth: number;
  line: number;
  span: Span;
  lists: ListBlock[];
}

export interface ListDocument {
  /** Shown in messages; not read from. */
  path: string;
  /** The text that offsets refer to (BOM removed). */
  text: string;
  bom: boolean;
  /** `\r\n` when the file mostly uses CRLF. */
  eol: '\n' | '\r\n';
  sections: Section[];
  /** Top-level lists, in document order. */
  lists: ListBlock[];
  /** Every list at any depth, in document order. */
  allLists: ListBlock[];
  /** Every item at any depth, in document order. */
  items: Item[];
  /** Offsets where each line starts. */
  lineStarts: number[];
  /**
   * The chunks `parseList` built by its fast path alone (start offset → end),
   * in `text` as it was then: every line of them reads as simple text, which
   * lets sort verification re-read them by structure alone (parse-fast.ts `shapeOnly`).
   */
  simpleChunks?: { text: string; ends: ReadonlyMap<number, number> };
}

/** A change to a file's text: replace `[start, end)` with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type Severity = 'error' | 'warning';

/** One lint message, independent of unified/vfile so every front end can use it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  reason: string;
  path: string;
  start: Point;
  end: Point;
  /** The unambiguous fix, when there is one. */
  fix: TextEdit | null;
}
