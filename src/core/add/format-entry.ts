/**
 * The entry line `add` writes: `[title](url) | source YYYY-MM-DD`, with the
 * title cleaned of site suffixes, the characters that would end the link or
 * the entry escaped, the URL as a maintainer keeps it (tracking parameters
 * dropped, WeChat's short form kept as given) and the date in the list's style.
 */
import { type DateStyle, formatDateAs } from '../date.js';
import { balancedParentheses, withoutInvisible } from '../rules/shared.js';
import { isTracking, withScheme } from '../url.js';

export interface EntryFields {
  title: string;
  url: string;
  /** Null when the list's entries carry no source (see conventions.ts). */
  source: string | null;
  /** `YYYY-MM-DD`; null when the list's entries carry no date. */
  date: string | null;
}

/** The entry's text, without list marker or indentation. */
export function formatEntry(fields: EntryFields, style: DateStyle): string {
  const tail = [fields.source === null ? null : escapeText(fields.source), fields.date === null ? null : formatDateAs(fields.date, style)].filter((part) => part !== null);
  const link = `[${escapeText(fields.title)}](${fields.url})`;
  return tail.length > 0 ? `${link} | ${tail.join(' ')}` : link;
}

/**
 * Escape what would end the link text or the entry early: brackets, a bar
 * (read as the separator, or a table cell in GFM), `<` (raw HTML) and the
 * backslash itself. CommonMark renders each escape as the plain character.
 */
export function escapeText(text: string): string {
  return text.replace(/[\\[\]|<]/g, (c) => `\\${c}`);
}

/** Longer than any site name a title ends with. */
const MAX_SITE_NAME = 60;

/** Site names pages append to their titles (` - 知乎`); the page's own source and site name are added by the caller. */
const SITE_SUFFIXES = ['知乎', '知乎专栏', '微信公众平台', 'CSDN博客', '博客园', '掘金', '简书', '哔哩哔哩', 'bilibili', 'Medium', 'GitHub', 'YouTube', 'arXiv.org'];

/**
 * The title as a list shows it: one line, single spaces, no invisible
 * characters, and no ` - Site` / ` | Site` / ` _Site` suffix naming the site
 * or the publisher (only then: a bar inside a real title stays).
 */
export function cleanTitle(raw: string, siteNames: readonly string[] = []): string {
  let title = oneLine(raw);
  const names = new Set([...SITE_SUFFIXES, ...siteNames].map(nameKey).filter((key) => key.length > 0));
  for (let cut = siteSuffixAt(title, names); cut !== null; cut = siteSuffixAt(title, names)) title = title.slice(0, cut).trim();
  return title;
}

/** Where a ` - Site` suffix naming one of `names` starts, or null; the title before it is never empty. */
function siteSuffixAt(title: string, names: ReadonlySet<string>): number | null {
  for (const m of title.matchAll(/\s[-–—|·]\s|\s?[_｜]\s?/g)) {
    const rest = m.index + m[0].length;
    // A site's name is short: a long tail is title, and not compared (a page's title is remote input).
    if (m.index > 0 && title.length - rest <= MAX_SITE_NAME && names.has(nameKey(title.slice(rest)))) return m.index;
  }
  return null;
}

/** A source name on one line with single spaces. */
export function cleanSource(raw: string): string {
  return oneLine(raw);
}

/** One line, single spaces, without the invisible characters the `whitespace` rule reports in a title. */
function oneLine(raw: string): string {
  return withoutInvisible(raw, true).replace(/\s+/g, ' ').trim();
}

function nameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/**
 * The URL as the maintainer should keep it, or null when it is no http(s)
 * URL: the text as given (never re-serialized, so a WeChat short form or a
 * path in Chinese stays as typed), `https://` added to a bare host, tracking
 * parameters dropped by url.ts's rules, WeChat's `#rd`/`#wechat_redirect`
 * and text fragments dropped, and the characters that would end a Markdown
 * link destination percent-encoded.
 */
export function keptUrl(raw: string): string | null {
  const text = withScheme(raw.trim());
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const hashAt = text.indexOf('#');
  const beforeHash = hashAt === -1 ? text : text.slice(0, hashAt);
  let fragment = hashAt === -1 ? '' : text.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const params = queryAt === -1 ? [] : beforeHash.slice(queryAt + 1).split('&').filter((part) => part !== '' && !isTracking(paramName(part), host));
  if (host === 'mp.weixin.qq.com' || fragment.startsWith('#:~:') || fragment === '#') fragment = '';
  return safeDestination(`${base}${params.length > 0 ? `?${params.join('&')}` : ''}${fragment}`);
}

function paramName(part: string): string {
  const name = part.split('=')[0];
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Spaces, angle brackets and unbalanced parentheses would end the link destination: percent-encode them. */
function safeDestination(url: string): string {
  let out = url.replace(/ /g, '%20').replace(/</g, '%3C').replace(/>/g, '%3E');
  if (!balancedParentheses(out)) out = out.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return out;
}
