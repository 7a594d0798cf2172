/**
 * The pull-request job: the `listkeeper` check run around the shared PR
 * check (src/github/pr-check/pr-check.ts), which also writes the sticky comment and
 * the review suggestions, exactly as in the Action. The App's part is only
 * the check run: in progress at once, then the conclusion, the summary and
 * every annotation.
 */
import type { PageMetadataReader } from '../links/metadata/types.js';
import type { Logger } from 'probot';
import type { CheckLinksOptions } from '../links/index.js';
import { describeError } from '../github/git/http-error.js';
import { plural } from '../github/markdown.js';
import type { ListChanger } from '../github/commands/list-changes.js';
import type { PrAnalyzer } from '../github/pr-check/pr-analysis.js';
import type { LinkTargetCollector } from '../github/report/report-targets.js';
import type { ArchiveChanger } from '../github/upkeep/archive-fixup.js';
import type { AddPlanner } from '../github/commands/add/plan-lists.js';
import { runPrCheck, type PrCheckResult } from '../github/pr-check/pr-check.js';
import { TooComplexError } from './core-worker.js';
import { completeCheckRun, startCheckRun, type CheckOutcome } from './check-run.js';
import { loadRepoConfig } from './config.js';
import type { PullRequestEvent } from './events.js';
import { workflowContext, type AppClient } from './workflow-context.js';

export interface JobDeps {
  log: Logger;
  now: () => Date;
  selfLogin: string | null;
  /** The web address of the GitHub the App serves (`webUrlOfApi`), for links to lines. */
  serverUrl?: string;
  /** Link-checker options over the config's (the App's GitHub token, test timeouts). */
  linkOptions: CheckLinksOptions;
  /** Where the PR's lists are parsed and linted: a worker with a time budget (core-worker.ts). */
  analyze: PrAnalyzer;
  /** Where `/sort` and `/fix` parse and change the lists: the same kind of worker. */
  changeLists: ListChanger;
  /** Where the link report parses the default branch's lists: the same kind of worker. */
  collectTargets: LinkTargetCollector;
  /** Reads the pages of a PR's new entries (`entry-metadata`); default: the page reader over `linkOptions`. */
  readPage?: PageMetadataReader;
  /** Where an archive fix-up would parse and edit the lists (the App runs none today): the same kind of worker. */
  archiveChanges: ArchiveChanger;
  /** Where `/add` plans the entry in the lists: the same kind of worker (in-process when absent). */
  planAdd?: AddPlanner;
}

export async function runPullRequestJob(client: AppClient, event: PullRequestEvent, deps: JobDeps): Promise<void> {
  const { owner, repo, headSha, pullNumber } = event;
  const run = await startCheckRun(client, { owner, repo, headSha });
  let outcome: CheckOutcome;
  try {
    outcome = await checkOutcome(client, event, deps);
  } catch (error) {
    // The run must not stay "in progress" forever; the error goes to the log as well (rethrown).
    await completeCheckRun(client, run, {
      conclusion: 'failure',
      title: 'listkeeper could not check this pull request',
      summary: `The check stopped with an error: ${describeError(error)}\n\nRe-run the check, or push again, to retry.`,
      annotations: [],
    }).catch((closeError: unknown) => deps.log.warn(`could not complete check run ${run.checkRunId}: ${describeError(closeError)}`));
    throw error;
  }
  await completeCheckRun(client, run, outcome);
  deps.log.info(`${owner}/${repo}#${pullNumber}: check run ${outcome.conclusion} (${outcome.title})`);
}

async function checkOutcome(client: AppClient, event: PullRequestEvent, deps: JobDeps): Promise<CheckOutcome> {
  const config = await loadRepoConfig(client, event.owner, event.repo);
  if (!config.ok) {
    return {
      conclusion: 'failure',
      title: 'Invalid listkeeper configuration',
      summary: `${config.error}\n\nFix the configuration on the default branch; the check runs again on the next push.`,
      annotations: [],
    };
  }
  const ctx = workflowContext(event, config.config, deps);
  let result: PrCheckResult;
  try {
    result = await runPrCheck(client, ctx, { pullNumber: event.pullNumber, linkOptions: deps.linkOptions, analyze: deps.analyze, readPage: deps.readPage });
  } catch (error) {
    if (error instanceof TooComplexError) return tooComplexOutcome(error);
    throw error;
  }
  if (result.headSha !== event.headSha) {
    // Someone pushed meanwhile; that push brings its own event and check run.
    return {
      conclusion: 'neutral',
      title: 'Superseded by a newer commit',
      summary: `The pull request moved on to ${result.headSha.slice(0, 7)}, which has its own check.`,
      annotations: [],
    };
  }
  return outcomeOf(result);
}

/** The worker's budget was spent: a failure that says which limit, and what would help. */
export function tooComplexOutcome(error: TooComplexError): CheckOutcome {
  return {
    conclusion: 'failure',
    title: error.limit === 'time' ? 'Too complex to check' : 'Too large to check',
    // The message is "too complex to check within 20 s" or "too large to check within 512 MB of memory".
    summary: [
      `The list files of this pull request are ${error.message}, so listkeeper stopped.`,
      'Real lists take well under a second: look for a very long line, deeply nested brackets or a pasted file.',
      'The server sets these limits with `LISTKEEPER_PARSE_BUDGET_MS` and `LISTKEEPER_PARSE_MEMORY_MB`.',
    ].join(' '),
    annotations: [],
  };
}

/** Errors fail the check; warnings and notes are shown but do not. */
export function outcomeOf(result: PrCheckResult): CheckOutcome {
  const { errors, warnings } = result.counts;
  if (result.files.length === 0) {
    return {
      conclusion: 'success',
      title: 'No list files changed',
      summary: result.summary,
      annotations: [],
    };
  }
  const title =
    errors + warnings === 0 && result.clean
      ? 'All clear'
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return {
    conclusion: errors > 0 ? 'failure' : 'success',
    title,
    summary: result.summary,
    annotations: result.annotations,
  };
}
