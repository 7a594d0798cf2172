/**
 * WeChat article pages (mp.weixin.qq.com/s/…): the title in `og:title` or
 * `#activity-name`, the account in `#js_name` or `var nickname`, the publish
 * time only in scripts (`var ct = "<unix seconds>"`, `create_time`), as a day
 * in UTC+8, and the article's identity (`__biz`/`mid`/`idx`) in `og:url` or
 * `var msg_link`, so the short `/s/<id>` form and the long form are one article.
 * The page has no `og:site_name` and no dates in meta tags.
 */
import { readHtml, scriptString, type PageHtml } from './html.js';
import { CHINA_OFFSET_MINUTES, cleanTitle, dayOfDateText, dayOfUnixTime, field, firstOf, identityOf } from './fields.js';
import type { ExtractedFields } from './generic.js';
import type { CanonicalIdentity, MetadataField } from './types.js';

export function isWeChatHost(host: string): boolean {
  return host === 'mp.weixin.qq.com';
}

export function extractWeChat(page: PageHtml, finalUrl: string): ExtractedFields {
  const scripts = page.scripts();
  const clean = (title: string | null) => (title === null ? null : cleanTitle(title, []) || null);
  const title = firstOf(
    field(clean(page.meta('og:title')), 'og:title'),
    field(clean(page.textById('activity-name')), 'WeChat #activity-name'),
    field(clean(scriptString(scripts, 'msg_title')), 'WeChat var msg_title'),
  );
  const source = firstOf(
    field(page.textById('js_name'), 'WeChat #js_name'),
    field(scriptString(scripts, 'nickname'), 'WeChat var nickname'),
    field(page.textByClass('profile_nickname'), 'WeChat .profile_nickname'),
  );
  const published = firstOf(
    field(dayOfUnixTime(scriptString(scripts, 'ct') ?? '', CHINA_OFFSET_MINUTES), 'WeChat var ct (UTC+8)'),
    field(dayOfCreateTime(scriptString(scripts, 'create_time')), 'WeChat create_time (UTC+8)'),
    // Written as a day already in UTC+8 (`2023-04-12`, sometimes with a time).
    field(dayOfDateText(scriptString(scripts, 'publish_time')), 'WeChat var publish_time'),
  );
  return { title, source, published, identity: wechatIdentity(page, scripts, finalUrl) };
}

/**
 * `wechat:<biz>/<mid>/<idx>` of an article page the link checker already downloaded, or null
 * when the page does not say it. The head is read first (og:url is there, and the checker's
 * 256 KB cut may fall before `msg_link` in the scripts after a long article's text); the whole
 * text only when the head says nothing. Pure. Null rather than a `url:` identity: the caller
 * has the address, and only an article id ties a short address to a long one.
 */
export function wechatIdentityOfBody(body: string, finalUrl: string): string | null {
  // An account's home page or an album holds its articles' ids too; only an article page names one.
  if (!isArticlePath(finalUrl)) return null;
  const headEnd = body.search(/<\/head\s*>/i);
  const parts = headEnd >= 0 ? [body.slice(0, headEnd), body] : [body];
  for (const html of parts) {
    const page = readHtml(html);
    const identity = wechatIdentity(page, page.scripts(), finalUrl)?.value ?? null;
    if (identity?.startsWith('wechat:')) return identity;
  }
  return null;
}

/** `/s/<code>`, `/s?__biz=…`, `/mp/appmsg/show?…`: the paths of an article. */
function isArticlePath(url: string): boolean {
  try {
    return /^\/(?:s(?:\/[^/]+)?|mp\/appmsg\/show)\/?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** The long address in og:url or msg_link, else `var biz`/`mid`/`idx`, else the address itself. */
function wechatIdentity(page: PageHtml, scripts: readonly string[], finalUrl: string): MetadataField<CanonicalIdentity> | null {
  const fromUrls = identityOf(
    [
      { url: page.meta('og:url'), from: 'WeChat og:url' },
      { url: scriptString(scripts, 'msg_link'), from: 'WeChat var msg_link' },
    ],
    finalUrl,
  );
  if (fromUrls?.value.startsWith('wechat:')) return fromUrls;
  const biz = scriptString(scripts, 'biz') ?? scriptString(scripts, '__biz');
  const mid = scriptString(scripts, 'mid') ?? scriptString(scripts, 'appmsgid');
  const idx = scriptString(scripts, 'idx') ?? '1';
  if (biz && mid && /^\d+$/.test(mid) && /^\d+$/.test(idx)) return { value: `wechat:${biz}/${mid}/${idx}`, from: 'WeChat var biz/mid/idx' };
  return fromUrls;
}

/** `create_time` is Unix seconds in older pages, `JsDecode('2023-04-12 09:20')` (already UTC+8) in newer ones. */
function dayOfCreateTime(text: string | null) {
  if (text === null) return null;
  return dayOfUnixTime(text, CHINA_OFFSET_MINUTES) ?? dayOfDateText(text);
}
