/**
 * The CLI's cache file: alive results (reused until `maxAge`) and the failure
 * history, in one JSON file written atomically. A damaged cache is ignored
 * with a warning; the next run simply checks everything again. A file that is
 * not a listkeeper cache at all is never replaced: the path may be a mistake
 * (or a hostile config's) naming someone's data.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { emptyHistory, parseHistory, type LinkHistory } from './history.js';
import type { LinkCheckRun } from './types.js';

export interface CachedAlive {
  checkedAt: string;
  status: number | null;
  reason: string;
  finalUrl: string | null;
  notes: string[];
  /**
   * The article the page named (`LinkResult.identity`), so a run that reuses this entry without
   * a request still knows a short WeChat address's article. Absent in older caches and for pages
   * that name none; a newer field of the same version 1, which older listkeepers ignore.
   */
  identity?: string;
}

export interface LinkCache {
  version: 1;
  alive: Record<string, CachedAlive>;
  history: LinkHistory;
}

export function emptyCache(): LinkCache {
  return { version: 1, alive: {}, history: emptyHistory() };
}

/** A fresh alive result for `url`, or null when there is none or it is older than `maxAge`. */
export function freshAlive(cache: LinkCache | undefined, url: string, maxAge: number, now: Date): CachedAlive | null {
  const hit = cache?.alive[url];
  if (!hit) return null;
  const age = now.getTime() - Date.parse(hit.checkedAt);
  return Number.isFinite(age) && age >= 0 && age < maxAge ? hit : null;
}

/** The cache after a run: alive results refreshed, anything not alive forgotten, the new history. */
export function updateCache(cache: LinkCache, run: LinkCheckRun, history: LinkHistory): LinkCache {
  const alive: Record<string, CachedAlive> = { ...cache.alive };
  for (const result of run.results) {
    if (result.verdict === 'alive') {
      alive[result.url] = {
        checkedAt: result.checkedAt,
        status: result.status,
        reason: result.reason,
        finalUrl: result.finalUrl,
        notes: result.notes,
        ...(result.identity ? { identity: result.identity } : {}),
      };
    } else if (result.verdict !== 'unknown') {
      delete alive[result.url];
    }
  }
  return { version: 1, alive, history };
}

export interface LoadedCache {
  cache: LinkCache;
  warning: string | null;
  /** The file is there but holds something else: use another path (saveCacheFile would refuse it too). */
  foreign: string | null;
}

/** Load the cache; `shownAs` names the file in warnings (e.g. the path as the user wrote it). */
export async function loadCacheFile(path: string, shownAs: string = path): Promise<LoadedCache> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { cache: emptyCache(), warning: null, foreign: null };
    return { cache: emptyCache(), warning: `cannot read link cache ${shownAs} (${(error as Error).message}); checking every link`, foreign: null };
  }
  const parsed = parseCache(text);
  if (parsed) return { cache: parsed, warning: null, foreign: null };
  if (!isCacheText(text)) return { cache: emptyCache(), warning: null, foreign: notACacheMessage(shownAs) };
  return { cache: emptyCache(), warning: `link cache ${shownAs} is corrupt; ignoring it and checking every link`, foreign: null };
}

/**
 * Whether a file may be replaced by a cache: empty, or starting as every
 * cache this module writes does (`{"version":1,"alive":`), even if cut short.
 */
export function isCacheText(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  return head === '' || CACHE_HEAD.startsWith(head.slice(0, CACHE_HEAD.length));
}

const CACHE_HEAD = '{"version":1,"alive":';

function notACacheMessage(shownAs: string): string {
  return `${shownAs} exists and is not a listkeeper link cache; not replacing it (choose another cache path)`;
}

function parseCache(text: string): LinkCache | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { version, alive, history } = json as Record<string, unknown>;
  if (version !== 1 || typeof alive !== 'object' || alive === null || Array.isArray(alive)) return null;
  const parsedHistory = parseHistory(history);
  if (!parsedHistory) return null;
  const entries: Record<string, CachedAlive> = {};
  for (const [url, raw] of Object.entries(alive)) {
    const entry = raw as Partial<CachedAlive> | null;
    if (!entry || typeof entry.checkedAt !== 'string') return null;
    entries[url] = {
      checkedAt: entry.checkedAt,
      status: typeof entry.status === 'number' ? entry.status : null,
      reason: typeof entry.reason === 'string' ? entry.reason : '',
      finalUrl: typeof entry.finalUrl === 'string' ? entry.finalUrl : null,
      notes: Array.isArray(entry.notes) ? entry.notes.filter((n): n is string => typeof n === 'string') : [],
      ...(isIdentity(entry.identity) ? { identity: entry.identity } : {}),
    };
  }
  return { version: 1, alive: entries, history: parsedHistory };
}

/** An identity as the checker writes it (`wechat:<biz>/<mid>/<idx>`); anything else in a damaged or edited cache is dropped, not the entry. */
function isIdentity(value: unknown): value is string {
  return typeof value === 'string' && /^wechat:\S{1,200}\/\d{1,20}\/\d{1,5}$/.test(value);
}

/**
 * Write atomically: a temporary file next to the target, then rename. A
 * file at `path` that is not a cache is left alone (an error is thrown).
 */
export async function saveCacheFile(path: string, cache: LinkCache, shownAs: string = path): Promise<void> {
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing !== null && !isCacheText(existing)) throw new Error(notACacheMessage(shownAs));
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(cache)}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
