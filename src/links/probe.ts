/**
 * Probe one URL: HEAD first (GET when HEAD is refused, or directly when the
 * verdict depends on the page text), redirects followed by hand so permanent
 * ones become notes and loops are caught, transient failures retried with
 * backoff. Every single request goes through the host scheduler.
 */
import type { Dispatcher } from 'undici';
import type { ProbeOutcome } from './classify.js';
import { sendRequest, isTransientFailure, type HttpResult } from './http.js';
import { backoffDelay, parseRetryAfter, sleep } from './retry.js';
import { HostStalledError, type HostScheduler, type TaskPriority } from './scheduler.js';
import { hostOf } from './glob.js';
import { PRIVATE_ADDRESS_REASON } from './guard.js';

export const MAX_REDIRECTS = 10;

export interface ProbeContext {
  scheduler: HostScheduler;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  timeout: number;
  /** Total tries for transient failures (1 + retries). */
  tries: number;
  backoffBaseMs: number;
  maxBodyBytes: number;
  /** Whether the verdict for this host depends on the page body. */
  needsBody(host: string): boolean;
  /** Whether the URL host is an address the run refuses (host names are checked at connect time). */
  refusesHost(hostname: string): boolean;
  /** Called once per request sent, with its status (null on network failure). */
  onRequest(host: string, status: number | null): void;
  /** The URL got no answer in the last run: its first try goes before other URLs' first tries. */
  failedBefore?: boolean;
}

export async function probeUrl(url: string, ctx: ProbeContext): Promise<ProbeOutcome> {
  let outcome: ProbeOutcome = { kind: 'network', error: 'other', message: 'not tried', tries: 0 };
  for (let attempt = 1; attempt <= ctx.tries; attempt++) {
    try {
      outcome = await followRedirects(url, ctx, attempt);
    } catch (error) {
      // The host used its budget (stalled): this URL is not judged, whatever its earlier tries said.
      if (error instanceof HostStalledError) return { kind: 'skipped', reason: error.message, tries: attempt - 1 };
      throw error;
    }
    const retry = retryAdvice(outcome);
    if (!retry.transient) break;
    const delay = backoffDelay(attempt, ctx.backoffBaseMs);
    // A Retry-After already paused the host (fetchPage); a bare 429 pauses it for the backoff.
    // Also after the last try: the host's other URLs must wait too, and its pause budget counts it.
    if (retry.retryAfterMs === null && retry.host !== null && retry.status === 429) ctx.scheduler.pauseHost(retry.host, delay);
    if (attempt === ctx.tries) break;
    await sleep(delay);
  }
  return outcome;
}

interface RetryAdvice {
  transient: boolean;
  status: number | null;
  host: string | null;
  retryAfterMs: number | null;
}

function retryAdvice(outcome: ProbeOutcome): RetryAdvice {
  if (outcome.kind === 'network') {
    return { transient: isTransientFailure(outcome.error), status: null, host: null, retryAfterMs: null };
  }
  if (outcome.kind !== 'response') return { transient: false, status: null, host: null, retryAfterMs: null };
  const { status } = outcome;
  const transient = isTransientStatus(status);
  const retryAfter = transient ? parseRetryAfter(outcome.headers['retry-after']) : null;
  return { transient, status, host: hostOf(outcome.finalUrl), retryAfterMs: retryAfter };
}

/** Answers worth another try later (and whose Retry-After is obeyed). */
function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

async function followRedirects(start: string, ctx: ProbeContext, tries: number): Promise<ProbeOutcome> {
  const visited = new Set<string>();
  const cookies: CookieJar = new Map();
  let current = start;
  let permanent = true;
  for (let hop = 0; ; hop++) {
    const cookie = cookieHeader(cookies, hostOf(current));
    // The same URL with new cookies is a browser's cookie check, not a loop.
    const visit = `${current}\n${cookie ?? ''}`;
    if (visited.has(visit)) return { kind: 'redirect-loop', finalUrl: current, tries };
    visited.add(visit);
    // Checked on every hop: a public page must not redirect the checker into the network it runs in.
    if (ctx.refusesHost(hostOf(current) ?? '')) return { kind: 'network', error: 'private', message: PRIVATE_ADDRESS_REASON, tries };
    // A retry uses GET: some servers mishandle HEAD (hang, drop, or error) but serve GET.
    const priority: TaskPriority = tries > 1 || hop > 0 ? 'retry' : ctx.failedBefore ? 'failed-before' : 'first-try';
    const result = await fetchPage(current, ctx, cookie, tries > 1, priority);
    if (!result.ok) return { kind: 'network', error: result.kind, message: result.message, tries, at: current };
    const location = result.headers.location;
    if (result.status >= 300 && result.status < 400 && location) {
      if (hop >= MAX_REDIRECTS) return { kind: 'too-many-redirects', finalUrl: current, tries };
      let next: string;
      try {
        const resolved = new URL(location, current);
        if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') throw new Error('not http');
        resolved.hash = '';
        next = resolved.toString();
      } catch {
        return { kind: 'bad-redirect', location, tries };
      }
      // Sites that set a cookie and redirect to themselves are not loops for a browser.
      rememberCookies(cookies, hostOf(current), result.headers['set-cookie']);
      if (result.status !== 301 && result.status !== 308) permanent = false;
      current = next;
      continue;
    }
    return {
      kind: 'response',
      status: result.status,
      headers: result.headers,
      body: result.body,
      finalUrl: current,
      permanentRedirect: hop > 0 && permanent,
      tries,
    };
  }
}

/**
 * HEAD, then GET when HEAD is refused or not a success; GET directly when the body decides or on a retry.
 * The GET after a HEAD is queued as a retry: the URL's check is under way.
 */
async function fetchPage(url: string, ctx: ProbeContext, cookie: string | null, getOnly: boolean, priority: TaskPriority): Promise<HttpResult> {
  const host = hostOf(url) ?? '';
  const headers = cookie ? { ...ctx.headers, cookie } : ctx.headers;
  const send = (method: 'HEAD' | 'GET', queuedAs: TaskPriority) =>
    ctx.scheduler.run(
      host,
      async () => {
        const result = await sendRequest(url, {
          method,
          headers,
          dispatcher: ctx.dispatcher,
          timeout: ctx.timeout,
          maxBodyBytes: ctx.maxBodyBytes,
        });
        // A connection the guard refused sent nothing.
        if (result.ok || result.kind !== 'private') ctx.onRequest(host, result.ok ? result.status : null);
        ctx.scheduler.noteTimeout(host, url, !result.ok && (result.kind === 'timeout' || result.kind === 'connect-timeout'));
        // Pause before this slot is given back, or the host's next queued request goes out at once.
        const retryAfterMs = result.ok && isTransientStatus(result.status) ? parseRetryAfter(result.headers['retry-after']) : null;
        if (retryAfterMs !== null) ctx.scheduler.pauseHost(host, retryAfterMs);
        return result;
      },
      queuedAs,
    );
  if (getOnly || ctx.needsBody(host)) return send('GET', priority);
  const head = await send('HEAD', priority);
  if (head.ok && head.status >= 200 && head.status < 400) return head;
  // A 429 on HEAD is the server asking us to slow down, not to ask again at once.
  if (head.ok && head.status === 429) return head;
  if (!head.ok && head.kind !== 'reset') return head;
  return send('GET', 'retry');
}

/** Cookies are kept per host, never sent to another site. */
type CookieJar = Map<string, Map<string, string>>;

function rememberCookies(jar: CookieJar, host: string | null, setCookie: string | undefined): void {
  if (!setCookie || host === null) return;
  const forHost = jar.get(host) ?? new Map<string, string>();
  for (const line of setCookie.split('\n')) {
    const pair = line.split(';', 1)[0].trim();
    const eq = pair.indexOf('=');
    if (eq > 0) forHost.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  jar.set(host, forHost);
}

function cookieHeader(jar: CookieJar, host: string | null): string | null {
  const forHost = host === null ? undefined : jar.get(host);
  if (!forHost || forHost.size === 0) return null;
  return [...forHost].map(([name, value]) => `${name}=${value}`).join('; ');
}
