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
  let parsed: URL;
  try {
    parsed = new URL(withScheme(raw.trim()));
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  let host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  if (host === 'm.thepaper.cn') host = 'thepaper.cn';
  const arxiv = arxivId(host, parsed.pathname);
  if (arxiv) return `arxiv.org/abs/${arxiv}`;
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  let path = parsed.pathname.replace(/\/+$/, '');
  if (path === '') path = '';
  const params = [...parsed.searchParams.entries()].filter(([name]) => !isTracking(name, host));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
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
