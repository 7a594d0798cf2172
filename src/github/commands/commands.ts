/**
 * `/sort`, `/fix` and `/check-links`, commented on a pull request (or, for
 * `/check-links`, any issue). Only the exact first line counts; edits, bots
 * and the tool's own comments are ignored; only writers (and, for `/sort` and
 * `/fix`, the PR's author) may run them. The change is computed at the PR's
 * head from files read through the API and committed with the Git Data API,
 * only as a fast-forward of the commit that was computed on.
 */
import { today } from '../../core/date.js';
import { changedRegion, unifiedDiff } from './change-diff.js';
import { type CommandName, type CommentEvent, ignoreReason, parseCommand } from './command-parse.js';
import type { ChangeKind } from './compute-change.js';
import { TOO_COMPLEX_ADVICE, TooComplexError } from '../core-budget.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import type { FileChange } from '../git/git-commit.js';
import { describeError } from '../git/http-error.js';
import { notPushedReason, pushChange, pushTarget, readPullHead } from './push-change.js';
import { computeListChangesInProcess, type ListChanger, type ListFileChange } from './list-changes.js';
import { encodeListText, MAX_UNTRUSTED_LIST_BYTES, readListTexts } from '../repo/list-files.js';
import { blobBase, code, plural } from '../markdown.js';
import { CommandIo } from './command-io.js';
import { addEntry } from './add/add.js';
import { ADD_USAGE, firstLine, parseAddCommandLine } from './add/add-args.js';
import type { AddPlanner } from './add/plan-lists.js';
import { createPageMetadataReader, type PageReaderOptions } from '../../links/metadata/read.js';
import { pageReaderOptionsOf } from '../../links/metadata/entry-pages.js';
import { linkOptionsFromConfig } from '../../links/options.js';
import type { LinksConfig } from '../../core/config/config-types.js';
import type { PageMetadataReader } from '../../links/metadata/types.js';
import { mayRunCommand } from './permissions.js';
import { listChangedListFiles, type ChangedListFile } from '../pr-check/pr-files.js';
import { runReport, type ReportInput, type ReportResult } from '../report/report-issue.js';
import { postSuggestions } from '../pr-check/review-comments.js';
import { fenceFor, type Suggestion } from '../pr-check/suggestions.js';
import { unmovableBlock, type UnmovableNote } from '../unmovable-lists.js';

export { parseCommand, ignoreReason, type CommandName, type CommentEvent } from './command-parse.js';

export interface CommandInput {
  event: CommentEvent;
  /**
   * Try to push to a fork's branch when its author allows maintainer edits
   * (default true; a token that cannot gets a 403 and the reply falls back to
   * suggestions). The App's installation token can; the Action's GITHUB_TOKEN cannot.
   */
  pushToForks?: boolean;
  /** Options for `/check-links` (the report workflow). */
  report?: ReportInput;
  /** Where `/sort` and `/fix` parse and change the lists (default: in-process; the App: a worker with a time budget). */
  changeLists?: ListChanger;
  /** Size limit of the PR's list files (default `MAX_UNTRUSTED_LIST_BYTES`: a PR's files are anyone's). */
  maxBytes?: number;
  /** How `/add` reads pages and plans the entry (default: a reader that refuses private addresses; planning in-process). */
  add?: AddSteps;
}

export interface AddSteps {
  /**
   * The page reader's options (the front end's link options: SSRF policy, token, timeouts);
   * a reader is made per command and closed after it. Default: private addresses refused.
   */
  reader?: PageReaderOptions;
  /** A reader to use instead (tests). */
  readPage?: PageMetadataReader;
  planAdd?: AddPlanner;
}

/**
 * Runs `work` with the steps' page reader, closing a reader made here afterwards. A reader
 * made here keeps the repository's `links` settings (headers, rules, per-host limits) under
 * the front end's (SSRF policy, token), as the link report and the PR check do.
 */
export async function withPageReader<T>(steps: AddSteps | undefined, links: LinksConfig, work: (readPage: PageMetadataReader) => Promise<T>): Promise<T> {
  if (steps?.readPage) return work(steps.readPage);
  // Links come from anyone's comment or issue: private addresses are refused unless the front end says otherwise.
  const options = { privateAddresses: 'refuse' as const, ...pageReaderOptionsOf(linkOptionsFromConfig(links)), ...steps?.reader };
  const reader: PageMetadataReader & { close?: () => Promise<void> } = createPageMetadataReader(options);
  try {
    return await work(reader);
  } finally {
    await reader.close?.();
  }
}

export type CommandOutcome =
  | 'ignored'
  | 'refused'
  | 'unchanged'
  | 'committed'
  | 'suggested'
  | 'head-moved'
  | 'reported'
  | 'failed'
  /** `/add`: the pull request was opened, updated or already had the entry; or nothing was added (missing, duplicate…). */
  | 'opened'
  | 'updated'
  | 'not-added';

export interface CommandResult {
  command: CommandName | null;
  outcome: CommandOutcome;
  /** In words, for the log. */
  reason: string;
  commitSha: string | null;
  report: ReportResult | null;
  /** `/add` on an issue: the pull request that adds the entry. */
  pullRequest?: { number: number; url: string } | null;
}

export async function runCommand(client: GitHubClient, ctx: WorkflowContext, input: CommandInput): Promise<CommandResult> {
  const { event } = input;
  const command = parseCommand(event.comment.body);
  const ignored = ignoreReason(event, ctx);
  if (ignored !== null || command === null) return result(command, 'ignored', ignored ?? 'not a command');
  const username = event.comment.user?.login ?? '';
  const io = new CommandIo(client, ctx, { issueNumber: event.issue.number, commentId: event.comment.id });
  const allowed = await mayRunCommand(client, ctx, {
    username,
    pullAuthor: event.issue.user?.login ?? null,
    // /add writes to the default branch's lists through a PR of the tool's: writers only, as the issue asks.
    authorAllowed: command === 'sort' || command === 'fix',
  });
  if (!allowed) {
    const who = command === 'check-links' || command === 'add' ? 'people with write access' : 'people with write access and the author of this pull request';
    await io.reply(`Thanks for the suggestion, @${username}! \`/${command}\` can only be run by ${who}, so I have left things as they are.`);
    return result(command, 'refused', `${username} may not run /${command}`);
  }
  await io.react('eyes');
  try {
    if (command === 'check-links') return await checkLinksCommand(client, ctx, io, input.report ?? {});
    if (command === 'add') return await addCommand(client, ctx, io, input);
    return await listCommand(client, ctx, io, command, input);
  } catch (error) {
    if (error instanceof TooComplexError) {
      ctx.logger.warning(`/${command} stopped: ${error.message}`);
      await io.fail(`\`/${command}\` stopped: ${tooComplexWhat(command)} ${error.message}. ${TOO_COMPLEX_ADVICE}`);
      return result(command, 'failed', error.message);
    }
    const reason = describeError(error);
    ctx.logger.error(`/${command} failed: ${reason}`);
    await io.fail(`\`/${command}\` failed: ${reason}`);
    return result(command, 'failed', reason);
  }
}

function tooComplexWhat(command: CommandName): string {
  if (command === 'add') return 'the list files are';
  return command === 'check-links' ? "the list files on the default branch are" : 'the list files of this pull request are';
}

async function addCommand(client: GitHubClient, ctx: WorkflowContext, io: CommandIo, input: CommandInput): Promise<CommandResult> {
  const args = parseAddCommandLine(firstLine(input.event.comment.body));
  if (!args.ok) {
    await io.fail(`${args.error}. Write ${ADD_USAGE}.`);
    return result('add', 'failed', args.error);
  }
  const added = await withPageReader(input.add, ctx.config.links, (readPage) =>
    addEntry(client, ctx, io, {
      request: args.request,
      issue: { number: input.event.issue.number, isPullRequest: Boolean(input.event.issue.pull_request) },
      readPage,
      ...(input.add?.planAdd ? { planAdd: input.add.planAdd } : {}),
      pushToForks: input.pushToForks ?? true,
      ...(input.maxBytes !== undefined ? { maxBytes: input.maxBytes } : {}),
      askedBy: 'comment',
    }),
  );
  // Every AddOutcome is a CommandOutcome of the same name.
  return result('add', added.outcome, added.reason, { commitSha: added.commitSha, pullRequest: added.pullRequest });
}

function result(command: CommandName | null, outcome: CommandOutcome, reason: string, extra: Partial<CommandResult> = {}): CommandResult {
  return { command, outcome, reason, commitSha: null, report: null, ...extra };
}

interface ComputedFile {
  file: ChangedListFile;
  /** Text at the head (no BOM). */
  oldText: string;
  newText: string;
  change: FileChange;
  what: string[];
}

function computedFile(changedFiles: ChangedListFile[], c: ListFileChange): ComputedFile {
  const file = changedFiles.find((f) => f.path === c.path) as ChangedListFile;
  return { file, oldText: c.oldText, newText: c.newText, change: { path: c.path, content: encodeListText(c, c.newText) }, what: c.what };
}

async function listCommand(
  client: GitHubClient,
  ctx: WorkflowContext,
  io: CommandIo,
  kind: ChangeKind,
  input: CommandInput,
): Promise<CommandResult> {
  const { owner, repo } = ctx;
  const number = io.issueNumber;
  const head = await readPullHead(client, ctx, number);
  if ('closed' in head) {
    await io.fail(`this pull request is ${head.closed}, so there is nothing to ${kind}.`);
    return result(kind, 'failed', 'pull request not open');
  }
  const headSha = head.sha;
  const changedFiles = await listChangedListFiles(client, ctx, { number, baseSha: head.baseSha, headSha });
  if (changedFiles.length === 0) {
    await io.reply(`This pull request does not change a list file (${ctx.files.map(code).join(', ')}), so there is nothing to ${kind}.`);
    return result(kind, 'unchanged', 'no list file changed');
  }
  // A PR's files are anyone's: the smaller limit, checked before anything large is fetched.
  const loaded = await readListTexts(client, { owner, repo, ref: headSha }, changedFiles.map((f) => f.path), input.maxBytes ?? MAX_UNTRUSTED_LIST_BYTES);
  if (loaded.problems.length > 0) {
    await io.fail(loaded.problems.join('; '));
    return result(kind, 'failed', loaded.problems.join('; '));
  }
  const changes = await (input.changeLists ?? computeListChangesInProcess)({
    lists: loaded.texts.map(({ path, text }) => ({ path, text })),
    kind,
    config: ctx.config,
    today: today(ctx.now),
  });
  const computed = changes.changed.map((c) => computedFile(changedFiles, c));
  const unmovable: UnmovableNote[] = changes.unmovable;
  // Lists sorting left out of order are named in every answer, so a reply never claims the file is sorted.
  const leftAlone = unmovableBlock(unmovable, `then comment \`/${kind}\` again.`, blobBase(ctx.serverUrl, owner, repo, headSha));
  if (computed.length === 0 && unmovable.length > 0) {
    await io.reply([`Nothing was changed at ${headSha.slice(0, 7)}.`, '', ...leftAlone].join('\n'));
    return result(kind, 'unchanged', `${plural(unmovable.length, 'list')} out of order that cannot be sorted safely`);
  }
  if (computed.length === 0) {
    const one = loaded.texts.length === 1;
    const [verb, clean] =
      kind === 'fix' ? [one ? 'is' : 'are', 'already clean: nothing fixable']
      : changes.dated ? [one ? 'is' : 'are', 'already sorted by date']
      : [one ? 'has' : 'have', 'no list of dated entries to sort'];
    await io.reply(`${loaded.texts.map((l) => code(l.path)).join(', ')} ${verb} ${clean} at ${headSha.slice(0, 7)}.`);
    return result(kind, 'unchanged', clean);
  }
  const what = computed.map((c) => `${code(c.file.path)}: ${c.what.join(', ')}`).join('; ');
  const target = pushTarget(head, input.pushToForks ?? true);
  if (target !== null) {
    const message = `${kind === 'sort' ? 'Sort lists by date' : 'Fix list formatting'} (/${kind})\n\n${what.replace(/`/g, '')}`;
    const pushed = await pushChange(client, { ...target, headSha, files: computed.map((c) => c.change), message });
    if (pushed.status === 'committed') {
      await io.react('rocket');
      await io.reply([`Done: ${what} in ${pushed.sha.slice(0, 7)}.`, ...(leftAlone.length > 0 ? ['', ...leftAlone] : [])].join('\n'));
      return result(kind, 'committed', what, { commitSha: pushed.sha });
    }
    if (pushed.status === 'moved') {
      await io.fail(
        `the branch moved while I was working (I computed the change at ${headSha.slice(0, 7)}). Nothing was pushed; comment \`/${kind}\` again to ${kind} the latest commit.`,
      );
      return result(kind, 'head-moved', 'head moved');
    }
    if (head.sameRepo) {
      await io.fail(`I could not push to ${code(head.branch)}: ${pushed.detail}.`);
      return result(kind, 'failed', pushed.detail);
    }
    ctx.logger.notice(`cannot push to the fork branch (${pushed.detail}); replying with suggestions`);
  }
  return suggestInstead(client, ctx, io, { kind, pullNumber: number, headSha, computed, why: notPushedReason(head), leftAlone });
}

/**
 * A change the tool cannot push: suggestion blocks where the changed lines
 * lie inside one hunk of the PR's diff, else the patch to `git apply`.
 */
async function suggestInstead(
  client: GitHubClient,
  ctx: WorkflowContext,
  io: CommandIo,
  input: { kind: ChangeKind; pullNumber: number; headSha: string; computed: ComputedFile[]; why: string; leftAlone: string[] },
): Promise<CommandResult> {
  const suggestions: Suggestion[] = [];
  const patches: string[] = [];
  for (const c of input.computed) {
    const region = changedRegion(c.oldText, c.newText);
    if (region === null) continue;
    const inHunk = c.file.fromPatch && region.oldEnd >= region.oldStart && c.file.hunks.some((h) => h.start <= region.oldStart && region.oldEnd <= h.end);
    if (inHunk) {
      suggestions.push({
        path: c.file.path,
        line: region.oldEnd,
        ...(region.oldEnd > region.oldStart ? { startLine: region.oldStart } : {}),
        replacement: region.newLines.join('\n'),
        reasons: c.what,
      });
    } else patches.push(unifiedDiff(c.file.path, c.oldText, c.newText));
  }
  let posted = 0;
  if (suggestions.length > 0) {
    const review = await postSuggestions(client, ctx, {
      pullNumber: input.pullNumber,
      commitId: input.headSha,
      suggestions,
      leftOutNote: 'The rest is in the reply to the command, as a patch.',
    });
    posted = review.posted + review.alreadyPosted;
    // Suggestions that could not be posted (or too big for one review) go into the patch.
    const unposted = review.skipped !== null ? suggestions : review.notPosted;
    if (review.skipped !== null) posted = 0;
    for (const s of unposted) {
      const c = input.computed.find((x) => x.file.path === s.path) as ComputedFile;
      patches.push(unifiedDiff(c.file.path, c.oldText, c.newText));
    }
  }
  const parts = [`I could not push the change because ${input.why}.`];
  if (posted > 0) {
    parts.push(`I posted ${plural(posted, 'suggestion')} on the diff: press **Commit suggestion** (or add them to a batch) to apply.`);
  }
  if (patches.length > 0) {
    const diff = patches.join('\n');
    parts.push(
      `${posted > 0 ? 'The rest lies' : 'The change lies'} outside this pull request's diff, so here it is as a patch. Save it as \`listkeeper.patch\` and run \`git apply listkeeper.patch\` on your branch, then push:`,
      '',
      // A list line with a run of backticks must not close the block early.
      `${fenceFor(diff)}diff\n${diff}\n${fenceFor(diff)}`,
      '',
      `Or run \`npx listkeeper ${input.kind === 'sort' ? 'sort --write' : 'lint --fix'} ${input.computed.map((c) => c.file.path).join(' ')}\` locally.`,
    );
  }
  if (input.leftAlone.length > 0) parts.push('', ...input.leftAlone);
  await io.reply(parts.join('\n'));
  return result(input.kind, 'suggested', input.why);
}

async function checkLinksCommand(
  client: GitHubClient,
  ctx: WorkflowContext,
  io: CommandIo,
  report: ReportInput,
): Promise<CommandResult> {
  const outcome = await runReport(client, ctx, report);
  if (outcome.offline) {
    await io.fail('most hosts could not be reached, so I could not judge the links; the report issue was left as it is.');
    return result('check-links', 'failed', 'offline', { report: outcome });
  }
  await io.react('rocket');
  const where = outcome.issue ? ` The report is in #${outcome.issue.number}.` : '';
  await io.reply(`Checked ${plural(outcome.run?.results.length ?? 0, 'link')}: ${plural(outcome.dead.length, 'dead link')} reported.${where}`);
  return result('check-links', 'reported', `${outcome.dead.length} dead`, { report: outcome });
}
