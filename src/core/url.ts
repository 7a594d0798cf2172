/**
 * URL normalization: two links that name the same resource normalize to the
 * same string. Used by duplicate detection and by the link checker (each
 * distinct normalized URL is requested once).
 */

/** Query parameters that only track where a click came from, on any site. */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', 'spm', 'scm', 'share_token', 'ref_src']);

/** Parameters that only WeChat adds to an article link; elsewhere they may matter. */
const WECHAT_ONLY = new Set([
  'chksm',
  'sharer_sharetime',
  'sharer_shareid',
  'scene',
  'srcid',
  'subscene',
  'sessionid',
  'clicktime',
  'enterid',
  'ascene',
  'devicetype',
  'version',
  'nettype',
  'abtest_cookie',
  'lang',
  'pass_ticket',
  'exportkey',
  'wx_header',
  'key',
  'uin',
  'from',
  'isappinstalled',
]);

/** Parameters that only Baidu adds (`wfr=spider&for=pc`). */
const BAIDU_ONLY = new Set(['wfr', 'for']);

/** True for a query parameter that only tracks a click on `host` (`utm_*`, `fbclid`, WeChat's `chksm`…). */
export function isTracking(name: string, host: string): boolean {
  const key = name.toLowerCase();
  if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) return true;
  if (WECHAT_ONLY.has(key)) return host === 'mp.weixin.qq.com';
  if (BAIDU_ONLY.has(key)) return host.endsWith('baidu.com');
  return false;
}

/** Add `https://` to a link written without a scheme, when it looks like a host. */
export function withScheme(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (url.startsWith('//')) return `https:${url}`;
  return `https://${url}`;
}

/**
 * The canonical form of a URL for comparison: lower-case scheme and host,
 * `http` and `https` alike, no `www.`, no default port, no trailing slash,
 * no fragment, no tracking parameters, sorted query, and arXiv papers by ID.
 * Returns null when the text is not a usable http(s) URL.
 */
export function normalizeUrl(raw: string): string | null {
  const url = withScheme(raw.trim());
  return normalizeSimpleUrl(url) ?? normalizeParsed(url);
}

/**
 * A URL that the URL parser is known to leave as written, but for the case
 * of its scheme and host: `http(s)://`, a host of letters, digits and hyphens
 * whose last label starts with a letter (never read as an IPv4 address) and
 * no label starts `xn--` (punycode, which the parser checks), no port or
 * user, a path of characters it does not percent-encode and no `.` or `..`
 * segment, and a query of form-encoding-safe `name=value` pairs. Most links
 * are such; each one the URL parser reads costs more than the rest of a lint
 * rule's work on it. Groups: host, path, query.
 */
const SIMPLE_URL =
  /^https?:\/\/((?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*)(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(?:\?([A-Za-z0-9_.*\-=&]*))?(?:#.*)?$/is;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** `normalizeUrl` without the URL parser, for the URLs `SIMPLE_URL` matches; null for any other. */
function normalizeSimpleUrl(url: string): string | null {
  const m = SIMPLE_URL.exec(url);
  if (!m) return null;
  const pathname = m[2] ?? '/';
  if (DOT_SEGMENT.test(pathname)) return null;
  const pairs: [string, string][] = [];
  for (const part of (m[3] ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    // A second `=` belongs to the value, and form encoding would write it as `%3D`.
    if (eq !== -1 && part.indexOf('=', eq + 1) !== -1) return null;
    pairs.push(eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return normalizedFrom(m[1].toLowerCase(), '', pathname, pairs);
}

function normalizeParsed(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return normalizedFrom(parsed.hostname.toLowerCase(), parsed.port, parsed.pathname, parsed.searchParams.entries());
}

/** The canonical form from a URL's lower-case host, its port, path and decoded query pairs (see `normalizeUrl`). */
function normalizedFrom(hostname: string, port: string, pathname: string, query: Iterable<[string, string]>): string {
  let host = hostname.replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  if (host === 'm.thepaper.cn') host = 'thepaper.cn';
  const arxiv = arxivId(host, pathname);
  if (arxiv) return `arxiv.org/abs/${arxiv}`;
  const shownPort = port && port !== '80' && port !== '443' ? `:${port}` : '';
  const path = pathname.replace(/\/+$/, '');
  const params = [...query].filter(([name]) => !isTracking(name, host));
  if (params.length === 0) return `${host}${shownPort}${path}`;
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${host}${shownPort}${path}?${new URLSearchParams(params).toString()}`;
}

/** True when the URL parser reads `url` (a simple URL is known to parse without asking it). */
export function parsesAsUrl(url: string): boolean {
  if (SIMPLE_URL.test(url)) return true;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** `abs/2201.08239`, `pdf/2201.08239v2.pdf`, `2201.08239v3` → `2201.08239`. */
export function arxivId(host: string, pathname: string): string | null {
  if (host !== 'arxiv.org' && host !== 'export.arxiv.org') return null;
  const m = /^\/(?:abs|pdf|html|format)\/(.+?)(?:v\d+)?(?:\.pdf)?\/?$/.exec(pathname);
  return m ? m[1] : null;
}

/** A URL that is safe to request: the normalized form keeps no scheme, so keep the written one. */
export function requestUrl(raw: string): string | null {
  try {
    const parsed = new URL(withScheme(raw.trim()));
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return null;
  }
}
