/**
 * A short WeChat address (`/s/<code>`) says which article it is only through
 * its page. When the new article's page has an identity, the listed short
 * addresses that could be the same article must be read too, or the long form
 * of an article listed by its short form would be added again. Reading every
 * short link of a big list for one `add` would be hundreds of requests, so
 * only the plausible ones are read: an entry dated within a day of the page's
 * publish date, or with the same title.
 */
import type { PageMetadata } from '../../links/metadata/types.js';
import { titleKey } from '../entry-metadata.js';
import type { ListDocument } from '../types.js';
import { urlIdentity } from '../url-identity.js';
import { withScheme } from '../url.js';

/** At most this many listed pages are read for one `add`. */
export const MAX_LISTED_PAGES_READ = 12;

/** Listed addresses (as written) whose page may name the new article. */
export function listedPagesToRead(doc: ListDocument, page: PageMetadata | null): string[] {
  if (page?.identity == null || !page.identity.value.startsWith('wechat:')) return [];
  const day = page.published ? dayNumber(page.published.value.value) : null;
  const title = page.title ? titleKey(page.title.value) : null;
  const out = new Set<string>();
  for (const item of doc.items) {
    const entry = item.entry;
    if (!entry?.link || !isShortWechat(entry.link.url) || urlIdentity(entry.link.url) !== null) continue;
    const listedDay = entry.date?.value ? dayNumber(entry.date.value) : null;
    const sameDay = day !== null && listedDay !== null && Math.abs(day - listedDay) <= 1;
    const sameTitle = title !== null && titleKey(entry.link.title) === title;
    if (sameDay || sameTitle) out.add(entry.link.url);
    if (out.size === MAX_LISTED_PAGES_READ) break;
  }
  return [...out];
}

function isShortWechat(url: string): boolean {
  try {
    const parsed = new URL(withScheme(url.trim()));
    return parsed.hostname.toLowerCase() === 'mp.weixin.qq.com' && /^\/s\/[^/]+\/?$/.test(parsed.pathname);
  } catch {
    return false;
  }
}

function dayNumber(value: string): number | null {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? null : Math.round(time / 86_400_000);
}

