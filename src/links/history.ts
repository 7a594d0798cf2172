/**
 * The failure history: per URL, how many runs in a row it was dead and since
 * when. A plain JSON object with pure functions, kept apart from the file
 * cache so the GitHub Action can store it in its report issue instead.
 */
import type { LinkCheckRun, LinkResult, Verdict } from './types.js';

export interface LinkHistoryEntry {
  /** Consecutive runs in which the URL was dead. */
  failedRuns: number;
  /** ISO time of the first dead run of the current streak; null when not failing. */
  failingSince: string | null;
  lastVerdict: Verdict;
  lastChecked: string;
  lastStatus: number | null;
  lastReason: string;
}

export interface LinkHistory {
  version: 1;
  urls: Record<string, LinkHistoryEntry>;
}

export function emptyHistory(): LinkHistory {
  return { version: 1, urls: {} };
}

const VERDICTS: readonly Verdict[] = ['alive', 'dead', 'blocked', 'unknown'];

/** Validate stored history (e.g. parsed from an issue body); null when it is not a history. */
export function parseHistory(value: unknown): LinkHistory | null {
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.urls)) return null;
  const urls: Record<string, LinkHistoryEntry> = {};
  for (const [url, raw] of Object.entries(value.urls)) {
    if (!isRecord(raw)) return null;
    const { failedRuns, failingSince, lastVerdict, lastChecked, lastStatus, lastReason } = raw;
    if (typeof failedRuns !== 'number' || !Number.isInteger(failedRuns) || failedRuns < 0) return null;
    if (failingSince !== null && typeof failingSince !== 'string') return null;
    if (typeof lastVerdict !== 'string' || !VERDICTS.includes(lastVerdict as Verdict)) return null;
    if (typeof lastChecked !== 'string') return null;
    urls[url] = {
      failedRuns,
      failingSince,
      lastVerdict: lastVerdict as Verdict,
      lastChecked,
      lastStatus: typeof lastStatus === 'number' ? lastStatus : null,
      lastReason: typeof lastReason === 'string' ? lastReason : '',
    };
  }
  return { version: 1, urls };
}

export interface ApplyHistoryOptions {
  /** Runs in a row a link must be dead before it is reported (1 = at once). */
  threshold: number;
}

/**
 * Merge a run into the history and judge each result: dead extends the
 * streak, alive or blocked ends it, unknown (e.g. an offline run) leaves it as
 * it was. Returns new objects; the inputs are not changed.
 */
export function applyHistory(
  run: LinkCheckRun,
  history: LinkHistory,
  options: ApplyHistoryOptions,
): { run: LinkCheckRun; history: LinkHistory } {
  const threshold = Math.max(1, Math.floor(options.threshold));
  const urls: Record<string, LinkHistoryEntry> = { ...history.urls };
  const results = run.results.map((result): LinkResult => {
    const previous = urls[result.url];
    const entry = nextEntry(previous, result);
    if (entry) urls[result.url] = entry;
    else delete urls[result.url];
    const failedRuns = entry?.failedRuns ?? 0;
    const failingSince = entry?.failingSince ?? null;
    return {
      ...result,
      failedRuns,
      failingSince,
      reportable: result.verdict === 'dead' && failedRuns >= threshold,
    };
  });
  return { run: { ...run, results }, history: { version: 1, urls } };
}

/** The history entry after this result; null when there is nothing worth remembering (alive). */
function nextEntry(previous: LinkHistoryEntry | undefined, result: LinkResult): LinkHistoryEntry | null {
  const base = { lastChecked: result.checkedAt, lastStatus: result.status, lastReason: result.reason };
  switch (result.verdict) {
    case 'dead':
      return {
        ...base,
        lastVerdict: 'dead',
        failedRuns: (previous?.failedRuns ?? 0) + 1,
        failingSince: previous?.failingSince ?? result.checkedAt,
      };
    case 'unknown':
      return previous ? { ...previous, lastVerdict: 'unknown', lastChecked: result.checkedAt } : null;
    case 'blocked':
      return { ...base, lastVerdict: 'blocked', failedRuns: 0, failingSince: null };
    case 'alive':
      return null;
  }
}

/** Drop URLs no longer in the list, so the stored history stays small. */
export function pruneHistory(history: LinkHistory, keepUrls: Iterable<string>): LinkHistory {
  const keep = new Set(keepUrls);
  const urls: Record<string, LinkHistoryEntry> = {};
  for (const [url, entry] of Object.entries(history.urls)) if (keep.has(url)) urls[url] = entry;
  return { version: 1, urls };
}

/** Results to report as dead: dead in at least `threshold` runs in a row (after `applyHistory`). */
export function reportableResults(run: LinkCheckRun): LinkResult[] {
  return run.results.filter((result) => result.reportable);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
