/**
 * The Action's Octokit: `@actions/github`'s client with the retry and throttling
 * plugins Probot puts on the App's client, so a long run rides out a 5xx or a rate
 * limit instead of failing the job. Secondary limits trip on bursts of comments
 * and reviews; GitHub's `retry-after` is obeyed, a few times, then the error stands.
 */
import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** Tries after the first on a rate limit before the error is the step's. */
const RATE_LIMIT_RETRIES = 3;

export interface ActionClientOptions {
  /** GITHUB_API_URL on GitHub Enterprise Server. */
  baseUrl?: string;
  /** Says what is being waited for (core.warning in the Action). */
  warn: (message: string) => void;
  /** Milliseconds per second of a wait (1000; tests make waits short). */
  msPerSecond?: number;
  /** The fetch to send with (tests: Node's global fetch, which nock intercepts). */
  fetch?: typeof fetch;
}

export type ActionClient = ReturnType<typeof github.getOctokit>;

export function actionClient(token: string, options: ActionClientOptions): ActionClient {
  const msPerSecond = options.msPerSecond ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      if (retryCount >= RATE_LIMIT_RETRIES) return false;
      options.warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s (try ${retryCount + 2} of ${RATE_LIMIT_RETRIES + 1})`);
      return true;
    };
  return github.getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
      retry: { retryAfterBaseValue: msPerSecond },
      throttle: { retryAfterBaseValue: msPerSecond, onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    },
    retry,
    throttling,
  );
}
