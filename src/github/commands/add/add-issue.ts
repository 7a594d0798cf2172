/**
 * The "Suggest an article" issue form, turned into a pull request when a
 * maintainer puts the `add.label` label on the issue: the same workflow as
 * `/add`, with the URL and list path read from the form's answers. Only a
 * labeller with write access counts (triagers can label but not merge);
 * labels on pull requests, by bots and other labels are ignored.
 */
import type { GitHubClient, WorkflowContext } from '../../context.js';
import { code } from '../../markdown.js';
import { CommandIo } from '../command-io.js';
import { hasWriteAccess } from '../permissions.js';
import { addEntry, type AddOutcome, type AddResult } from './add.js';
import { TOO_COMPLEX_ADVICE, TooComplexError } from '../../core-budget.js';
import { describeError } from '../../git/http-error.js';
import { parseIssueForm } from './add-args.js';
import { withPageReader, type AddSteps } from '../commands.js';

/** The `issues` payload fields this reads (Actions and Probot payloads both fit). */
export interface IssueLabelEvent {
  action: string;
  label: { name: string } | null;
  issue: { number: number; body: string | null; state: string; pull_request?: unknown };
  sender: { login: string; type: string } | null;
}

export interface AddFromIssueResult extends Omit<AddResult, 'outcome'> {
  outcome: AddOutcome | 'ignored' | 'refused';
}

/** Why this event is not a labelled suggestion to act on, or null when it is one. */
export function labelIgnoreReason(event: IssueLabelEvent, ctx: WorkflowContext): string | null {
  if (event.action !== 'labeled') return `issue ${event.action}, not labeled`;
  if (event.label === null || event.label.name.toLowerCase() !== ctx.config.add.label.toLowerCase()) {
    return `label ${event.label?.name ?? '(none)'} is not ${ctx.config.add.label}`;
  }
  if (event.issue.pull_request) return 'a label on a pull request';
  if (event.issue.state !== 'open') return 'the issue is closed';
  const sender = event.sender;
  if (!sender) return 'a label without a sender';
  if (sender.type === 'Bot' || sender.login.endsWith('[bot]')) return 'labelled by a bot';
  return null;
}

export async function runAddFromIssue(client: GitHubClient, ctx: WorkflowContext, input: { event: IssueLabelEvent; add?: AddSteps }): Promise<AddFromIssueResult> {
  const { event } = input;
  const ignored = labelIgnoreReason(event, ctx);
  if (ignored !== null) return { outcome: 'ignored', reason: ignored, pullRequest: null, commitSha: null };
  const labeller = event.sender?.login ?? '';
  const io = new CommandIo(client, ctx, { issueNumber: event.issue.number, commentId: null });
  if (!(await hasWriteAccess(client, ctx, labeller))) {
    await io.reply(`The ${code(ctx.config.add.label)} label turns this suggestion into a pull request only when someone with write access puts it on, so I have left things as they are, @${labeller}.`);
    return { outcome: 'refused', reason: `${labeller} has no write access`, pullRequest: null, commitSha: null };
  }
  const form = parseIssueForm(event.issue.body ?? '');
  if (!form.ok) {
    await io.fail(`${form.error}. The "Suggest an article" form gives one (\`### URL\`, then \`### List path\`); edit the issue, then remove and add the ${code(ctx.config.add.label)} label again.`);
    return { outcome: 'failed', reason: form.error, pullRequest: null, commitSha: null };
  }
  await io.react('eyes');
  try {
    return await withPageReader(input.add, ctx.config.links, (readPage) =>
      addEntry(client, ctx, io, {
        request: form.request,
        issue: { number: event.issue.number, isPullRequest: false },
        readPage,
        ...(input.add?.planAdd ? { planAdd: input.add.planAdd } : {}),
        askedBy: 'form',
      }),
    );
  } catch (error) {
    const reason = error instanceof TooComplexError ? `the list files are ${error.message}. ${TOO_COMPLEX_ADVICE}` : describeError(error);
    ctx.logger.error(`adding from #${event.issue.number} failed: ${reason}`);
    await io.fail(`adding this suggestion failed: ${reason}`);
    return { outcome: 'failed', reason, pullRequest: null, commitSha: null };
  }
}
