/**
 * What every GitHub workflow receives: an Octokit client and a small context.
 * The Action (`@actions/github`'s getOctokit) and the App (Probot's
 * `context.octokit`) both hand over an `@octokit/core` v7 Octokit with the
 * REST endpoint methods and `paginate`, which is exactly `GitHubClient`.
 */
import type { getOctokit } from '@actions/github';
import type { ListkeeperConfig } from '../core/config/config-types.js';

/** `@octokit/core` + `rest.*` + `paginate`: what getOctokit returns and what Probot's octokit extends. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** Where messages go: `core.info/warning/error/notice` in the Action, Probot's logger in the App. */
export interface WorkflowLogger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  notice(message: string): void;
}

export interface WorkflowContext {
  owner: string;
  repo: string;
  config: ListkeeperConfig;
  /** Globs of the list files to look at (the Action's `files` input, else `config.files`). */
  files: string[];
  /** The repository's default branch (scheduled reports and fix-up PRs are based on it). */
  defaultBranch: string;
  logger: WorkflowLogger;
  /** The clock, injected so tests and reports agree on "today". */
  now: Date;
  /** Login the token acts as (`github-actions[bot]`, `listkeeper[bot]`), to skip the tool's own comments. */
  selfLogin?: string | null;
  /**
   * The login GitHub records as the author of what this token creates, when GitHub said so
   * (GET /app for the App, GET /user for a personal token, GraphQL `viewer` for an installation
   * token) rather than guessed. Only a report issue by this author (unset: by `selfLogin`) is
   * adopted (see report-author.ts).
   */
  expectedAuthor?: string | null;
  /** `https://github.com`, or a GitHub Enterprise server: where report links to files and lines point. */
  serverUrl?: string;
  /** Compute and report, but write nothing to GitHub (no comments, issues, commits). */
  dryRun?: boolean;
}

/** Logger that drops everything, for callers that have nowhere to log. */
export const silentLogger: WorkflowLogger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  notice: () => undefined,
};

/** GitHub logins are case-insensitive: `Octo-Bot` and `octo-bot` are one account. */
export function sameLogin(login: string | null | undefined, other: string | null | undefined): boolean {
  return !!login && !!other && login.toLowerCase() === other.toLowerCase();
}
