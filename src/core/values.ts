/**
 * `key: value` item lines (`code: https://github.com/o/r`, `homepage: example.org`)
 * and the URLs written in them that Markdown does not make links of.
 *
 * Read from the entry's line text, so the parser's model stays as it is: a
 * value with a scheme is a GFM autolink literal and already in `Entry.links`;
 * a scheme-less one (`homepage: example.org/x`) is only text, found here.
 */
import { plainHost } from './rules/shared.js';
import type { Entry, EntryLink, Span, TextPart } from './types.js';

/** The `key:` of a `key: value` line and what follows it (null when nothing does). */
export interface KeyValue {
  /** Lower-cased, without the colon. */
  key: string;
  keySpan: Span;
  value: TextPart | null;
}

/**
 * Keys whose value is expected to be a URL or a link. `link`, `repo`, `github`,
 * `website`, `url` and `site` are common spellings of the same thing.
 */
export const URL_KEYS: ReadonlySet<string> = new Set([
  'code', 'demo', 'homepage', 'paper', 'data', 'dataset', 'api', 'download', 'huggingface', 'modelscope',
  'link', 'repo', 'github', 'website', 'url', 'site',
]);

/** Keys that name who made or reported something: the same author's page may link every item. */
export const ATTRIBUTION_KEYS: ReadonlySet<string> = new Set([
  'author', 'authors', 'by', 'org', 'organization', 'team', 'institution', 'affiliation', 'maintainer', 'source', 'via', 'from',
  '作者', '来源', '机构',
]);

/** `code:`, `Home Page：`, `作者：` at the start of the line: a short key, then a colon. */
const KEY = /^([A-Za-z][A-Za-z0-9 _-]{0,29}?|[^\s:：[\]()]{1,8}?)\s*[:：]/;

/** The `key: value` of an entry line, or null when the line is not one (`[t](u): text` is not). */
export function keyValueOf(entry: Entry): KeyValue | null {
  const { text, span } = entry.line;
  const m = KEY.exec(text);
  if (!m) return null;
  const key = m[1].trim().toLowerCase();
  let start = m[0].length;
  while (start < text.length && /\s/.test(text[start])) start++;
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const value = end > start ? { text: text.slice(start, end), span: { start: span.start + start, end: span.start + end } } : null;
  return { key, keySpan: { start: span.start, end: span.start + m[1].length }, value };
}

/**
 * A URL written without a scheme as a whole value (`homepage: example.org/x`),
 * as a link-shaped record so it can be checked and compared like a link.
 * Under a key that expects a URL any host name counts; under another key the
 * value must also have a path or `www.`, so `lib: torch.nn` stays text.
 */
export function schemelessValue(entry: Entry, kv: KeyValue | null = keyValueOf(entry)): EntryLink | null {
  const value = kv?.value;
  if (!kv || !value || /\s/.test(value.text) || valueHoldsLink(entry, value)) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value.text)) return null;
  if (plainHost(value.text) === null) return null;
  if (!URL_KEYS.has(kv.key) && !/^www\.|\//i.test(value.text)) return null;
  return { title: '', url: value.text, span: value.span, titleSpan: value.span, urlSpan: value.span };
}

/** True when a link of the entry lies in the value (`code: [repo](url)`, `code: https://…`). */
export function valueHoldsLink(entry: Entry, value: TextPart): boolean {
  return entry.links.some((l) => l.span.start < value.span.end && l.span.end > value.span.start);
}

/** True for a GFM autolink literal (`https://…`, `www.…` written bare), not `[t](u)` or `<u>`. */
export function isBareUrl(text: string, link: EntryLink): boolean {
  return text[link.span.start] !== '[' && text[link.span.start] !== '<' && link.urlSpan.start === link.span.start;
}

/**
 * Where the line's source part starts: the entry's separator, or on lines the
 * parser does not read as entries (`播客 [t](u) | source 2023-01-05`), the
 * first bar after a link. Links from there on name the source, not the item.
 */
export function sourceStart(text: string, entry: Entry): number | null {
  if (entry.separator) return entry.separator.span.start;
  const first = entry.links[0];
  if (!first) return null;
  for (let i = first.span.end; i < entry.line.span.end; i++) {
    if (text[i] !== '|' && text[i] !== '｜') continue;
    if (entry.links.some((l) => i >= l.span.start && i < l.span.end)) continue;
    return i;
  }
  return null;
}
