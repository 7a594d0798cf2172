/**
 * checkLinks: check every target once, politely, and return one result per
 * target (its other written forms only when the first is dead, see forms.ts).
 * Composes the scheduler, prober, classifier, offline detector, GitHub API
 * checks and Wayback suggestions; knows nothing of files or CLIs.
 */
import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { DEFAULT_LINKS } from '../core/config/config-types.js';
import { normalizeUrl } from '../core/url.js';
import { freshAlive, type LinkCache } from './cache.js';
import { classify, compileRules, needsBody, type CompiledRule, type Judgement, type ProbeOutcome } from './classify.js';
import { checkWrittenForms, type FormCheck } from './forms.js';
import { checkGitHubRepo, githubRepoOf, type FetchLike, type GitHubRepoRef } from './github.js';
import { hostOf } from './glob.js';
import { guardedAgent } from './agent.js';
import { refusesLiteralHost, type AddressPolicy } from './guard.js';
import { BROWSER_HEADERS, DEFAULT_MAX_BODY_BYTES } from './http.js';
import { isWeChatHost, wechatIdentityOfBody } from './metadata/wechat.js';
import { looksOffline } from './offline.js';
import { probeUrl, type ProbeContext } from './probe.js';
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
  /** Total pause one host may impose, ms (default 60 000); then its remaining links are `unknown`, not requested. */
  hostPauseBudgetMs?: number;
  /** Distinct URLs of one host timing out in a row after which its remaining links are `unknown`, not requested (default 6). */
  hostTimedOutUrlsInARow?: number;
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
  /**
   * `refuse`: never connect to loopback, private, link-local, CGNAT, unique-local, multicast,
   * … addresses (address.ts), judged on the resolved address at connect time and on every
   * redirect hop; such a link is `unknown`, "not checked: private address". Default `allow`
   * (a person checking their own file); the App and the Action refuse.
   */
  privateAddresses?: 'allow' | 'refuse';
  /** Exceptions to `refuse`: addresses that may still be connected to (tests' loopback servers). */
  allowAddress?: (address: string) => boolean;
  /** DNS lookup for link requests (default node:dns lookup; tests answer without DNS). */
  lookup?: LookupFunction;
  /**
   * undici dispatcher for link requests (default: an Agent owned by this run). A dispatcher of
   * your own gets the IP-literal check only: resolved host names are checked by the run's Agent.
   */
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
  hostPauseBudgetMs: 60_000,
  hostTimedOutUrlsInARow: 6,
} as const;

/** A request in flight this long stops counting against the global concurrency (it keeps its host slot). */
const SLOW_REQUEST_MS = 2000;

/** Check a user's rules before a run; the error names the bad rule. */
export function validateLinkRules(rules: readonly LinkRule[]): { ok: true } | { ok: false; error: string } {
  const compiled = compileRules(rules);
  return compiled.ok ? { ok: true } : compiled;
}

export async function checkLinks(targets: readonly LinkTarget[], options: CheckLinksOptions = {}): Promise<LinkCheckRun> {
  const started = Date.now();
  const compiled = compileRules(options.rules ?? []);
  if (!compiled.ok) throw new TypeError(compiled.error);
  const setup = requestSetup(options);
  const ctx = runContext(options, compiled.rules, setup);
  const progress = { done: 0, dead: 0 };
  try {
    const checked = await Promise.all(
      targets.map(async (target) => {
        const one = await checkTarget(target, ctx);
        progress.done++;
        if (one.result.verdict === 'dead') progress.dead++;
        options.onProgress?.({ ...progress, total: targets.length, host: target.host });
        return one;
      }),
    );
    const offline = looksOffline(checked.filter((c) => c.probed).map((c) => ({ host: c.host, networkLevel: c.networkLevel })));
    const results = checked.map((c) =>
      offline && c.networkLevel
        ? { ...c.result, verdict: 'unknown' as const, reason: `${c.result.reason} (network looks offline)` }
        : c.result,
    );
    if (options.suggestArchive) await addArchiveSuggestions(results, ctx);
    return {
      version: 1,
      checkedAt: ctx.runStart.toISOString(),
      results,
      stats: {
        requests: ctx.counters.requests,
        hosts: ctx.counters.hosts.size,
        durationMs: Date.now() - started,
        byVerdict: countVerdicts(results),
        tooManyRequests: ctx.counters.tooMany,
      },
      offline,
      warnings: offline
        ? [
            'most hosts could not be reached at all (or failed the TLS handshake, as behind an intercepting proxy): the network looks offline, so those links are unknown, not dead',
          ]
        : [],
    };
  } finally {
    await setup.ownAgent?.destroy();
  }
}

/** What every request of a run shares; the caller adds the body cap, when to GET, and what it counts. */
export interface RequestSetup {
  probe: Omit<ProbeContext, 'maxBodyBytes' | 'needsBody' | 'onRequest'>;
  /** The Agent the run owns and must destroy; null when the options gave a dispatcher. */
  ownAgent: Agent | null;
}

/**
 * The host scheduler, the connections (a guarded Agent unless `options.dispatcher`), headers,
 * timeout and tries of a run, from its options and LINK_DEFAULTS. The page reader
 * (metadata/read.ts) sets up its requests here too, so both are equally polite and guarded.
 */
export function requestSetup(options: CheckLinksOptions): RequestSetup {
  const timeout = options.timeout ?? LINK_DEFAULTS.timeout;
  const policy = addressPolicy(options);
  const ownAgent = options.dispatcher ? null : guardedAgent(policy, timeout, options.lookup);
  const scheduler = new HostScheduler({
    concurrency: options.concurrency ?? LINK_DEFAULTS.concurrency,
    hostConcurrency: options.hostConcurrency ?? LINK_DEFAULTS.hostConcurrency,
    interval: options.interval ?? LINK_DEFAULTS.interval,
    hosts: options.hosts,
    maxPauseMs: options.retryAfterCapMs ?? LINK_DEFAULTS.retryAfterCapMs,
    pauseBudgetMs: options.hostPauseBudgetMs ?? LINK_DEFAULTS.hostPauseBudgetMs,
    timedOutUrlsInARow: options.hostTimedOutUrlsInARow ?? LINK_DEFAULTS.hostTimedOutUrlsInARow,
    // Long past any normal answer: likely a page that hangs until the timeout.
    slowRequestMs: Math.min(SLOW_REQUEST_MS, timeout / 2),
  });
  return {
    ownAgent,
    probe: {
      scheduler,
      dispatcher: options.dispatcher ?? (ownAgent as Agent),
      headers: { ...BROWSER_HEADERS, ...lowerCaseKeys(options.headers ?? {}) },
      timeout,
      tries: 1 + Math.max(0, options.retries ?? LINK_DEFAULTS.retries),
      backoffBaseMs: options.backoffBaseMs ?? LINK_DEFAULTS.backoffBaseMs,
      refusesHost: (hostname) => refusesLiteralHost(policy, hostname),
    },
  };
}

/** Everything one run shares: options resolved to values, the scheduler, the counters. */
interface RunContext {
  options: CheckLinksOptions;
  now: () => Date;
  runStart: Date;
  timeout: number;
  maxAge: number;
  rules: CompiledRule[];
  acceptStatus: number[];
  scheduler: HostScheduler;
  /** What every probe of the run shares. */
  probe: Omit<ProbeContext, 'onRequest'>;
  fetchApi: FetchLike;
  counters: { requests: number; tooMany: number; hosts: Set<string> };
  /** URLs whose last failure got no answer (timeouts, resets; the cache's history): started first, their long chains of tries overlap the rest. */
  failedBefore: ReadonlySet<string>;
  onRequest(host: string, status: number | null): void;
}

function runContext(options: CheckLinksOptions, rules: CompiledRule[], setup: RequestSetup): RunContext {
  const now = options.now ?? (() => new Date());
  const counters = { requests: 0, tooMany: 0, hosts: new Set<string>() };
  return {
    options,
    now,
    runStart: now(),
    timeout: setup.probe.timeout,
    maxAge: options.maxAge ?? LINK_DEFAULTS.maxAge,
    rules,
    acceptStatus: options.acceptStatus ?? [],
    scheduler: setup.probe.scheduler,
    probe: {
      ...setup.probe,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      needsBody: (host) => needsBody(host, rules),
    },
    fetchApi: options.fetch ?? (globalThis.fetch as unknown as FetchLike),
    counters,
    failedBefore: new Set(
      Object.entries(options.cache?.history.urls ?? {})
        // A 404 is answered at once; a URL that got no answer is the one whose retries take long.
        .filter(([, entry]) => entry.failedRuns > 0 && entry.lastStatus === null)
        .map(([url]) => url),
    ),
    onRequest(host, status) {
      counters.requests++;
      counters.hosts.add(host);
      if (status === 429) counters.tooMany++;
    },
  };
}

/** A fresh alive result from the cache, else the GitHub API for repository links, else the prober. */
async function checkTarget(target: LinkTarget, ctx: RunContext): Promise<Checked> {
  const cached = freshAlive(ctx.options.cache, target.url, ctx.maxAge, ctx.runStart);
  if (cached) {
    const { checkedAt, status, reason, finalUrl, notes, identity } = cached;
    const result: LinkResult = { ...baseResult(target, checkedAt), verdict: 'alive', status, reason, finalUrl, notes, cached: true, identity: identity ?? null };
    return { host: target.host, result, networkLevel: false, probed: false };
  }
  const token = ctx.options.githubToken;
  const repo = token ? githubRepoOf(target.requestUrl) : null;
  if (repo && token) return checkThroughGitHub(target, repo, token, ctx);
  return probeTarget(target, ctx);
}

async function checkThroughGitHub(target: LinkTarget, repo: GitHubRepoRef, token: string, ctx: RunContext): Promise<Checked> {
  const apiUrl = ctx.options.githubApiUrl ?? 'https://api.github.com';
  const apiHost = new URL(apiUrl).hostname;
  const verdict = await ctx.scheduler.run(apiHost, async () => {
    const answer = await checkGitHubRepo(repo, { token, apiUrl, fetch: ctx.fetchApi, timeout: ctx.timeout });
    ctx.onRequest(apiHost, answer.status);
    return answer;
  });
  const result: LinkResult = { ...baseResult(target, ctx.now().toISOString()), ...verdict, requests: 1 };
  return { host: target.host, result, networkLevel: false, probed: false };
}

/** The prober on the target's first written form, and on its other forms when that one is dead. */
async function probeTarget(target: LinkTarget, ctx: RunContext): Promise<Checked> {
  const { result, networkLevel, skipped } = await checkWrittenForms(target, (form) => probeForm(target, form, ctx));
  // A URL its stalled host kept us from checking says nothing about the network.
  return { host: target.host, result, networkLevel, probed: skipped !== true };
}

async function probeForm(target: LinkTarget, form: string, ctx: RunContext): Promise<FormCheck> {
  let requests = 0;
  const outcome = await probeUrl(form, {
    ...ctx.probe,
    failedBefore: ctx.failedBefore.has(target.url),
    onRequest: (host, status) => {
      requests++;
      ctx.onRequest(host, status);
    },
  });
  const judgement = classify(outcome, hostOf(form) ?? target.host, { rules: ctx.rules, acceptStatus: ctx.acceptStatus });
  const result = resultOf({ ...target, requestUrl: form }, outcome, judgement, requests, ctx.now().toISOString());
  return { result, networkLevel: judgement.networkLevel, skipped: judgement.skipped };
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
    identity: null,
  };
}

function resultOf(target: LinkTarget, outcome: ProbeOutcome, judgement: Judgement, requests: number, checkedAt: string): LinkResult {
  const result: LinkResult = { ...baseResult(target, checkedAt), verdict: judgement.verdict, reason: judgement.reason, requests };
  if (outcome.kind === 'response') {
    result.status = outcome.status;
    result.identity = judgement.verdict === 'alive' ? pageIdentityOf(outcome.finalUrl, outcome.body) : null;
    if (outcome.permanentRedirect && worthNoting(target.requestUrl, outcome.finalUrl)) {
      result.finalUrl = outcome.finalUrl;
      result.notes.push(`permanent redirect to ${outcome.finalUrl}`);
    }
  }
  return result;
}

/**
 * The article a downloaded page names. Only WeChat: its pages are downloaded anyway (to tell a
 * deleted article from a live one, quirks.ts), and its short `/s/<code>` address says nothing of
 * the article, which only the page tells. Other sites get a HEAD and no body: reading theirs
 * would cost a GET per link, which `--metadata` pays when asked.
 */
function pageIdentityOf(finalUrl: string, body: string | null): string | null {
  const host = hostOf(finalUrl);
  return body !== null && host !== null && isWeChatHost(host) ? wechatIdentityOfBody(body, finalUrl) : null;
}

/** A redirect that only adds a trailing slash is not worth a fix; http → https is. */
function worthNoting(from: string, to: string): boolean {
  if (new URL(from).protocol !== new URL(to).protocol) return true;
  return normalizeUrl(from) !== normalizeUrl(to);
}

async function addArchiveSuggestions(results: LinkResult[], ctx: RunContext): Promise<void> {
  const apiUrl = ctx.options.waybackApiUrl ?? WAYBACK_API_URL;
  const apiHost = new URL(apiUrl).hostname;
  const lookup = { apiUrl, fetch: ctx.fetchApi, timeout: ctx.timeout, now: ctx.runStart };
  await Promise.all(
    results
      .filter((result) => result.verdict === 'dead')
      .map(async (result) => {
        result.archiveUrl = await ctx.scheduler.run(apiHost, () => findArchiveSnapshot(result.requestUrl, lookup));
      }),
  );
}

function addressPolicy(options: CheckLinksOptions): AddressPolicy {
  return { privateAddresses: options.privateAddresses ?? 'allow', allowAddress: options.allowAddress };
}

function countVerdicts(results: readonly LinkResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { alive: 0, dead: 0, blocked: 0, unknown: 0 };
  for (const result of results) counts[result.verdict]++;
  return counts;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

