/**
 * A `/sort`, `/fix`, `/check-links` or `/add` comment (and the `add.label` label): the shared command workflow
 * (src/github/commands/commands.ts) with the permission rules, reactions, head-moved
 * guard and fork handling of the Action. The App's installation token may
 * push to a fork's branch when its author allows edits by maintainers, so
 * `pushToForks` is on.
 */
import { pageReaderOptionsOf } from '../links/metadata/entry-pages.js';
import { runCommand, type AddSteps } from '../github/commands/commands.js';
import { runAddFromIssue } from '../github/commands/add/add-issue.js';
import { CommandIo } from '../github/commands/command-io.js';
import { defaultConfig } from '../core/config/config-types.js';
import { code } from '../github/markdown.js';
import { loadRepoConfig } from './config.js';
import type { IssueCommentEvent, IssueLabeledEvent } from './events.js';
import type { JobDeps } from './pr-check-job.js';
import { workflowContext, type AppClient } from './workflow-context.js';

export async function runCommentJob(client: AppClient, event: IssueCommentEvent, deps: JobDeps): Promise<void> {
  const { owner, repo } = event;
  const config = await loadRepoConfig(client, owner, repo);
  if (!config.ok) {
    await replyConfigError(client, event, config.error, deps);
    return;
  }
  const ctx = workflowContext(event, config.config, deps);
  const result = await runCommand(client, ctx, {
    event: event.comment,
    pushToForks: true,
    // Parsing off the event loop, with the time budget (the head's files are anyone's: runCommand's 4 MB limit).
    changeLists: deps.changeLists,
    report: { linkOptions: deps.linkOptions, collectTargets: deps.collectTargets, archiveChanges: deps.archiveChanges },
    add: addSteps(deps),
  });
  deps.log.info(`${owner}/${repo}#${event.comment.issue.number}: /${result.command ?? '?'} ${result.outcome} (${result.reason})`);
}

/** `/add`'s page reader under the App's link options (private addresses refused) and planning in the worker. */
function addSteps(deps: JobDeps): AddSteps {
  return { reader: pageReaderOptionsOf(deps.linkOptions), ...(deps.planAdd ? { planAdd: deps.planAdd } : {}) };
}

/**
 * A label on an issue: when it is the repository's `add.label` and a writer put it on a
 * "Suggest an article" issue, the shared `/add` workflow opens the pull request. A broken
 * config is logged only: a label is no request that expects an answer.
 */
export async function runLabelJob(client: AppClient, event: IssueLabeledEvent, deps: JobDeps): Promise<void> {
  const { owner, repo } = event;
  const config = await loadRepoConfig(client, owner, repo);
  if (!config.ok) {
    deps.log.warn(`${owner}/${repo}#${event.label.issue.number}: label not acted on, invalid configuration: ${config.error}`);
    return;
  }
  const ctx = workflowContext(event, config.config, deps);
  const result = await runAddFromIssue(client, ctx, { event: event.label, add: addSteps(deps) });
  deps.log.info(`${owner}/${repo}#${event.label.issue.number}: label ${event.label.label?.name ?? '?'}: ${result.outcome} (${result.reason})`);
}

/** The command cannot run without a valid config: say so where it was asked, with 😕. */
async function replyConfigError(client: AppClient, event: IssueCommentEvent, error: string, deps: JobDeps): Promise<void> {
  const { owner, repo } = event;
  const issueNumber = event.comment.issue.number;
  deps.log.warn(`${owner}/${repo}#${issueNumber}: command not run, invalid configuration: ${error}`);
  // The defaults stand in for the config: the context only says where to react and reply.
  const io = new CommandIo(client, workflowContext(event, defaultConfig(), deps), { issueNumber, commentId: event.comment.comment.id });
  await io.fail(`listkeeper cannot run this command: the configuration is invalid.\n\n${code(error)}\n\nFix it on the default branch and comment the command again.`);
}
