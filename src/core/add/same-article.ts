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
import { daysApart } from '../date.js';
import { titleKey } from '../entry-metadata.js';
import type { ListDocument } from '../types.js';
import { isShortWechatAddress } from '../url-identity.js';

/** At most this many listed pages are read for one `add`. */
export const MAX_LISTED_PAGES_READ = 12;

/** Whether listed pages may name this article at all (a WeChat article's page): else no list needs parsing for it. */
export function mayBeListedByShortAddress(page: PageMetadata | null): boolean {
  return page?.identity?.value.startsWith('wechat:') ?? false;
}

/** Listed addresses (as written) whose page may name the new article. */
export function listedPagesToRead(doc: ListDocument, page: PageMetadata | null): string[] {
  if (page === null || !mayBeListedByShortAddress(page)) return [];
  const day = page.published?.value.value ?? null;
  const title = page.title ? titleKey(page.title.value) : null;
  const out = new Set<string>();
  for (const item of doc.items) {
    const entry = item.entry;
    if (!entry?.link || !isShortWechatAddress(entry.link.url)) continue;
    const listedDay = entry.date?.value ?? null;
    // A day either way is a time zone (see entry-metadata.ts); NaN (not a date) is never within a day.
    const sameDay = day !== null && listedDay !== null && daysApart(day, listedDay) <= 1;
    const sameTitle = title !== null && titleKey(entry.link.title) === title;
    if (sameDay || sameTitle) out.add(entry.link.url);
    if (out.size === MAX_LISTED_PAGES_READ) break;
  }
  return [...out];
}
