/**
 * Is the article already in the list, under this address or another? Two
 * links are the same when they normalize alike (url.ts: `http`/`https`,
 * `www.`, tracking parameters, arXiv versions) or name the same thing
 * (url-identity.ts: a long WeChat address's `__biz/mid/idx`, an arXiv id, a
 * GitHub repository). A short WeChat address names its article only through
 * the page: the reader's `identity` (from og:url) meets the long form in the list.
 */
import type { PageMetadata } from '../../links/metadata/types.js';
import { describeItem } from '../sort/sort.js';
import type { EntryLink, Item, ListDocument } from '../types.js';
import { identityAddress, urlIdentity } from '../url-identity.js';
import { normalizeUrl } from '../url.js';

export interface Duplicate {
  /** The first item that holds the article. */
  item: Item;
  link: EntryLink;
  /** Why they are the same, in words: `the same address`, `the same WeChat article (wechat:…, from og:url)`. */
  why: string;
}

/**
 * The first item of the document that links to the article, or null. `urls`: the address as given and as it will be written.
 * `listed`: identities of listed addresses learnt by reading their pages (a short WeChat address), by the address as written.
 */
export function findDuplicate(doc: ListDocument, urls: readonly string[], page: PageMetadata | null, listed: ReadonlyMap<string, string> = new Map()): Duplicate | null {
  const wanted = keysOfNew(urls, page);
  for (const item of doc.items) {
    // A source link names the publisher (`| [OpenAI](https://openai.com/)`), repeated by design.
    for (const link of (item.entry?.links ?? []).filter((l) => l !== item.entry?.sourceLink)) {
      for (const key of keysOf(link.url, listed)) {
        const why = wanted.get(key);
        if (why !== undefined) return { item, link, why };
      }
    }
  }
  return null;
}

/** `README.md:12: 'title' (2023-01-05) is the same article (…)`. */
export function duplicateMessage(doc: ListDocument, duplicate: Duplicate): string {
  return `already listed at ${doc.path}:${duplicate.item.line}: ${describeItem(duplicate.item)}, ${duplicate.link.url}: ${duplicate.why}`;
}

/** What the new article is known by, each with how it was found. */
function keysOfNew(urls: readonly string[], page: PageMetadata | null): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string | null, why: string): void => {
    if (key !== null && !out.has(key)) out.set(key, why);
  };
  for (const url of urls) put(normalizeUrl(url), 'the same address (after normalizing)');
  for (const url of urls) {
    const identity = urlIdentity(url);
    put(identity, `the same ${kindOf(identity)} (${identity})`);
  }
  if (page) {
    put(normalizeUrl(page.finalUrl), `the address the page redirects to (${page.finalUrl})`);
    const redirected = urlIdentity(page.finalUrl);
    put(redirected, `the same ${kindOf(redirected)} as the page it redirects to (${redirected})`);
    const identity = page.identity;
    if (identity) {
      put(identity.value, `the same ${kindOf(identity.value)} (${identity.value}, from the page's ${identity.from})`);
      // An identity may be a canonical address: compare it as links are compared.
      const canonical = identityAddress(identity.value);
      if (canonical !== null) put(normalizeUrl(canonical), `the page's canonical address (${canonical}, from its ${identity.from})`);
    }
  }
  return out;
}

function keysOf(url: string, listed: ReadonlyMap<string, string>): string[] {
  return [normalizeUrl(url), urlIdentity(url), listed.get(url) ?? null].filter((key): key is string => key !== null);
}

function kindOf(identity: string | null): string {
  if (identity?.startsWith('wechat:')) return 'WeChat article';
  if (identity?.startsWith('arxiv:')) return 'arXiv paper';
  if (identity?.startsWith('github:')) return 'GitHub repository';
  return 'article';
}
