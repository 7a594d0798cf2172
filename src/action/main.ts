/**
 * The GitHub Action: read the inputs and the event, pick the workflow, run it from
 * `src/github/`, and report through the runner (annotations, job summary, outputs,
 * exit status). Nothing from a pull request is checked out or run: files are read
 * through the API as data.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { Annotation } from '../github/pr-check/annotations.js';
import type { WorkflowContext, WorkflowLogger } from '../github/context.js';
import { describeError } from '../github/git/http-error.js';
import { actionClient } from './client.js';
import { loadActionConfig } from './config.js';
import { pickWorkflow, type EventPayload } from './event.js';
import { needsTokenLogin, tokenLogin } from './identity.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { emitAnnotations, failureFor, overflowSection } from './report.js';
import { OUTPUT_NAMES, runWorkflow, type RunOutcome } from './workflows.js';

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
  const summary = [outcome.summary, overflowSection(overflow, outcome.blobBase)].filter((s) => s !== '').join('\n\n');
  if (summary !== '' && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary, true).write();
  for (const name of OUTPUT_NAMES) core.setOutput(name, outcome.outputs[name] ?? '');
  const failure = outcome.failure ?? failureFor(inputs.failOn, outcome.counts);
  if (failure) core.setFailed(failure);
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
    const client = actionClient(inputs.token, { ...(apiUrl ? { baseUrl: apiUrl } : {}), warn: (m) => core.warning(m) });
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
      expectedAuthor: needsTokenLogin(choice) ? await tokenLogin(client, logger) : null,
      dryRun: inputs.dryRun,
      // Set by the runner; on GitHub Enterprise, links to lines must point at that server.
      ...(process.env.GITHUB_SERVER_URL ? { serverUrl: process.env.GITHUB_SERVER_URL } : {}),
    };
    await publish(await runWorkflow(choice, client, ctx, inputs), inputs);
  } catch (error) {
    core.setFailed(`listkeeper: ${describeError(error)}`);
  }
}
