/**
 * Turning what a page says into field values: publish days in the right time
 * zone, titles without the site's name tacked on, the page's identity in the
 * format of src/core/url-identity.ts. Pure.
 */
import { parseDate } from '../../core/date.js';
import { addressIdentity, urlIdentity } from '../../core/url-identity.js';
import type { CanonicalIdentity, MetadataField, PageDate } from './types.js';

/** Minutes east of UTC of China Standard Time, the zone WeChat and Zhihu publish in. */
export const CHINA_OFFSET_MINUTES = 8 * 60;

export type PageDateField = MetadataField<PageDate>;

export function field<T>(value: T | null, from: string): MetadataField<T> | null {
  return value === null ? null : { value, from };
}

/** The first field that has a value. */
export function firstOf<T>(...fields: Array<MetadataField<T> | null>): MetadataField<T> | null {
  return fields.find((candidate) => candidate !== null) ?? null;
}

/** The calendar day of a Unix time (seconds, or milliseconds when that large) at `offsetMinutes` east of UTC. */
export function dayOfUnixTime(raw: string | number, offsetMinutes: number): PageDate | null {
  const number = typeof raw === 'number' ? raw : /^\s*\d{9,13}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(number) || number <= 0) return null;
  const ms = number > 1e11 ? number : number * 1000;
  return { value: new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10) };
}

const DATE_TIME = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;

/**
 * The day of a written date or date-time: `2023-03-15`, `2023/03/15`, `2023-04-12T08:22:13+08:00`.
 * A date-time with an offset is the day in that offset, as written; with `zoneMinutes`, an
 * instant (time with offset) is moved into that zone first (Zhihu writes UTC but publishes in
 * UTC+8). Null for anything that is not a real calendar day, and for no text (a tag the page lacks).
 */
export function dayOfDateText(text: string | null, zoneMinutes?: number): PageDate | null {
  const match = text === null ? null : DATE_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, offset] = match;
  const written = parseDate(`${year}-${month}-${day}`).value;
  // A page's year outside these is a placeholder or a typo, not a publish day.
  if (written === null || Number(year) < 1900 || Number(year) > 2200) return null;
  if (zoneMinutes !== undefined && hour !== undefined && offset !== undefined) {
    const iso = `${written}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${offsetText(offset)}`;
    const instant = Date.parse(iso);
    if (Number.isFinite(instant)) return { value: new Date(instant + zoneMinutes * 60_000).toISOString().slice(0, 10) };
  }
  return { value: written };
}

function offsetText(offset: string): string {
  if (offset.toUpperCase() === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** Sites whose titles carry a suffix that is not the site's declared name. */
const KNOWN_SUFFIXES: readonly RegExp[] = [
  /\s*[-–—|]\s*知乎\s*$/,
  /_哔哩哔哩_bilibili\s*$/i,
  /\s*[_\-|]\s*哔哩哔哩\s*$/,
  /(?:_[^_]{1,40}的博客)?\s*-\s*CSDN博客\s*$/,
  /\s+-\s+博客园\s*$/,
];

const SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', '｜', '_'];

/**
 * A title without the site's name tacked on: the built-in suffixes, then ` | Name`, ` - Name`,
 * `_Name` … when Name is one of `siteNames` (og:site_name, the publisher), or when what is
 * before the separator is the page's own heading. Never leaves an empty title.
 */
export function cleanTitle(title: string, siteNames: ReadonlyArray<string | null>, heading: string | null = null): string {
  let cleaned = title;
  for (const suffix of KNOWN_SUFFIXES) {
    const stripped = cleaned.replace(suffix, '');
    if (stripped.trim() !== '' && stripped !== cleaned) cleaned = stripped.trim();
  }
  const names = new Set(siteNames.filter((name): name is string => name !== null && name.trim() !== '').map(comparable));
  for (const separator of SEPARATORS) {
    const at = cleaned.lastIndexOf(separator);
    if (at <= 0) continue;
    const before = cleaned.slice(0, at).trim();
    const after = cleaned.slice(at + separator.length).trim();
    if (before === '') continue;
    if (names.has(comparable(after)) || (heading !== null && comparable(before) === comparable(heading))) return before;
  }
  return cleaned;
}

function comparable(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The page's identity: a URL the site declares (og:url, msg_link, canonical) or the final URL,
 * as urlIdentity names it (`wechat:`, `arxiv:`, `github:`), else `url:` + its normalized form.
 * Candidates are tried in order; relative ones are resolved against `finalUrl`.
 */
export function identityOf(
  candidates: ReadonlyArray<{ url: string | null; from: string }>,
  finalUrl: string,
): MetadataField<CanonicalIdentity> | null {
  const resolved = [...candidates, { url: finalUrl, from: 'final URL' }]
    .map(({ url, from }) => ({ url: url === null ? null : absoluteHttpUrl(url, finalUrl), from }))
    .filter((candidate): candidate is { url: string; from: string } => candidate.url !== null)
    // Many sites declare their home page as every page's canonical or og:url; that would make all their posts one.
    .filter((candidate) => candidate.from === 'final URL' || !isHomePage(candidate.url) || isHomePage(finalUrl));
  // An article id from any candidate beats an address from an earlier one.
  for (const candidate of resolved) {
    const known = urlIdentity(candidate.url);
    if (known) return { value: known, from: candidate.from };
  }
  for (const candidate of resolved) {
    const identity = addressIdentity(candidate.url);
    if (identity) return { value: identity, from: candidate.from };
  }
  return null;
}

function isHomePage(url: string): boolean {
  const parsed = new URL(url);
  return (parsed.pathname === '/' || parsed.pathname === '') && parsed.search === '';
}

function absoluteHttpUrl(url: string, base: string): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
