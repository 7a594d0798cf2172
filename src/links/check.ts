/**
 * checkLinks: check every target once, politely, and return one result per
 * target. Composes the scheduler, prober, classifier, offline detector,
 * GitHub API checks and Wayback suggestions; knows nothing of files or CLIs.
 */
import { Agent, type Dispatcher } from 'undici';
import { DEFAULT_LINKS } from '../core/config-types.js';
import { normalizeUrl } from '../core/url.js';
import { freshAlive, type LinkCache } from './cache.js';
import { classify, compileRules, needsBody, type Judgement, type ProbeOutcome } from './classify.js';
import { checkGitHubRepo, githubRepoOf, type FetchLike } from './github.js';
import { BROWSER_HEADERS, DEFAULT_MAX_BODY_BYTES } from './http.js';
import { looksOffline } from './offline.js';
import { probeUrl } from './probe.js';
import { HostScheduler, type HostLimitOverride } from './scheduler.js';
import type { LinkCheckRun, LinkProgress, LinkResult, LinkRule, LinkTarget, Verdict } from './types.js';
import { findArchiveSnapshot, WAYBACK_API_URL } from './wayback.js';

export interface CheckLinksOptions {
  /** Per request, ms (default 10 000). */
  timeout?: number;
  /** Extra tries for timeouts, resets, 5xx and 429 (default 3). */
  retries?: number;
  /** Requests in flight at once (default 32). */
  concurrency?: number;
  /** Requests in flight to one host (default 4). */
  hostConcurrency?: number;
  /** Minimum ms between two requests to one host (default 0). */
  interval?: number;
  /** Host glob → { concurrency, interval }. */
  hosts?: Record<string, HostLimitOverride>;
  /** Extra or replacement request headers (merged over the browser-like defaults). */
  headers?: Record<string, string>;
  /** Statuses that count as alive. */
  acceptStatus?: number[];
  /** User rules, checked before the built-in site rules. */
  rules?: LinkRule[];
  /** Backoff base, ms (default 1000): tries wait base·2^n, jittered. */
  backoffBaseMs?: number;
  /** Longest Retry-After pause obeyed, ms (default 60 000). */
  retryAfterCapMs?: number;
  /** Body bytes read at most (default 256 KB). */
  maxBodyBytes?: number;
  /** Alive results younger than `maxAge` are reused without a request. */
  cache?: LinkCache;
  /** ms (default 1 day). */
  maxAge?: number;
  now?: () => Date;
  /** Check `github.com/OWNER/REPO` links through the REST API with this token. */
  githubToken?: string | null;
  /** Default https://api.github.com. */
  githubApiUrl?: string;
  /** Look up a Wayback Machine snapshot for each dead link. */
  suggestArchive?: boolean;
  /** Default https://archive.org/wayback/available. */
  waybackApiUrl?: string;
  /** fetch used for the GitHub and Wayback APIs (default globalThis.fetch). */
  fetch?: FetchLike;
  /** undici dispatcher for link requests (default: an Agent owned by this run). */
  dispatcher?: Dispatcher;
  onProgress?: (progress: LinkProgress) => void;
}

/** The config file's defaults, plus the knobs only code sets (tests shorten them). */
export const LINK_DEFAULTS = {
  timeout: DEFAULT_LINKS.timeout,
  retries: DEFAULT_LINKS.retries,
  concurrency: DEFAULT_LINKS.concurrency,
  hostConcurrency: DEFAULT_LINKS.hostConcurrency,
  interval: DEFAULT_LINKS.interval,
  maxAge: DEFAULT_LINKS.maxAge,
  backoffBaseMs: 1000,
  retryAfterCapMs: 60_000,
} as const;

/** Check a user's rules before a run; the error names the bad rule. */
export function validateLinkRules(rules: readonly LinkRule[]): { ok: true } | { ok: false; error: string } {
  const compiled = compileRules(rules);
  return compiled.ok ? { ok: true } : compiled;
}

export async function checkLinks(targets: readonly LinkTarget[], options: CheckLinksOptions = {}): Promise<LinkCheckRun> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const runStart = now();
  const compiled = compileRules(options.rules ?? []);
  if (!compiled.ok) throw new TypeError(compiled.error);
  const timeout = options.timeout ?? LINK_DEFAULTS.timeout;
  const ownAgent = options.dispatcher
    ? null
    : new Agent({ connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout, keepAliveTimeout: 4000 });
  const dispatcher = options.dispatcher ?? (ownAgent as Agent);
  const scheduler = new HostScheduler({
    concurrency: options.concurrency ?? LINK_DEFAULTS.concurrency,
    hostConcurrency: options.hostConcurrency ?? LINK_DEFAULTS.hostConcurrency,
    interval: options.interval ?? LINK_DEFAULTS.interval,
    hosts: options.hosts,
    maxPauseMs: options.retryAfterCapMs ?? LINK_DEFAULTS.retryAfterCapMs,
  });
  const counters = { requests: 0, tooMany: 0, hosts: new Set<string>(), done: 0, dead: 0 };
  const onRequest = (host: string, status: number | null) => {
    counters.requests++;
    counters.hosts.add(host);
    if (status === 429) counters.tooMany++;
  };
  const rules = compiled.rules;
  const headers = { ...BROWSER_HEADERS, ...lowerCaseKeys(options.headers ?? {}) };
  const fetchApi = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const maxAge = options.maxAge ?? LINK_DEFAULTS.maxAge;

  const checkOne = async (target: LinkTarget): Promise<Checked> => {
    const cached = freshAlive(options.cache, target.url, maxAge, runStart);
    if (cached) {
      return {
        result: { ...baseResult(target, cached.checkedAt), verdict: 'alive', status: cached.status, reason: cached.reason,
          finalUrl: cached.finalUrl, notes: cached.notes, cached: true },
        host: target.host,
        networkLevel: false,
        probed: false,
      };
    }
    const repo = options.githubToken ? githubRepoOf(target.requestUrl) : null;
    if (repo && options.githubToken) {
      const apiUrl = options.githubApiUrl ?? 'https://api.github.com';
      const apiHost = new URL(apiUrl).hostname;
      const verdict = await scheduler.run(apiHost, async () => {
        const answer = await checkGitHubRepo(repo, { token: options.githubToken as string, apiUrl, fetch: fetchApi, timeout });
        onRequest(apiHost, answer.status);
        return answer;
      });
      return {
        result: { ...baseResult(target, now().toISOString()), ...verdict, requests: 1 },
        host: target.host,
        networkLevel: false,
        probed: false,
      };
    }
    let requests = 0;
    const outcome = await probeUrl(target.requestUrl, {
      scheduler,
      dispatcher,
      headers,
      timeout,
      tries: 1 + Math.max(0, options.retries ?? LINK_DEFAULTS.retries),
      backoffBaseMs: options.backoffBaseMs ?? LINK_DEFAULTS.backoffBaseMs,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      needsBody: (host) => needsBody(host, rules),
      onRequest: (host, status) => {
        requests++;
        onRequest(host, status);
      },
    });
    const judgement = classify(outcome, target.host, { rules, acceptStatus: options.acceptStatus ?? [] });
    return {
      result: resultOf(target, outcome, judgement, requests, now().toISOString()),
      host: target.host,
      networkLevel: judgement.networkLevel,
      probed: true,
    };
  };

  try {
    const checked = await Promise.all(
      targets.map(async (target) => {
        const one = await checkOne(target);
        counters.done++;
        if (one.result.verdict === 'dead') counters.dead++;
        options.onProgress?.({ done: counters.done, total: targets.length, dead: counters.dead, host: target.host });
        return one;
      }),
    );
    const offline = looksOffline(checked.filter((c) => c.probed).map((c) => ({ host: c.host, networkLevel: c.networkLevel })));
    const results = checked.map((c) =>
      offline && c.networkLevel
        ? { ...c.result, verdict: 'unknown' as const, reason: `${c.result.reason} (network looks offline)` }
        : c.result,
    );
    if (options.suggestArchive) await addArchiveSuggestions(results, scheduler, options, fetchApi, timeout, runStart);
    const warnings = offline
      ? ['most hosts could not be reached at all: the network looks offline, so those links are unknown, not dead']
      : [];
    return {
      version: 1,
      checkedAt: runStart.toISOString(),
      results,
      stats: {
        requests: counters.requests,
        hosts: counters.hosts.size,
        durationMs: Date.now() - started,
        byVerdict: countVerdicts(results),
        tooManyRequests: counters.tooMany,
      },
      offline,
      warnings,
    };
  } finally {
    await ownAgent?.destroy();
  }
}

interface Checked {
  host: string;
  result: LinkResult;
  networkLevel: boolean;
  /** A request was attempted for this URL (not cached, not the GitHub API). */
  probed: boolean;
}

function baseResult(target: LinkTarget, checkedAt: string): LinkResult {
  return {
    url: target.url,
    requestUrl: target.requestUrl,
    occurrences: target.occurrences,
    verdict: 'unknown',
    status: null,
    reason: '',
    finalUrl: null,
    notes: [],
    archiveUrl: null,
    requests: 0,
    cached: false,
    failedRuns: 0,
    failingSince: null,
    reportable: false,
    checkedAt,
  };
}

function resultOf(target: LinkTarget, outcome: ProbeOutcome, judgement: Judgement, requests: number, checkedAt: string): LinkResult {
  const result: LinkResult = { ...baseResult(target, checkedAt), verdict: judgement.verdict, reason: judgement.reason, requests };
  if (outcome.kind === 'response') {
    result.status = outcome.status;
    if (outcome.permanentRedirect && worthNoting(target.requestUrl, outcome.finalUrl)) {
      result.finalUrl = outcome.finalUrl;
      result.notes.push(`permanent redirect to ${outcome.finalUrl}`);
    }
  }
  return result;
}

/** A redirect that only adds a trailing slash is not worth a fix; http → https is. */
function worthNoting(from: string, to: string): boolean {
  if (new URL(from).protocol !== new URL(to).protocol) return true;
  return normalizeUrl(from) !== normalizeUrl(to);
}

async function addArchiveSuggestions(
  results: LinkResult[],
  scheduler: HostScheduler,
  options: CheckLinksOptions,
  fetchApi: FetchLike,
  timeout: number,
  now: Date,
): Promise<void> {
  const apiUrl = options.waybackApiUrl ?? WAYBACK_API_URL;
  const apiHost = new URL(apiUrl).hostname;
  await Promise.all(
    results
      .filter((result) => result.verdict === 'dead')
      .map(async (result) => {
        result.archiveUrl = await scheduler.run(apiHost, () =>
          findArchiveSnapshot(result.requestUrl, { apiUrl, fetch: fetchApi, timeout, now }),
        );
      }),
  );
}

function countVerdicts(results: readonly LinkResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { alive: 0, dead: 0, blocked: 0, unknown: 0 };
  for (const result of results) counts[result.verdict]++;
  return counts;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

