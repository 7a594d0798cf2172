/**
 * The identity of what a URL names, beyond its spelling: the same WeChat
 * article is `/s?__biz=…&mid=…&idx=…&sn=…` and `/s/<short>`; only the long
 * form says which article it is without a request. Pages read later
 * (src/links/metadata) give the short form its identity in the same format.
 */
import { arxivId, normalizeUrl, withScheme } from './url.js';

/** `wechat:<__biz>/<mid>/<idx>` for a long WeChat article address, else null. */
export function wechatArticleIdentity(raw: string): string | null {
  const parsed = parseHttpUrl(raw);
  if (!parsed || parsed.hostname.toLowerCase() !== 'mp.weixin.qq.com') return null;
  if (!/^\/(s|mp\/appmsg\/show)\/?$/.test(parsed.pathname)) return null;
  const biz = parsed.searchParams.get('__biz');
  const mid = parsed.searchParams.get('mid') ?? parsed.searchParams.get('appmsgid');
  const idx = parsed.searchParams.get('idx') ?? parsed.searchParams.get('itemidx');
  if (!biz || !mid || !/^\d+$/.test(mid)) return null;
  return `wechat:${biz}/${mid}/${idx && /^\d+$/.test(idx) ? idx : '1'}`;
}

/** A short WeChat article address (`/s/<code>`): only its page says which article it is. */
export function isShortWechatAddress(raw: string): boolean {
  const parsed = parseHttpUrl(raw);
  return parsed !== null && parsed.hostname.toLowerCase() === 'mp.weixin.qq.com' && /^\/s\/[^/]+\/?$/.test(parsed.pathname);
}

/**
 * What a URL names when the address alone says it: a WeChat article (long
 * form), an arXiv paper (`arxiv:2303.08774`, any version or abs/pdf form),
 * a GitHub repository (`github:owner/repo`, case-insensitive). Null otherwise.
 */
export function urlIdentity(raw: string): string | null {
  const wechat = wechatArticleIdentity(raw);
  if (wechat) return wechat;
  const parsed = parseHttpUrl(raw);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const arxiv = arxivId(host, parsed.pathname);
  if (arxiv) return `arxiv:${arxiv}`;
  if (host === 'github.com') {
    const segments = parsed.pathname.split('/').filter(Boolean);
    if (segments.length === 2) return `github:${segments[0].toLowerCase()}/${segments[1].replace(/\.git$/i, '').toLowerCase()}`;
  }
  return null;
}

/**
 * The identity of a page known only by its address: what `urlIdentity` names
 * (`wechat:`, `arxiv:`, `github:`), else `url:<normalized address>`; null for
 * what is not an http(s) URL. `identityAddress` reads the `url:` form back.
 */
export function addressIdentity(raw: string): string | null {
  const known = urlIdentity(raw);
  if (known) return known;
  const normalized = normalizeUrl(raw);
  return normalized === null ? null : `url:${normalized}`;
}

/**
 * The address an identity names: `url:<normalized>` (the page reader's form
 * for a canonical address) or a bare http(s) URL gives the address; an
 * article id (`wechat:`, `arxiv:`, `github:`) names no address, so null.
 * Compare the result as links are compared (normalizeUrl).
 */
export function identityAddress(identity: string): string | null {
  if (identity.startsWith('url:')) return identity.slice('url:'.length);
  return parseHttpUrl(identity) ? identity : null;
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const parsed = new URL(withScheme(raw.trim()));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}
