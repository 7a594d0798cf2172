/**
 * What listed pages name (their identity), for `add`'s duplicate check: a
 * short WeChat address says which article it is only through its page (see
 * src/core/add/same-article.ts `listedPagesToRead`, which picks the few worth
 * reading). The CLI's `add` and GitHub's `/add` both read them here.
 */
import type { PageMetadataReader } from './types.js';

/** Listed address (as written) → the identity its page gave; a page not read (or naming nothing) stays out. */
export async function readListedIdentities(reader: PageMetadataReader, urls: readonly string[]): Promise<Map<string, string>> {
  // The reader's scheduler keeps the per-host limits, so the pages may be asked for at once.
  const answers = await Promise.all(urls.map(async (url) => [url, await identityOf(reader, url)] as const));
  return new Map(answers.filter((answer): answer is readonly [string, string] => answer[1] !== null));
}

/** A reader that throws is a page not read, never a failed command. */
async function identityOf(reader: PageMetadataReader, url: string): Promise<string | null> {
  try {
    const read = await reader(url);
    return read.ok ? (read.metadata.identity?.value ?? null) : null;
  } catch {
    return null;
  }
}
