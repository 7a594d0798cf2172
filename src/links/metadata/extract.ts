/**
 * extractPageMetadata(url, finalUrl, html): what a fetched page says of
 * itself, pure (no network): the site's extractor by the final host
 * (WeChat, Zhihu, arXiv), then the generic rules for every field the site's
 * extractor left empty.
 */
import { hostOf } from '../glob.js';
import { extractArxiv, isArxivHost } from './arxiv.js';
import { extractGeneric, type ExtractedFields } from './generic.js';
import { readHtml, type PageHtml } from './html.js';
import type { PageMetadata } from './types.js';
import { extractWeChat, isWeChatHost } from './wechat.js';
import { extractZhihu, isZhihuHost } from './zhihu.js';

interface SiteExtractor {
  site: string;
  matches(host: string): boolean;
  extract(page: PageHtml, finalUrl: string): ExtractedFields;
}

const SITES: readonly SiteExtractor[] = [
  { site: 'wechat', matches: isWeChatHost, extract: extractWeChat },
  { site: 'zhihu', matches: isZhihuHost, extract: extractZhihu },
  { site: 'arxiv', matches: isArxivHost, extract: extractArxiv },
];

export function extractPageMetadata(url: string, finalUrl: string, html: string): PageMetadata {
  const host = hostOf(finalUrl) ?? hostOf(url) ?? '';
  const page = readHtml(html);
  const generic = extractGeneric(page, finalUrl);
  const extractor = SITES.find((candidate) => candidate.matches(host));
  if (!extractor) return { url, finalUrl, site: 'generic', ...generic };
  const own = extractor.extract(page, finalUrl);
  return {
    url,
    finalUrl,
    site: extractor.site,
    title: own.title ?? generic.title,
    source: own.source ?? generic.source,
    published: own.published ?? generic.published,
    identity: own.identity ?? generic.identity,
  };
}
