/**
 * The GitHub Action: read the inputs and the event, pick the workflow, run it from
 * `src/github/`, and report through the runner (annotations, job summary, outputs,
 * exit status). Nothing from a pull request is checked out or run: files are read
 * through the API as data.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { Annotation } from '../github/annotations.js';
import type { GitHubClient, WorkflowContext, WorkflowLogger } from '../github/context.js';
import { describeError } from '../github/http-error.js';
import { runPrCheck } from '../github/pr-check.js';
import { runReport } from '../github/report-issue.js';
import { loadActionConfig } from './config.js';
import { pickWorkflow, type EventPayload, type WorkflowChoice } from './event.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { linkOptionsFromEnv } from './link-env.js';
import { emitAnnotations, failureFor, overflowSection, type Counts } from './report.js';

/** What every workflow hands back to the runner. */
export interface RunOutcome {
  annotations: Annotation[];
  /** Job-summary Markdown. */
  summary: string;
  counts: Counts;
  /** Step outputs; missing ones are set to ''. */
  outputs: Partial<Record<OutputName, string>>;
}

export const OUTPUT_NAMES = ['errors', 'warnings', 'dead-links', 'report-issue', 'pull-request'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The login GITHUB_TOKEN acts as; used to recognise the tool's own comments. */
const WORKFLOW_BOT = 'github-actions[bot]';

const logger: WorkflowLogger = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
  notice: (m) => core.notice(m),
};

function annotate(a: Annotation): void {
  const properties: core.AnnotationProperties = { title: a.title, file: a.path, startLine: a.startLine, endLine: a.endLine };
  if (a.startColumn !== undefined) properties.startColumn = a.startColumn;
  if (a.endColumn !== undefined) properties.endColumn = a.endColumn;
  if (a.level === 'error') core.error(a.message, properties);
  else if (a.level === 'warning') core.warning(a.message, properties);
  else core.notice(a.message, properties);
}

async function publish(outcome: RunOutcome, inputs: ActionInputs): Promise<void> {
  const overflow = emitAnnotations(outcome.annotations, annotate);
  const summary = [outcome.summary, overflowSection(overflow)].filter((s) => s !== '').join('\n\n');
  if (summary !== '' && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary, true).write();
  for (const name of OUTPUT_NAMES) core.setOutput(name, outcome.outputs[name] ?? '');
  const failure = failureFor(inputs.failOn, outcome.counts);
  if (failure) core.setFailed(failure);
}

async function runWorkflow(choice: Exclude<WorkflowChoice, { kind: 'skip' | 'error' }>, client: GitHubClient, ctx: WorkflowContext, inputs: ActionInputs, token: string): Promise<RunOutcome> {
  const linkOptions = { githubToken: token, githubApiUrl: process.env.GITHUB_API_URL, ...linkOptionsFromEnv(process.env) };
  switch (choice.kind) {
    case 'pr-check': {
      const result = await runPrCheck(client, ctx, { pullNumber: choice.pullNumber, checkNewLinks: choice.links && inputs.checkNewLinks, linkOptions });
      if (result.comment.reason) core.notice(`PR comment not written: ${result.comment.reason}`);
      if (result.suggestions.skipped) core.info(`review suggestions not posted: ${result.suggestions.skipped}`);
      return { annotations: result.annotations, summary: result.summary, counts: result.counts, outputs: result.outputs };
    }
    case 'report': {
      const result = await runReport(client, ctx, { label: inputs.reportLabel, suggestArchive: inputs.suggestArchive, linkOptions });
      if (result.issue) core.info(`report issue #${result.issue.number} ${result.action}: ${result.issue.url}`);
      if (result.fixup?.pullRequest) core.info(`archive fix-up pull request #${result.fixup.pullRequest.number} ${result.fixup.action}`);
      // Dead links are the report issue's business; unreadable list files are errors.
      const counts = { errors: result.problems.length, warnings: result.dead.length };
      return { annotations: result.annotations, summary: result.summary, counts, outputs: { ...result.outputs, errors: String(counts.errors), warnings: String(counts.warnings) } };
    }
    case 'upkeep':
    case 'command':
      throw new Error(`the ${choice.kind} workflow is not in this build yet`);
  }
}

export async function run(): Promise<void> {
  const parsed = readInputs((name) => core.getInput(name));
  if (!parsed.ok) {
    core.setFailed(parsed.error);
    return;
  }
  const inputs = parsed.inputs;
  core.setSecret(inputs.token);
  const { eventName } = github.context;
  const payload = github.context.payload as EventPayload & { repository?: { default_branch?: string } };
  const choice = pickWorkflow(eventName, payload, inputs.mode);
  if (choice.kind === 'skip') {
    core.info(choice.reason);
    return;
  }
  if (choice.kind === 'error') {
    core.setFailed(choice.error);
    return;
  }
  try {
    const apiUrl = process.env.GITHUB_API_URL;
    const client = github.getOctokit(inputs.token, apiUrl ? { baseUrl: apiUrl } : {});
    const { owner, repo } = github.context.repo;
    const defaultBranch = payload.repository?.default_branch ?? (await client.rest.repos.get({ owner, repo })).data.default_branch;
    const loaded = await loadActionConfig(client, { owner, repo, ref: defaultBranch }, inputs);
    if (!loaded.ok) {
      core.setFailed(loaded.error);
      return;
    }
    core.info(`configuration: ${loaded.source}`);
    const ctx: WorkflowContext = {
      owner,
      repo,
      config: loaded.config,
      files: inputs.files.length > 0 ? inputs.files : loaded.config.files,
      defaultBranch,
      logger,
      now: new Date(),
      selfLogin: WORKFLOW_BOT,
      dryRun: inputs.dryRun,
    };
    await publish(await runWorkflow(choice, client, ctx, inputs, inputs.token), inputs);
  } catch (error) {
    core.setFailed(`listkeeper: ${describeError(error)}`);
  }
}
