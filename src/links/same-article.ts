/**
 * The same article listed twice under addresses that normalize differently:
 * a WeChat article's short `/s/<code>` and long `?__biz=…&mid=…` forms, a
 * page whose canonical link or permanent redirect leads to another listed
 * address. The duplicate-link lint rule sees only spellings; this sees what
 * the link check (a WeChat page it read anyway, see check.ts) and, with page
 * reading, the pages found out. Pure.
 *
 * Reported as warnings, not errors as `duplicate-link` reports a true
 * duplicate: the evidence comes from the network at one moment (a redirect, a
 * canonical link a site may set wrongly), not from the file, and a
 * maintainer should look before deleting an entry. A redirect or canonical
 * link to a site's home page is no evidence: sites send retired articles there.
 */
import { normalizeUrl } from '../core/url.js';
import { addressIdentity, identityAddress, urlIdentity } from '../core/url-identity.js';
import type { LinkResult } from './types.js';

export interface ArticlePlace {
  file: string;
  line: number;
  /** The URL as written there. */
  url: string;
}

/** One later listing of an article that is listed earlier too. */
export interface SameArticle extends ArticlePlace {
  /** Where the article is listed first. */
  first: ArticlePlace;
  /** What the two addresses share: `wechat:…`, `arxiv:…`, `github:…`, or `url:<normalized>` both lead to. */
  identity: string;
  /** `Same article as line 12 (both lead to example.com/post)`. */
  reason: string;
}

/**
 * Group link results whose addresses differ but name one article, and report
 * every listing after the first. `pageIdentities` maps a result's key
 * (`LinkResult.url`) to the identity its page gave (src/links/metadata); the
 * identity the check itself read (`LinkResult.identity`) counts without it.
 */
export function findSameArticles(results: readonly LinkResult[], pageIdentities: ReadonlyMap<string, string> = new Map()): SameArticle[] {
  const identities = results.map((result) => identitiesOf(result, pageIdentities.get(result.url)));
  const parent = results.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const owner = new Map<string, number>();
  identities.forEach((ids, i) => {
    for (const id of ids) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, number[]>();
  results.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  const out: SameArticle[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const placed = members.map((i) => ({ i, first: earliest(results[i]) })).filter((m) => m.first !== null);
    placed.sort((a, b) => comparePlaces(a.first as ArticlePlace, b.first as ArticlePlace));
    const [head, ...rest] = placed;
    if (!head) continue;
    const first = head.first as ArticlePlace;
    for (const { i } of rest) {
      const identity = sharedIdentity(identities[i], identities[head.i]) ?? [...identities[i]][0];
      for (const o of results[i].occurrences) {
        out.push({ file: o.file, line: o.line, url: o.url, first, identity, reason: reasonFor(first, o.file, identity) });
      }
    }
  }
  return out.sort(comparePlaces);
}

/** What names a result's article: its own address, what the written URLs say, where it redirects, what its page says. */
function identitiesOf(result: LinkResult, pageIdentity: string | undefined): Set<string> {
  const ids = new Set<string>([`url:${result.url}`]);
  for (const o of result.occurrences) {
    const id = urlIdentity(o.url);
    if (id) ids.add(id);
  }
  // A dead link's redirect leads to an error page, not to its article.
  const redirect = result.finalUrl && result.verdict === 'alive' ? pageAddressIdentity(result.finalUrl) : null;
  if (redirect) ids.add(redirect);
  // What the page names: from the body the check read (a WeChat article), or from the page reader.
  for (const named of [result.verdict === 'alive' ? result.identity : null, pageIdentity]) {
    const page = named ? pageIdentityOf(named) : null;
    if (page) ids.add(page);
  }
  return ids;
}

/**
 * `url:<normalized>` (the reader's form for a canonical address) or a bare canonical URL as
 * the address it names; `wechat:…`/`arxiv:…`/`github:…` as they are.
 */
function pageIdentityOf(identity: string): string | null {
  const address = identityAddress(identity);
  if (address !== null) return pageAddressIdentity(address);
  return /^(wechat|arxiv|github):/.test(identity) ? identity : null;
}

/** `url:<normalized>` of an address, or null for a site's home page (no evidence of one article). */
function pageAddressIdentity(url: string): string | null {
  const normalized = normalizeUrl(url);
  if (!normalized || !/\/[^/?#]/.test(normalized.replace(/^[^/]*/, ''))) return null;
  return addressIdentity(url);
}

/** What two results share, an article id (`wechat:…`) before an address. */
function sharedIdentity(a: ReadonlySet<string>, b: ReadonlySet<string>): string | null {
  const shared = [...a].filter((id) => b.has(id));
  return shared.find((id) => !id.startsWith('url:')) ?? shared[0] ?? null;
}

function earliest(result: LinkResult): ArticlePlace | null {
  const sorted = [...result.occurrences].sort(comparePlaces);
  const o = sorted[0];
  return o ? { file: o.file, line: o.line, url: o.url } : null;
}

function comparePlaces(a: ArticlePlace, b: ArticlePlace): number {
  return a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1;
}

function reasonFor(first: ArticlePlace, file: string, identity: string): string {
  const where = first.file === file ? `line ${first.line}` : `${first.file}:${first.line}`;
  const address = identityAddress(identity);
  const why = address !== null ? `both lead to ${address}` : `both are ${identity}`;
  return `Same article as ${where} (${why})`;
}
