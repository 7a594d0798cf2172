/**
 * createPageMetadataReader(options): read what a page says of itself, through
 * the link checker's polite HTTP layer: the same browser-like headers,
 * timeouts, retries with backoff, host scheduler (per-host concurrency,
 * intervals, Retry-After), body cap, private-address refusal on every
 * redirect hop, and the same verdicts (classify.ts, quirks.ts), so a deleted
 * WeChat article, a 404 or a bot wall gives `{ ok: false, verdict, reason }`
 * exactly as `listkeeper links` would judge it. GitHub repositories are read
 * through the REST API, arXiv PDFs through their abstract page.
 *
 * One reader shares its scheduler and connections across calls and reads a
 * URL once (except when it got no verdict); `close()` drops its connections.
 * Make one per run or command, not one for a server's lifetime.
 */
import { requestUrl } from '../../core/url.js';
import { addressIdentity, urlIdentity } from '../../core/url-identity.js';
import { requestSetup, type CheckLinksOptions } from '../check.js';
import { classify, compileRules } from '../classify.js';
import { githubRepoOf, type FetchLike } from '../github.js';
import { hostOf } from '../glob.js';
import { isNetworkLevel, type NetworkErrorKind } from '../http.js';
import { probeUrl, type ProbeContext } from '../probe.js';
import { extractPageMetadata } from './extract.js';
import { readGitHubRepo } from './github.js';
import type { PageMetadata, PageMetadataReader, PageMetadataResult } from './types.js';

export type PageReaderOptions = Pick<
  CheckLinksOptions,
  | 'timeout'
  | 'retries'
  | 'concurrency'
  | 'hostConcurrency'
  | 'interval'
  | 'hosts'
  | 'headers'
  | 'rules'
  | 'maxBodyBytes'
  | 'githubToken'
  | 'githubApiUrl'
  | 'fetch'
  | 'privateAddresses'
  | 'allowAddress'
  | 'lookup'
  | 'dispatcher'
  | 'backoffBaseMs'
>;

/** A reader that can also drop its connections (it owns an undici Agent unless given a dispatcher). */
export type ClosablePageMetadataReader = PageMetadataReader & { close(): Promise<void> };

/**
 * Body bytes read at most. Larger than the checker's 256 KB: a WeChat article writes its
 * publish time (`var ct`) and its long address (`msg_link`) in scripts after the article text.
 */
export const PAGE_READER_MAX_BODY_BYTES = 2 * 1024 * 1024;

const GITHUB_API_URL = 'https://api.github.com';

/** Throws TypeError for an invalid rule regex, as checkLinks does (check first with validateLinkRules). */
export function createPageMetadataReader(options: PageReaderOptions = {}): ClosablePageMetadataReader {
  const compiled = compileRules(options.rules ?? []);
  if (!compiled.ok) throw new TypeError(compiled.error);
  const { ownAgent, probe: shared } = requestSetup(options);
  const { scheduler, timeout } = shared;
  const probe: ProbeContext = {
    ...shared,
    maxBodyBytes: options.maxBodyBytes ?? PAGE_READER_MAX_BODY_BYTES,
    // The page text is what we came for: always GET.
    needsBody: () => true,
    onRequest: () => undefined,
  };
  const github = {
    token: options.githubToken ?? null,
    apiUrl: options.githubApiUrl ?? GITHUB_API_URL,
    fetch: options.fetch ?? (globalThis.fetch as unknown as FetchLike),
    timeout,
  };
  const readOnce = async (url: string): Promise<PageMetadataResult> => {
    const request = requestUrl(url);
    if (request === null) return { ok: false, url, verdict: 'unknown', reason: 'not an http(s) URL' };
    const repo = githubRepoOf(request);
    if (repo) {
      const apiHost = hostOf(github.apiUrl) ?? 'api.github.com';
      return scheduler.run(apiHost, () => readGitHubRepo(url, repo, github));
    }
    return readPage(url, pageToRead(request), probe, compiled.rules);
  };
  const seen = new Map<string, Promise<PageMetadataResult>>();
  const reader = (url: string): Promise<PageMetadataResult> => {
    const key = url.trim();
    let result = seen.get(key);
    if (!result) {
      result = readOnce(key);
      seen.set(key, result);
      // No verdict (a timeout, a refused address, a rate limit) is not kept: asking again may get one.
      void result.then((answer) => {
        if (!answer.ok && answer.verdict === 'unknown') seen.delete(key);
      });
    }
    return result;
  };
  return Object.assign(reader, { close: async () => void (await ownAgent?.destroy()) });
}

async function readPage(url: string, request: string, probe: ProbeContext, rules: Parameters<typeof classify>[2]['rules']): Promise<PageMetadataResult> {
  const outcome = await probeUrl(request, probe);
  // The checker calls a host that is not there dead once most other hosts answered (offline.ts);
  // one page read has no other hosts to compare with, so it only says what happened.
  if (outcome.kind === 'network' && outcome.error !== 'tls' && isNetworkLevel(outcome.error)) {
    const host = hostOf(outcome.at ?? request) ?? request;
    return { ok: false, url, verdict: 'unknown', reason: `could not reach ${host} (${UNREACHED_WORDS[outcome.error] ?? outcome.message})`, unreachable: true };
  }
  const judgement = classify(outcome, hostOf(request) ?? '', { rules, acceptStatus: [] });
  if (judgement.verdict !== 'alive' || outcome.kind !== 'response') return { ok: false, url, verdict: judgement.verdict, reason: judgement.reason };
  // A PDF or an image says nothing we can read; its address still names it.
  if (outcome.body === null) return { ok: true, metadata: addressOnly(url, outcome.finalUrl) };
  const metadata = extractPageMetadata(url, outcome.finalUrl, outcome.body);
  // A challenge served as 200 is alive to the checker, but its title is not the page's.
  const title = metadata.title?.value ?? '';
  if (CHALLENGE_TITLE.test(title)) return { ok: false, url, verdict: 'blocked', reason: `bot challenge page ("${title}")` };
  return { ok: true, metadata };
}

/** Why no server was reached, in a maintainer's words. */
const UNREACHED_WORDS: Partial<Record<NetworkErrorKind, string>> = {
  dns: 'host not found',
  refused: 'connection refused',
  'connect-timeout': 'connection timed out',
  unreachable: 'network unreachable',
};

/** Titles of bot walls and verification pages, never of an article. */
const CHALLENGE_TITLE = /^(?:just a moment\.{0,3}|attention required!?(?: \| cloudflare)?|access denied|are you a robot\??|ddos-guard|security check|安全验证|百度安全验证|验证码|环境异常)$/i;

/** An arXiv PDF is read through its abstract page, which has the metadata. */
function pageToRead(request: string): string {
  const identity = urlIdentity(request);
  const parsed = new URL(request);
  if (identity?.startsWith('arxiv:') && !parsed.pathname.startsWith('/abs/')) {
    return `${parsed.protocol}//${parsed.host}/abs/${identity.slice('arxiv:'.length)}`;
  }
  return request;
}

function addressOnly(url: string, finalUrl: string): PageMetadata {
  const identity = addressIdentity(finalUrl);
  return { url, finalUrl, site: 'generic', title: null, source: null, published: null, identity: identity ? { value: identity, from: 'final URL' } : null };
}
