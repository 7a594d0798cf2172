/**
 * `entry-metadata` — a blog entry says what its page says: the same publish
 * date (within a day), the same title, the same publisher.
 *
 * When to use it: on lists whose entries are copied by hand from the pages
 * they link (dates typed from memory, titles shortened, the wrong account
 * named). It needs the pages, so it runs only where links are read
 * (`links --metadata`, the pull-request check on the entries a PR adds, the
 * App), never in plain `lint`. This module is the I/O-free comparison; the
 * page reader (src/links/metadata) is injected by the front ends.
 *
 * What counts as different:
 * - date: more than one day from the page's publish date (a day either way is
 *   a time zone: WeChat dates its articles in UTC+8, a writer in UTC-8 sees
 *   the day before). Fix: the page's date, written the way the entry writes
 *   its date (`2023/01/05` stays slashed, `2023年1月5日` stays Chinese).
 * - title: beyond case, width, whitespace and punctuation, and beyond a site
 *   name one side adds (`Title - 知乎`, `机器之心 | Title`). A title in another
 *   script (a Chinese title for an English paper) is a translation, not
 *   compared; nor is a title the page gives only in `<title>` (many pages put
 *   just the site's name there). Fix: the page's title, escaped so the entry
 *   stays one valid Markdown link.
 * - source: beyond case, width and whitespace; a source that contains the
 *   publisher or is contained in it (`刘鹏飞 知乎专栏` for `刘鹏飞`) or names
 *   the platform or site (`知乎`, `Medium`) is right too. Not compared on
 *   arXiv and GitHub, whose "publisher" (the platform, an owner's login) is
 *   not what lists write there. Fix: the page's publisher.
 *
 * No message when the page gave no value (or the entry has none: the
 * `entry-format` rule reports a missing part). A repost (an entry nested
 * under another entry, or marked `转载`/`repost`) links the reposting page,
 * so its date and source are the repost's and are checked like any entry's;
 * its title is not compared, because lists keep the original's title on a
 * repost on purpose and repost pages rename freely.
 *
 * Options: none. Default severity: warning.
 */
import type { ListkeeperConfig, RuleId } from './config/config-types.js';
import { DEFAULT_DATE_STYLE, daysApart, formatDateAs, isDateStyle, type DateStyle } from './date.js';
import { suppressionsOfDocument } from './lint.js';
import { lineEndOf } from './parse.js';
import { mainLink, quote } from './rules/shared.js';
import type { Finding, Item, ListDocument, Severity, Span } from './types.js';

export const ENTRY_METADATA_RULE_ID = 'entry-metadata' satisfies RuleId;

/** A value a page gave, with where it came from (structurally `MetadataField` of src/links/metadata/types.ts). */
export interface PageClaim<T> {
  value: T;
  from: string;
}

/** What the comparison needs of a page: `PageMetadata` fits it. */
export interface PageClaims {
  title: PageClaim<string> | null;
  source: PageClaim<string> | null;
  published: PageClaim<{ value: string }> | null;
  /** Which extractor read the page (`wechat`, `zhihu`, `arxiv`, `github`, `generic`), when known. */
  site?: string;
  /** Where the page was read, when known: its host's names count as a source too (`Medium`). */
  finalUrl?: string;
}

/**
 * Sites whose "publisher" is not what a list names as an entry's source:
 * arXiv is the platform, a GitHub owner a login, while lists write a lab or
 * a person there. Their sources are not compared.
 */
const NO_PUBLISHER_SITES: ReadonlySet<string> = new Set(['arxiv', 'github']);

/** What lists write as the source when they name the platform rather than the publisher. */
const PLATFORM_NAMES: Record<string, readonly string[]> = {
  zhihu: ['知乎', '知乎专栏', '知乎问题', '知乎回答', '知乎文章', 'zhihu'],
  wechat: ['微信', '公众号', '微信公众号', 'wechat', 'weixin'],
};

/** A part of the entry line: its text and where it is in the file. */
export interface EntryPart {
  text: string;
  span: Span;
}

/**
 * What the comparison needs of one blog entry, as plain data: the PR check
 * builds it where it parses (a worker) and compares after reading pages.
 */
export interface EntryFacts {
  path: string;
  /** 1-based line of the entry. */
  line: number;
  /** Offset where the line starts, and the line's text (no line ending): suggestions replace whole lines. */
  lineStart: number;
  lineText: string;
  /** The entry's link as written. */
  url: string;
  /** The link's title as written (Markdown). */
  title: EntryPart;
  /** The source text, or the title of a source link (`[机器之心](…)`). */
  source: EntryPart | null;
  /** The date as written, and its `YYYY-MM-DD` value when it is a real date. */
  date: (EntryPart & { value: string | null }) | null;
  /** Nested under another entry, or marked `转载`/`repost`. */
  repost: boolean;
  /** How the fix writes a date: the entry's own style, else the list's (`date-format` style). */
  dateStyle: DateStyle;
}

const REPOST_NOTE = /转载|转发|转自|repost|re-post|cross-?post/i;

/** The facts of a blog entry with a link, or null for other items. */
export function entryFactsOf(doc: ListDocument, item: Item, listDateStyle: DateStyle = DEFAULT_DATE_STYLE): EntryFacts | null {
  const entry = item.entry;
  const link = entry && item.isBlogEntry ? mainLink(entry) : null;
  if (!entry || !link) return null;
  const lineStart = doc.lineStarts[item.line - 1];
  const lineText = doc.text.slice(lineStart, lineEndOf(doc.text, lineStart));
  const source = entry.sourceLink
    ? { text: entry.sourceLink.title, span: entry.sourceLink.titleSpan }
    : entry.source
      ? { text: entry.source.text, span: entry.source.span }
      : null;
  const parent = item.list.parent;
  const repost = (parent !== null && parent.isBlogEntry) || (entry.note !== null && REPOST_NOTE.test(entry.note.text));
  return {
    path: doc.path,
    line: item.line,
    lineStart,
    lineText,
    url: link.url,
    title: { text: link.title, span: link.titleSpan },
    source,
    date: entry.date ? { text: entry.date.raw, span: entry.date.span, value: entry.date.value } : null,
    repost,
    dateStyle: entry.date ? (styleOfDate(entry.date.raw, listDateStyle) ?? listDateStyle) : listDateStyle,
  };
}

/** The list's date style from the `date-format` rule's options (the config loader validates it). */
export function listDateStyle(options: Record<string, unknown> | undefined): DateStyle {
  return isDateStyle(options?.style) ? options.style : DEFAULT_DATE_STYLE;
}

/**
 * The style a date is written in, when it is one of the styles; for
 * `2023年10月12日`, which both Chinese styles write, the list's style decides.
 */
export function styleOfDate(raw: string, listStyle: DateStyle = DEFAULT_DATE_STYLE): DateStyle | null {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'YYYY-MM-DD';
  if (/^\d{4}\/\d{2}\/\d{2}$/.test(text)) return 'YYYY/MM/DD';
  if (/^\d{4}\.\d{2}\.\d{2}$/.test(text)) return 'YYYY.MM.DD';
  const chinese = /^\d{4}年(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (!chinese) return null;
  const [month, day] = [chinese[1], chinese[2]];
  const padded = month.length === 2 && day.length === 2;
  const unpadded = !month.startsWith('0') && !day.startsWith('0');
  if (padded && unpadded) return listStyle === 'YYYY年MM月DD日' ? listStyle : 'YYYY年M月D日';
  return padded ? 'YYYY年MM月DD日' : unpadded ? 'YYYY年M月D日' : null;
}

/** Every difference between an entry and its page, as findings with fixes. */
export function compareEntryWithPage(facts: EntryFacts, page: PageClaims, severity: Severity = 'warning'): Finding[] {
  const out: Finding[] = [];
  const finding = (part: EntryPart, reason: string, replacement: string): Finding => ({
    ruleId: ENTRY_METADATA_RULE_ID,
    severity,
    reason,
    path: facts.path,
    start: pointIn(facts, part.span.start),
    end: pointIn(facts, part.span.end),
    fix: { start: part.span.start, end: part.span.end, text: replacement },
  });
  const published = page.published;
  if (facts.date?.value && published && isDay(published.value.value) && daysApart(facts.date.value, published.value.value) > 1) {
    const written = formatDateAs(published.value.value, facts.dateStyle);
    out.push(finding(facts.date, `Date ${quote(facts.date.text)} differs from the page's publish date ${quote(written)} (${oneLine(published.from)})`, written));
  }
  // A bare `<title>` is weak evidence: many pages put only the site's name or a placeholder there.
  const title = page.title?.from === WEAK_TITLE_SOURCE ? null : page.title;
  // A title in another script is a translation (a Chinese title for an English paper), not a mistake.
  if (!facts.repost && title && titleKey(title.value) !== '' && sameScript(facts.title.text, title.value) && !sameTitle(facts.title.text, title.value)) {
    const written = escapeLinkText(title.value);
    // Page text in a message is one line: a line break could end the code span in a comment.
    out.push(finding(facts.title, `Title ${quote(facts.title.text)} differs from the page's title ${quote(oneLine(title.value))} (${oneLine(title.from)})`, written));
  }
  const source = page.source;
  if (facts.source && source && sourceKey(source.value) !== '' && !NO_PUBLISHER_SITES.has(page.site ?? '') && !sameSource(facts.source.text, source.value, page)) {
    const written = escapeSource(source.value);
    out.push(finding(facts.source, `Source ${quote(facts.source.text)} differs from the page's publisher ${quote(oneLine(source.value))} (${oneLine(source.from)})`, written));
  }
  return out;
}

/**
 * Titles are the same when they are after case, width, whitespace and
 * punctuation are set aside, or when one is the other plus a site name
 * (`Title - 知乎`, `Title | Lab Blog`, `机器之心 | Title`).
 */
export function sameTitle(a: string, b: string): boolean {
  const ka = titleKey(a);
  const kb = titleKey(b);
  if (ka === kb) return true;
  return titleCores(a).some((x) => titleCores(b).some((y) => x === y && x !== ''));
}

/** The reader's name for a title read only from `<title>` (src/links/metadata). */
const WEAK_TITLE_SOURCE = '<title>';

/** Case, width, whitespace, punctuation and Markdown escapes set aside. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The separators that set a site name off a title. */
const SITE_SEPARATOR = /\s+[-|_–—·]\s+|\s*[｜]\s*/u;
/** A site name is short; a longer trailing part is a subtitle, which counts. */
const MAX_SITE_NAME = 30;

/** The title, and the title without one leading or trailing site name. */
function titleCores(title: string): string[] {
  const parts = title.split(SITE_SEPARATOR);
  const cores = [titleKey(title)];
  if (parts.length < 2) return cores;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (last.trim().length <= MAX_SITE_NAME) cores.push(titleKey(title.slice(0, title.length - last.length).replace(/[\s\p{P}\p{S}]+$/u, '')));
  if (first.trim().length <= MAX_SITE_NAME) cores.push(titleKey(title.slice(first.length)));
  return cores;
}

/**
 * The entry names the page's publisher: the same name, one containing the
 * other (`刘鹏飞 知乎专栏` for `刘鹏飞`, `知乎-科技商说` for `科技商说`), or
 * the platform or site itself (`知乎`, `Medium` for medium.com).
 */
export function sameSource(written: string, publisher: string, page: Pick<PageClaims, 'site' | 'finalUrl'> = {}): boolean {
  const a = sourceKey(written);
  const b = sourceKey(publisher);
  if (a === b) return true;
  // Two characters at least: one letter inside a name is no evidence.
  if ((a.length >= 2 && b.includes(a)) || (b.length >= 2 && a.includes(b))) return true;
  return platformNamesOf(page).has(a);
}

function platformNamesOf(page: Pick<PageClaims, 'site' | 'finalUrl'>): Set<string> {
  const names = new Set((PLATFORM_NAMES[page.site ?? ''] ?? []).map(sourceKey));
  const host = hostOf(page.finalUrl);
  // `zhuanlan.zhihu.com` → zhihu, zhuanlan; the top-level domain and `www` name nothing.
  if (host) for (const label of host.split('.').slice(0, -1)) if (label !== 'www') names.add(label);
  return names;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Both with Han/kana/hangul letters, or both without. */
function sameScript(a: string, b: string): boolean {
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  return cjk.test(a) === cjk.test(b);
}

function sourceKey(source: string): string {
  return source.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Page text as a link's text: one line, and nothing that ends the link or starts other markup. */
export function escapeLinkText(text: string): string {
  return oneLine(text).replace(/[\\[\]|`<*_]/g, (ch) => `\\${ch}`);
}

/** Page text as an entry's source: one line; no bar (the separator) and no brackets (a link). */
function escapeSource(text: string): string {
  return oneLine(text).replace(/[\\[\]|`<]/g, (ch) => `\\${ch}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** A point on the entry's line (every part of an entry is on its first line). */
function pointIn(facts: EntryFacts, offset: number): Finding['start'] {
  return { line: facts.line, column: offset - facts.lineStart + 1, offset };
}

/**
 * The facts of every blog entry to compare with its page: on `onLines` when
 * given (a PR's added lines), not silenced by `<!-- lint ignore entry-metadata -->`
 * and friends; none when the rule is off.
 */
export function entryFactsOfDocuments(
  docs: readonly ListDocument[],
  config: ListkeeperConfig,
  onLines?: (path: string) => ReadonlySet<number> | null | undefined,
): EntryFacts[] {
  if (config.rules[ENTRY_METADATA_RULE_ID].severity === 'off') return [];
  const style = listDateStyle(config.rules['date-format']?.options);
  const out: EntryFacts[] = [];
  for (const doc of docs) {
    const lines = onLines?.(doc.path);
    if (onLines && !lines) continue;
    const silenced = suppressionsOfDocument(doc);
    for (const item of doc.items) {
      if (lines && !lines.has(item.line)) continue;
      const facts = entryFactsOf(doc, item, style);
      if (facts && !silenced.isSuppressed(ENTRY_METADATA_RULE_ID, item.entry?.line.span.start ?? item.span.start)) out.push(facts);
    }
  }
  return out;
}
