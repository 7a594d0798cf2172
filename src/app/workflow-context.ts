/**
 * What the App hands to the shared workflows in src/github: the Octokit of
 * the installation (Probot's, with retry and throttling) and the small
 * workflow context, built from a webhook or a report trigger.
 */
import type { Logger, ProbotOctokit } from 'probot';
import type { ListkeeperConfig } from '../core/config/config-types.js';
import type { GitHubClient, WorkflowContext, WorkflowLogger } from '../github/context.js';
import type { ConfigApi } from './config.js';
import { retrySecondaryRateLimits, type SecondaryLimitOptions } from './rate-limit.js';

/** An installation's Octokit: the REST methods the workflows use plus Probot's config plugin. */
export type AppClient = GitHubClient & ConfigApi;

/**
 * Probot's Octokit is `@octokit/core` with the same REST plugins, so it is a
 * workflow client as is; it gets the wait on secondary rate limits.
 */
export function appClient(octokit: InstanceType<typeof ProbotOctokit>, secondaryLimits?: Partial<SecondaryLimitOptions>): AppClient {
  retrySecondaryRateLimits(octokit, secondaryLimits);
  return octokit;
}

/** Workflow messages go to Probot's logger (pino), with the repository in each line. */
export function workflowLogger(log: Logger): WorkflowLogger {
  return {
    info: (message) => log.info(message),
    warning: (message) => log.warn(message),
    error: (message) => log.error(message),
    notice: (message) => log.info(message),
  };
}

export interface RepoTarget {
  owner: string;
  repo: string;
  defaultBranch: string;
}

/**
 * The web address of the GitHub an API base URL belongs to, where report links to
 * files and lines must point: `https://api.github.com` → `https://github.com`, an
 * Enterprise Server's `https://HOST/api/v3` (Probot's `GHE_HOST`) → `https://HOST`,
 * GHE.com's `https://api.SUB.ghe.com` → `https://SUB.ghe.com`. Pure.
 */
export function webUrlOfApi(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/api/v3')) return `${url.origin}${path.slice(0, -'/api/v3'.length)}`;
  if (url.hostname === 'api.github.com' || url.hostname.endsWith('.ghe.com')) {
    return `${url.protocol}//${url.host.replace(/^api\./, '')}`;
  }
  return url.origin;
}

export function workflowContext(
  target: RepoTarget,
  config: ListkeeperConfig,
  deps: { log: Logger; now: () => Date; selfLogin: string | null; serverUrl?: string },
): WorkflowContext {
  return {
    owner: target.owner,
    repo: target.repo,
    config,
    files: config.files,
    defaultBranch: target.defaultBranch,
    logger: workflowLogger(deps.log.child({ repository: `${target.owner}/${target.repo}` })),
    now: deps.now(),
    selfLogin: deps.selfLogin,
    // The App's login comes from GET /app (identity.ts): when known, it is certain.
    expectedAuthor: deps.selfLogin,
    // Reports link to lines on the GitHub the App serves (an Enterprise Server's own host).
    ...(deps.serverUrl ? { serverUrl: deps.serverUrl } : {}),
  };
}
