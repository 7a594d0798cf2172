/**
 * Runs the chosen workflow from `src/github/` and maps its result onto what the runner
 * shows: annotations, job summary, counts for `fail-on`, and the step outputs.
 */
import * as core from '@actions/core';
import { pageReaderOptionsOf } from '../links/metadata/entry-pages.js';
import { runCommand } from '../github/commands/commands.js';
import { runAddFromIssue } from '../github/commands/add/add-issue.js';
import type { Annotation } from '../github/pr-check/annotations.js';
import type { GitHubClient, WorkflowContext } from '../github/context.js';
import { runPrCheck } from '../github/pr-check/pr-check.js';
import { runReport } from '../github/report/report-issue.js';
import { blobBase } from '../github/markdown.js';
import { unmovableMarkdown } from '../github/unmovable-lists.js';
import { runUpkeep } from '../github/upkeep/upkeep.js';
import type { WorkflowChoice } from './event.js';
import type { ActionInputs } from './inputs.js';
import { linkOptionsFromEnv } from './link-env.js';
import { progressWriter, type CheckLinksOptions, type ProgressTarget } from '../links/index.js';
import type { Counts } from './report.js';

/** What every workflow hands back to the runner. */
export interface RunOutcome {
  annotations: Annotation[];
  /** Job-summary Markdown. */
  summary: string;
  counts: Counts;
  /** Step outputs; missing ones are set to ''. */
  outputs: Partial<Record<OutputName, string>>;
  /** A failure that is not a count of findings (a command that could not run). */
  failure?: string;
  /** `…/blob/<sha>/` of the commit the annotations' lines belong to: the summary links to them. */
  blobBase?: string;
}

export const OUTPUT_NAMES = ['errors', 'warnings', 'dead-links', 'report-issue', 'pull-request'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

export type RunnableChoice = Exclude<WorkflowChoice, { kind: 'skip' | 'error' }>;

/**
 * The link checker's options for a run. Private addresses are refused unless the
 * `allow-private-links` input says otherwise: a self-hosted runner sits inside a network
 * that a pull request's links must not reach.
 */
export function actionLinkOptions(inputs: ActionInputs, env: Record<string, string | undefined>): CheckLinksOptions {
  return {
    githubToken: inputs.token,
    githubApiUrl: env.GITHUB_API_URL,
    ...linkOptionsFromEnv(env),
    privateAddresses: inputs.allowPrivateLinks ? 'allow' : 'refuse',
  };
}

/** The runner's log calls progress needs (`@actions/core`; a recorder in tests). */
export interface RunnerLog {
  info: (message: string) => void;
  startGroup: (name: string) => void;
  endGroup: () => void;
}

/**
 * Link-check progress in the job log: a plain line every ~10 s or 10 % (the log is no
 * terminal), folded into a "Checking links" group so it does not bury the findings.
 */
export function actionProgressTarget(log: RunnerLog): ProgressTarget {
  return { kind: 'log', writeLine: (line) => log.info(line), open: () => log.startGroup('Checking links'), close: () => log.endGroup() };
}

export async function runWorkflow(choice: RunnableChoice, client: GitHubClient, ctx: WorkflowContext, inputs: ActionInputs): Promise<RunOutcome> {
  const progress = progressWriter(actionProgressTarget(core));
  const linkOptions: CheckLinksOptions = { ...actionLinkOptions(inputs, process.env), onProgress: progress.update };
  try {
    return await runChosen(choice, client, ctx, inputs, linkOptions);
  } finally {
    // Closes the log group when a check stopped halfway (an error), so later lines are not folded away.
    progress.finish();
  }
}

async function runChosen(choice: RunnableChoice, client: GitHubClient, ctx: WorkflowContext, inputs: ActionInputs, linkOptions: CheckLinksOptions): Promise<RunOutcome> {
  switch (choice.kind) {
    case 'pr-check': {
      const result = await runPrCheck(client, ctx, { pullNumber: choice.pullNumber, checkNewLinks: choice.links && inputs.checkNewLinks, linkOptions });
      if (result.comment.reason) core.notice(`PR comment not written: ${result.comment.reason}`);
      if (result.suggestions.skipped) core.info(`review suggestions not posted: ${result.suggestions.skipped}`);
      const base = blobBase(ctx.serverUrl, ctx.owner, ctx.repo, result.headSha);
      return { annotations: result.annotations, summary: result.summary, counts: result.counts, outputs: result.outputs, blobBase: base };
    }
    case 'report': {
      const result = await runReport(client, ctx, { label: inputs.reportLabel, suggestArchive: inputs.suggestArchive, linkOptions });
      if (result.issue) core.info(`report issue #${result.issue.number} ${result.action}: ${result.issue.url}`);
      if (result.fixup?.pullRequest) core.info(`archive fix-up pull request #${result.fixup.pullRequest.number} ${result.fixup.action}`);
      // Dead links are the report issue's business; unreadable list files are errors.
      const counts = { errors: result.problems.length, warnings: result.dead.length };
      const outputs = { ...result.outputs, errors: String(counts.errors), warnings: String(counts.warnings) };
      return { annotations: result.annotations, summary: result.summary, counts, outputs, ...(result.blobBase ? { blobBase: result.blobBase } : {}) };
    }
    case 'upkeep': {
      const result = await runUpkeep(client, ctx);
      if (result.fixup.pullRequest) core.info(`upkeep pull request #${result.fixup.pullRequest.number} ${result.fixup.action}`);
      const nothing = result.changes.length === 0 && result.unmovable.length === 0;
      const summary = [
        `### listkeeper: scheduled upkeep`,
        '',
        ...(nothing ? ['Nothing to sort or fix.'] : result.changes.map((c) => `- ${c}`)),
        ...result.unmovable.map((n) => `- ⚠️ ${unmovableMarkdown(n, result.blobBase)}`),
        ...result.problems.map((p) => `- ❌ ${p}`),
      ].join('\n');
      // A list sort must leave alone needs a maintainer's hand: a warning, like sort-order.
      const counts = { errors: result.problems.length, warnings: result.unmovable.length };
      const outputs = { ...result.outputs, errors: String(counts.errors), warnings: String(counts.warnings) };
      return { annotations: [], summary, counts, outputs, blobBase: result.blobBase };
    }
    case 'command': {
      const result = await runCommand(client, ctx, {
        event: choice.event,
        report: { label: inputs.reportLabel, suggestArchive: inputs.suggestArchive, linkOptions },
        // /add reads the page with the link checker's rules: private addresses as `allow-private-links` says.
        add: { reader: pageReaderOptionsOf(linkOptions) },
      });
      core.info(`${result.command ? `/${result.command}` : 'comment'}: ${result.outcome} (${result.reason})`);
      const counts = { errors: 0, warnings: 0 };
      const outputs: RunOutcome['outputs'] = { errors: '0', warnings: '0' };
      if (result.outcome === 'committed') outputs['pull-request'] = String(choice.event.issue.number);
      if (result.pullRequest) outputs['pull-request'] = String(result.pullRequest.number);
      if (result.report) Object.assign(outputs, result.report.outputs);
      const summary = result.outcome === 'ignored' ? '' : `### listkeeper: /${result.command ?? '?'} ${result.outcome}\n\n${result.reason}`;
      const failure = result.outcome === 'failed' ? `/${result.command ?? '?'} failed: ${result.reason}` : undefined;
      const base = result.report?.blobBase;
      return { annotations: result.report?.annotations ?? [], summary, counts, outputs, ...(failure ? { failure } : {}), ...(base ? { blobBase: base } : {}) };
    }
    case 'add-label': {
      const result = await runAddFromIssue(client, ctx, { event: choice.event, add: { reader: pageReaderOptionsOf(linkOptions) } });
      core.info(`label on #${choice.event.issue.number}: ${result.outcome} (${result.reason})`);
      const outputs: RunOutcome['outputs'] = { errors: '0', warnings: '0', ...(result.pullRequest ? { 'pull-request': String(result.pullRequest.number) } : {}) };
      const summary = result.outcome === 'ignored' ? '' : `### listkeeper: suggestion #${choice.event.issue.number} ${result.outcome}\n\n${result.reason}`;
      const failure = result.outcome === 'failed' ? `adding #${choice.event.issue.number} failed: ${result.reason}` : undefined;
      return { annotations: [], summary, counts: { errors: 0, warnings: 0 }, outputs, ...(failure ? { failure } : {}) };
    }
  }
}
