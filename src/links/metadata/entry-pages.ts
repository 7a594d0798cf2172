/**
 * Reading the pages of blog entries and comparing each entry with its page
 * (`entry-metadata`): one read per distinct address, a few at a time, none
 * for links the check already found dead. The reader is injected (the real
 * one, a test's fake); the comparison is src/core/entry-metadata.ts.
 */
import { compareEntryWithPage, type EntryFacts } from '../../core/entry-metadata.js';
import type { Severity, Finding } from '../../core/types.js';
import { normalizeUrl } from '../../core/url.js';
import type { CheckLinksOptions } from '../check.js';
import type { PageReaderOptions } from './read.js';
import type { PageMetadataReader } from './types.js';

export interface EntryPagesOptions {
  reader: PageMetadataReader;
  /** The rule's configured severity. */
  severity: Severity;
  /** Normalized addresses not to read (dead links: their page is an error page). */
  skip?: ReadonlySet<string>;
  /** Pages read at once (default 4: these are second requests to hosts the check just visited). */
  concurrency?: number;
}

export interface EntryPagesResult {
  findings: Finding[];
  /** Normalized address → the identity its page gave (for same-article). */
  identities: Map<string, string>;
  /** Pages read, and pages that could not be read (their entries get no message). */
  read: number;
  unread: number;
}

export async function checkEntryPages(facts: readonly EntryFacts[], options: EntryPagesOptions): Promise<EntryPagesResult> {
  const byKey = new Map<string, EntryFacts[]>();
  for (const f of facts) {
    const key = normalizeUrl(f.url);
    if (key === null || options.skip?.has(key)) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const findings: Finding[] = [];
  const identities = new Map<string, string>();
  let read = 0;
  let unread = 0;
  await eachLimited([...byKey], options.concurrency ?? 4, async ([key, entries]) => {
    const result = await readSafely(options.reader, entries[0].url);
    if (!result.ok) {
      unread += 1;
      return;
    }
    read += 1;
    const page = result.metadata;
    if (page.identity) identities.set(key, page.identity.value);
    for (const entry of entries) findings.push(...compareEntryWithPage(entry, page, options.severity));
  });
  findings.sort((a, b) => (a.path === b.path ? a.start.offset - b.start.offset : a.path < b.path ? -1 : 1));
  return { findings, identities, read, unread };
}

/** A reader that throws is a page not read, never a failed run. */
async function readSafely(reader: PageMetadataReader, url: string): ReturnType<PageMetadataReader> {
  try {
    return await reader(url);
  } catch (error) {
    return { ok: false, url, verdict: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/** The link check's settings that reading a page shares: limits (per host too), headers, rules, address policy. */
export function pageReaderOptionsOf(o: CheckLinksOptions): PageReaderOptions {
  const { timeout, retries, concurrency, hostConcurrency, interval, hosts, headers, rules, maxBodyBytes, githubToken, githubApiUrl, fetch, privateAddresses, allowAddress, lookup, dispatcher, backoffBaseMs } = o;
  const picked: PageReaderOptions = { timeout, retries, concurrency, hostConcurrency, interval, hosts, headers, rules, maxBodyBytes, githubToken, githubApiUrl, fetch, privateAddresses, allowAddress, lookup, dispatcher, backoffBaseMs };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) as PageReaderOptions;
}
