/** Small helpers the lint rules share. */
import { pointAt } from '../position.js';
import { normalizeUrl } from '../url.js';
import { compileUserPatterns, type UserPattern } from '../config/user-pattern.js';
import type { RuleContext } from '../rule.js';
import type { Entry, EntryLink, Item, ListDocument, TextPart } from '../types.js';

/** Where rules are documented for users: the README (each rule's file documents it for contributors). */
export const DOCS_URL = 'https://github.com/listkeeper/listkeeper';

export function ruleUrl(id: string): string {
  // The README's rule table documents every rule (one anchor for all: rows carry no anchors of their own).
  return `${DOCS_URL}/blob/main/README.md#rules`;
}

/** An item that has an entry line. */
export interface EntryItem {
  item: Item;
  entry: Entry;
}

const entryItemsOf = new WeakMap<ListDocument, readonly EntryItem[]>();
const blogEntriesOf = new WeakMap<ListDocument, readonly EntryItem[]>();

/** Every item of the document that has an entry line, in document order (built once per document: most rules walk them). */
export function entryItems(doc: ListDocument): readonly EntryItem[] {
  let out = entryItemsOf.get(doc);
  if (!out) {
    const built: EntryItem[] = [];
    for (const item of doc.items) if (item.entry) built.push({ item, entry: item.entry });
    entryItemsOf.set(doc, built);
    out = built;
  }
  return out;
}

/** Blog entries only: the items held to `[title](url) | source YYYY-MM-DD`. */
export function blogEntries(doc: ListDocument): readonly EntryItem[] {
  let out = blogEntriesOf.get(doc);
  if (!out) {
    out = entryItems(doc).filter(({ item }) => item.isBlogEntry);
    blogEntriesOf.set(doc, out);
  }
  return out;
}

/** How a blog entry's separator should read, and the part of the line that is held to it. */
export interface SeparatorCheck {
  /** The separator as checked: its text and span. */
  actual: TextPart;
  /** ` | `, or ` |` when nothing follows on the line (a space there would be trailing whitespace). */
  expected: string;
  /** True when the line holds nothing after the separator (and its extra bars). */
  endsLine: boolean;
}

/**
 * The separator of an entry as `entry-format` and `whitespace` check it, with
 * the whitespace after it (some of which the model gives to a trailing marker).
 * When nothing follows it on the line, its trailing whitespace is left out:
 * that is trailing whitespace, which the `whitespace` rule removes with its own fix.
 */
export function separatorCheck(text: string, entry: Entry): SeparatorCheck | null {
  const sep = entry.separator;
  if (!sep) return null;
  const lineEnd = entry.line.span.end;
  let end = sep.span.end;
  while (end < lineEnd && /\s/.test(text[end])) end++;
  const endsLine = text.slice(entry.extraBars?.span.end ?? end, lineEnd).trim() === '';
  if (endsLine) end = sep.span.start + sep.text.trimEnd().length;
  return { actual: { text: text.slice(sep.span.start, end), span: { start: sep.span.start, end } }, expected: endsLine ? ' |' : ' | ', endsLine };
}

/** `README.md:12`, for messages that name another place. */
export function placeOf(doc: ListDocument, offset: number): string {
  return `${doc.path}:${pointAt(doc, offset).line}`;
}

/** Code-formatted text for messages, shortened when long. */
export function quote(text: string, max = 80): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  // A fence longer than any backtick run inside keeps the span whole, so text
  // from the list (an `@name`, say) can never end up outside it.
  const longestRun = Math.max(0, ...(short.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = longestRun > 0 || short.startsWith(' ') || short.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${short}${pad}${fence}`;
}

/** Characters that do not show (a no-break space shows as a space, but is not one). */
const INVISIBLE_NAMES: Record<string, string> = {
  '\u200B': 'a zero-width space',
  '\u200C': 'a zero-width non-joiner',
  '\u200D': 'a zero-width joiner',
  '\u2060': 'a word joiner',
  '\uFEFF': 'a byte order mark',
  '\u00AD': 'a soft hyphen',
  '\u00A0': 'a no-break space',
};
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD\u00A0]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/**
 * `a zero-width space (U+200B)` for the first invisible character of the text, or null. In
 * `prose` (a title), a joiner that belongs where it is does not count (see `joinerInPlace`).
 */
export function invisibleIn(text: string, prose = false): string | null {
  // Called on every title: nearly all have none, and the first test allocates nothing.
  if (!INVISIBLE.test(text)) return null;
  INVISIBLE_ALL.lastIndex = 0;
  for (let m = INVISIBLE_ALL.exec(text); m; m = INVISIBLE_ALL.exec(text)) {
    if (prose && joinerInPlace(text, m.index)) continue;
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `${INVISIBLE_NAMES[m[0]]} (U+${code})`;
  }
  return null;
}

/**
 * The text without invisible characters. `prose` (a title) turns a no-break space into a space
 * instead, and keeps a joiner that belongs where it is.
 */
export function withoutInvisible(text: string, prose = false): string {
  return text.replace(INVISIBLE_ALL, (c, index: number) => {
    if (!prose) return '';
    if (c === '\u00A0') return ' ';
    return joinerInPlace(text, index) ? c : '';
  });
}

/** An emoji, with its presentation selector or skin tone after it. */
const EMOJI_BEFORE = /\p{Extended_Pictographic}[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]*$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;
/** A letter or mark of a script written with joiners (Arabic and Persian, the Indic scripts…): not the ones that never use them. */
const JOINING_LETTER = /[\p{L}\p{M}]/u;
const NON_JOINING_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A zero-width joiner or non-joiner that is part of the text, not a stray: inside an emoji
 * sequence (`👨‍💼`, `❤️‍🩹` are one picture each; seen in real titles) or between two letters of a
 * script that uses joiners (a Persian word's ZWNJ). Removing those would change what shows.
 */
function joinerInPlace(text: string, index: number): boolean {
  const c = text[index];
  if (c !== '\u200D' && c !== '\u200C') return false;
  const before = text.slice(Math.max(0, index - 6), index);
  const after = text.slice(index + 1, index + 3);
  if (c === '\u200D' && EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after)) return true;
  const prev = [...before].pop() ?? '';
  const next = [...after][0] ?? '';
  return JOINING_LETTER.test(prev) && JOINING_LETTER.test(next) && !NON_JOINING_SCRIPT.test(prev) && !NON_JOINING_SCRIPT.test(next);
}

/** Every `)` closes an earlier `(` and none is left open: otherwise the parenthesis ends (or breaks) a Markdown link destination. */
export function balancedParentheses(url: string): boolean {
  let depth = 0;
  for (const c of url) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** True for `http://` and `https://` URLs and for scheme-less links that start with a host name. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url) || plainHost(url) !== null;
}

/** File extensions that make `name.ext` a relative file link rather than a host. */
const FILE_EXTENSIONS = new Set([
  'md', 'markdown', 'html', 'htm', 'txt', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'json', 'yml', 'yaml',
  'csv', 'ipynb', 'py', 'js', 'ts', 'zip',
]);

/**
 * The host of a link written without a scheme (`example.com/x`), when it is a
 * plain host name; null for relative links (`#top`, `./a.md`, `docs/x`).
 */
export function plainHost(url: string): string | null {
  const m = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z][a-z0-9-]*[a-z0-9]))(?::\d{1,5})?(?:[/?#]|$)/i.exec(url);
  if (!m) return null;
  const tld = m[2].toLowerCase();
  if (FILE_EXTENSIONS.has(tld) && !/^www\./i.test(url)) return null;
  return m[1];
}

/**
 * The links that stand for an item in duplicate detection: the main link of a
 * blog entry, bare link or `[name](url): description` item. Source links and
 * links inside `key: url` or prose items are not the item's resource.
 */
export function mainLink(entry: Entry): EntryLink | null {
  if (entry.kind === 'other' || !entry.link) return null;
  return isWebLink(entry.link.url) ? entry.link : null;
}

/** True for `[title][ref]` links, whose URL is written in a definition elsewhere. */
export function isReference(link: EntryLink): boolean {
  return link.urlSpan.start < link.span.start || link.urlSpan.end > link.span.end;
}

/**
 * Compile user regexes (validated by the config loader) on the linear-time
 * engine, so a pattern like `^(a+)+$` cannot hang a run; invalid ones are
 * skipped (a preset user gets them ignored).
 */
export function compilePatterns(value: unknown): UserPattern[] {
  return Array.isArray(value) ? compileUserPatterns(value) : [];
}

/** One main link of an item, with the key it is compared by. */
export interface Occurrence {
  doc: ListDocument;
  item: Item;
  link: EntryLink;
  line: number;
  key: string;
}

/** A later or newer occurrence, and the one it repeats. */
export interface Repeat {
  occurrence: Occurrence;
  anchor: Occurrence;
  /** "first linked" when the anchor comes first in the run, "already linked" when a newer copy precedes it. */
  anchorIsEarlier: boolean;
}

type RunCache = WeakMap<ListDocument[], { docs: ListDocument[]; isNew: RuleContext['isNew']; value: Map<ListDocument, Repeat[]> }>;

/**
 * Group the occurrences of a run by key and report all but one per group, per
 * document. The one kept is the first occurrence that a change did not add
 * (so a new entry repeating an old one is reported on the new line), or else
 * the first of all. Built once per run (`ctx.docs`) and rebuilt when the
 * array's documents changed.
 */
export function repeatsPerRun(
  cache: RunCache,
  ctx: RuleContext,
  collect: (doc: ListDocument) => Occurrence[],
  differs: (occurrence: Occurrence, anchor: Occurrence) => boolean = () => true,
): (doc: ListDocument) => Repeat[] {
  const hit = cache.get(ctx.docs);
  const fresh = hit && hit.isNew === ctx.isNew && hit.docs.length === ctx.docs.length && hit.docs.every((d, i) => d === ctx.docs[i]);
  let index = fresh ? hit.value : null;
  if (!index) {
    // Nearly every key occurs once: a group (an array) is made only for a key seen again.
    const firsts = new Map<string, Occurrence>();
    const groups = new Map<string, Occurrence[]>();
    for (const doc of ctx.docs) {
      for (const occurrence of collect(doc)) {
        const first = firsts.get(occurrence.key);
        if (first === undefined) firsts.set(occurrence.key, occurrence);
        else {
          const group = groups.get(occurrence.key);
          if (group) group.push(occurrence);
          else groups.set(occurrence.key, [first, occurrence]);
        }
      }
    }
    const built = new Map<ListDocument, Repeat[]>(ctx.docs.map((d) => [d, []]));
    // In the order of each key's first occurrence, as the groups were made before.
    for (const key of firsts.keys()) {
      const group = groups.get(key);
      if (!group) continue;
      const isNew = ctx.isNew;
      const anchor = (isNew && group.find((o) => !isNew(o.doc, o.line))) ?? group[0];
      const anchorAt = group.indexOf(anchor);
      group.forEach((occurrence, i) => {
        if (occurrence === anchor || !differs(occurrence, anchor)) return;
        built.get(occurrence.doc)?.push({ occurrence, anchor, anchorIsEarlier: anchorAt < i });
      });
    }
    for (const list of built.values()) list.sort((a, b) => a.occurrence.link.span.start - b.occurrence.link.span.start);
    cache.set(ctx.docs, { docs: [...ctx.docs], isNew: ctx.isNew, value: built });
    index = built;
  }
  const result = index;
  return (doc) => result.get(doc) ?? [];
}

const normalized = new WeakMap<EntryLink, string | null>();

/** `normalizeUrl` of a link, computed once per link for both duplicate rules. */
export function normalizedUrl(link: EntryLink): string | null {
  let value = normalized.get(link);
  if (value === undefined) {
    value = normalizeUrl(link.url);
    normalized.set(link, value);
  }
  return value;
}
