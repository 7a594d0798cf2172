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

export function workflowContext(
  target: RepoTarget,
  config: ListkeeperConfig,
  deps: { log: Logger; now: () => Date; selfLogin: string | null },
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
  };
}
