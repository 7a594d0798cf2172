/**
 * Waiting out GitHub's secondary rate limits. Probot 14's throttling options
 * only log a secondary limit and let the request fail (its 5xx retries and
 * primary-limit waits stay as they are). A list App writes bursts of
 * comments, reviews and check-run updates, which is what trips secondary
 * limits, so the App's client waits as GitHub asks (`retry-after`, else a
 * minute) and tries again, a few times, before it gives up.
 *
 * Why not Probot's own throttling alone (issue 11 asked): with this wrapper removed,
 * test/app/pull-request.test.ts "retries a 5xx and waits out a secondary rate limit
 * (retry and throttling on)" fails on the 403, although Probot's default
 * onSecondaryRateLimit says it retries; the installation client, as the App gets it,
 * does not. Until that is understood upstream, the wrapper stays, and it is bounded
 * (Probot's callback would retry without limit). The Action uses the plugins directly
 * (src/action/client.ts).
 */
import type { GitHubClient } from '../github/context.js';
import { httpStatus } from '../github/git/http-error.js';

export interface SecondaryLimitOptions {
  /** Tries after the first (default 3). */
  retries: number;
  /** Milliseconds per second of `retry-after` (1000; tests make waits short). */
  msPerSecond: number;
  /** Seconds to wait when GitHub gives no `retry-after` (60, as GitHub's docs advise). */
  fallbackSeconds: number;
  /** Longest wait obeyed, seconds (300). */
  maxSeconds: number;
}

export const SECONDARY_LIMIT_DEFAULTS: SecondaryLimitOptions = { retries: 3, msPerSecond: 1000, fallbackSeconds: 60, maxSeconds: 300 };

const wrapped = new WeakSet<object>();

/** Adds the wait-and-retry to `client` (once per client; Probot makes one per event). */
export function retrySecondaryRateLimits(client: GitHubClient, options: Partial<SecondaryLimitOptions> = {}): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const settings = { ...SECONDARY_LIMIT_DEFAULTS, ...options };
  client.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const seconds = secondaryLimitWait(error, settings);
        if (seconds === null || attempt >= settings.retries) throw error;
        client.log.warn(
          `GitHub secondary rate limit on ${String(requestOptions.method)} ${String(requestOptions.url)}: waiting ${seconds} s (try ${attempt + 2} of ${settings.retries + 1})`,
        );
        await new Promise((resolve) => setTimeout(resolve, seconds * settings.msPerSecond));
      }
    }
  });
}

/** Seconds to wait for a secondary-rate-limit error, or null for any other error. */
export function secondaryLimitWait(error: unknown, settings: SecondaryLimitOptions): number | null {
  const status = httpStatus(error);
  if (status !== 403 && status !== 429) return null;
  const message = error instanceof Error ? error.message : '';
  if (!/secondary rate limit/i.test(message)) return null;
  const header = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers?.['retry-after'];
  const given = Number(header);
  const seconds = Number.isFinite(given) && given >= 0 && header !== undefined ? given : settings.fallbackSeconds;
  return Math.min(seconds, settings.maxSeconds);
}
