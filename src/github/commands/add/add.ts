/**
 * `/add <url> [list path]` and the labelled "Suggest an article" issue: read
 * the page (through the injected reader, with the link checker's SSRF rules),
 * plan the entry in the list files read through the API, then
 *
 * - on an issue: commit it on the tool's own branch `listkeeper/add-<hash of
 *   the URL>` and open (or update) one pull request that closes the issue, so
 *   the same URL asked again lands on the same branch and pull request;
 * - on a pull request of the same repository (or a fork that allows it, for
 *   the App): one fast-forward commit on its branch, never over a newer push;
 * - otherwise: reply with the entry to paste and where.
 *
 * Every answer is a reply where it was asked: the entry as written, or what
 * was missing and how to give it.
 */
import { createHash } from 'node:crypto';
import type { AddField, AddRequest } from '../../../core/add/plan.js';
import { normalizeUrl, requestUrl } from '../../../core/url.js';
import { urlIdentity } from '../../../core/url-identity.js';
import type { PageMetadata, PageMetadataReader } from '../../../links/metadata/types.js';
import type { GitHubClient, WorkflowContext } from '../../context.js';
import { branchHead } from '../../git/branch.js';
import { code, messageMarkdown } from '../../markdown.js';
import { fenceFor } from '../../pr-check/suggestions.js';
import { encodeListText, MAX_UNTRUSTED_LIST_BYTES, readListTexts } from '../../repo/list-files.js';
import { listMatchingFiles } from '../../repo/repo-files.js';
import { upsertFixupPullRequest } from '../../upkeep/fixup-pr.js';
import { findOpenPullRequest } from '../../git/pull-request.js';
import type { CommandIo } from '../command-io.js';
import { notPushedReason, type PullHead, pushChange, pushTarget, readPullHead } from '../push-change.js';
import { ADD_USAGE } from './add-args.js';
import { type AddListsInput, type AddListsOk, type AddListsRefusal, type AddPlanner, planAdditionInProcess } from './plan-lists.js';
import { readListedIdentities } from '../../../links/metadata/listed.js';

export interface AddInput {
  request: AddRequest;
  /** The issue or pull request the request came from. */
  issue: { number: number; isPullRequest: boolean };
  /** Reads the page (the front end sets its SSRF policy and limits). */
  readPage: PageMetadataReader;
  /** Where the entry is planned (default: in-process; the App: a worker with a time budget). */
  planAdd?: AddPlanner;
  /** Try to push to a fork's branch when its author allows maintainer edits (default true). */
  pushToForks?: boolean;
  /** Size limit of a pull request's list files (default `MAX_UNTRUSTED_LIST_BYTES`). */
  maxBytes?: number;
  /** How to ask again, for replies: `comment` (`/add …`) or `form` (edit the issue and label it again). */
  askedBy: 'comment' | 'form';
}

export type AddOutcome = 'opened' | 'updated' | 'unchanged' | 'committed' | 'suggested' | 'not-added' | 'head-moved' | 'failed';

export interface AddResult {
  outcome: AddOutcome;
  /** In words, for the log. */
  reason: string;
  pullRequest: { number: number; url: string } | null;
  commitSha: string | null;
}

/** The tool's branch for one URL: the same article asked twice lands on the same branch. */
export function addBranchName(url: string): string {
  const key = urlIdentity(url) ?? normalizeUrl(url) ?? url.trim();
  return `listkeeper/add-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

export async function addEntry(client: GitHubClient, ctx: WorkflowContext, io: CommandIo, input: AddInput): Promise<AddResult> {
  const url = requestUrl(input.request.url);
  if (url === null || !/^https?:\/\//i.test(input.request.url.trim())) {
    await io.fail(`${code(input.request.url)} is not an http(s) URL. Write ${ADD_USAGE}.`);
    return outcome('failed', 'not an http(s) URL');
  }
  const { owner, repo } = ctx;
  const target = input.issue.isPullRequest ? await pullTarget(client, ctx, input.issue.number, input.maxBytes) : await defaultBranchTarget(client, ctx);
  if ('closed' in target) {
    await io.fail(`this pull request is ${target.closed}, so there is nothing to add to.`);
    return outcome('failed', 'pull request not open');
  }
  const paths = await listMatchingFiles(client, owner, repo, target.sha, ctx.files);
  if (paths.length === 0) {
    await io.fail(`no list file (${ctx.files.map(code).join(', ')}) exists at ${target.sha.slice(0, 7)}, so there is nothing to add to.`);
    return outcome('failed', 'no list file');
  }
  const loaded = await readListTexts(client, { owner, repo, ref: target.sha }, paths, target.maxBytes);
  if (loaded.problems.length > 0) {
    await io.fail(loaded.problems.join('; '));
    return outcome('failed', loaded.problems.join('; '));
  }
  const read = await input.readPage(url);
  const page: PageMetadata | null = read.ok ? read.metadata : null;
  if (!read.ok) ctx.logger.notice(`/add: the page ${url} could not be read (${read.reason}); only the values given are used`);
  const plan = await planWithListedPages(input.planAdd ?? planAdditionInProcess, input.readPage, {
    lists: loaded.texts.map(({ path, text }) => ({ path, text })),
    page,
    request: input.request,
    config: ctx.config,
  });
  if (!plan.ok) {
    await io.fail(refusalText(plan, input, read.ok ? null : read.reason));
    return outcome('not-added', `${plan.kind}: ${plan.message}`);
  }
  const title = entryTitle(plan.entry) ?? input.request.title ?? page?.title?.value ?? url;
  const change = { path: plan.path, content: encodeListText({ bom: plan.bom }, plan.newText) };
  const where = `${code(plan.path)} › ${code(plan.listPath)}, line ${plan.line}`;
  // Shown under every answer that writes the entry: the maintainer decides, nothing is refused for them.
  const warnings = plan.warnings.length > 0 ? ['', 'Worth a look:', ...plan.warnings.map((w) => `- ⚠️ line ${w.line}: ${messageMarkdown(w.message)}`)].join('\n') : '';
  if (target.kind === 'issue') {
    const branch = addBranchName(input.request.url);
    // Every issue that asked for this article is closed by the one pull request.
    const open = ctx.dryRun ? null : await findOpenPullRequest(client, owner, repo, branch);
    const closes = [...new Set([...closedIssues(open?.body ?? null), input.issue.number])].sort((a, b) => a - b);
    const fixup = await upsertFixupPullRequest(client, ctx, {
      branch,
      base: ctx.defaultBranch,
      baseSha: target.sha,
      title: `Add ${oneLine(title)}`,
      body: pullRequestBody(plan, where, url, closes),
      commitMessage: `Add ${oneLine(title)}\n\n${plan.path} › ${plan.listPath}, line ${plan.line}\n${url}\n\nAsked for in #${input.issue.number}.`,
      changes: [change],
    });
    if (fixup.pullRequest === null) {
      await io.reply(`Dry run: the entry would go to ${where}:\n\n${lineBlock(plan.lineText)}`);
      return outcome('unchanged', 'dry run');
    }
    const pr = fixup.pullRequest;
    const did = fixup.action === 'created' ? 'Opened' : fixup.action === 'updated' ? 'Updated' : 'Already open:';
    await io.react('rocket');
    await io.reply(`${did} #${pr.number}, adding this entry to ${where}:\n\n${lineBlock(plan.lineText)}\n\nMerging it closes this issue.${warnings}`);
    const result: AddOutcome = fixup.action === 'created' ? 'opened' : fixup.action === 'updated' ? 'updated' : 'unchanged';
    return { outcome: result, reason: `#${pr.number} ${fixup.action}`, pullRequest: pr, commitSha: null };
  }
  const pushTo = ctx.dryRun ? null : pushTarget(target, input.pushToForks ?? true);
  if (pushTo !== null) {
    const pushed = await pushChange(client, {
      ...pushTo,
      headSha: target.sha,
      files: [change],
      message: `Add ${oneLine(title)} (/add)\n\n${plan.path} › ${plan.listPath}, line ${plan.line}\n${url}`,
    });
    if (pushed.status === 'committed') {
      await io.react('rocket');
      await io.reply(`Added to ${where} in ${pushed.sha.slice(0, 7)}:\n\n${lineBlock(plan.lineText)}${warnings}`);
      return { outcome: 'committed', reason: where, pullRequest: null, commitSha: pushed.sha };
    }
    if (pushed.status === 'moved') {
      await io.fail(`the branch moved while I was working (I planned the entry at ${target.sha.slice(0, 7)}). Nothing was pushed; comment the \`/add\` again to add it to the latest commit.`);
      return outcome('head-moved', 'head moved');
    }
    if (target.sameRepo) {
      await io.fail(`I could not push to ${code(target.branch)}: ${pushed.detail}.`);
      return outcome('failed', pushed.detail);
    }
    ctx.logger.notice(`cannot push to the fork branch (${pushed.detail}); replying with the entry`);
  }
  const why = ctx.dryRun ? 'this is a dry run' : notPushedReason(target);
  await io.reply(`I did not commit the entry because ${why}. Add this line to ${code(plan.path)} as line ${plan.line} (in ${code(plan.listPath)}):\n\n${lineBlock(plan.lineText)}`);
  return outcome('suggested', why);
}

/**
 * Plan; when the planner asks for listed pages first (the short WeChat addresses that could be
 * this article), read them as the CLI's `add` does and plan again with what they name.
 */
async function planWithListedPages(planAdd: AddPlanner, readPage: PageMetadataReader, input: AddListsInput): Promise<AddListsOk | AddListsRefusal> {
  const first = await planAdd(input);
  if (first.ok || first.kind !== 'read-listed') return first;
  const listed = await readListedIdentities(readPage, first.pages);
  const plan = await planAdd({ ...input, listed });
  if (!plan.ok && plan.kind === 'read-listed') throw new Error('the planner asked for the listed pages again');
  return plan;
}

/** On an issue, the default branch's head (trusted content: the usual size limit); on a pull request, its head (anyone's files: the smaller one). */
type Target = { kind: 'issue'; sha: string; maxBytes: number | undefined } | (PullHead & { kind: 'pull'; maxBytes: number });

async function defaultBranchTarget(client: GitHubClient, ctx: WorkflowContext): Promise<Target> {
  const sha = await branchHead(client, { owner: ctx.owner, repo: ctx.repo, branch: ctx.defaultBranch });
  if (sha === null) throw new Error(`the default branch ${ctx.defaultBranch} was not found`);
  return { kind: 'issue', sha, maxBytes: undefined };
}

async function pullTarget(client: GitHubClient, ctx: WorkflowContext, number: number, maxBytes: number | undefined): Promise<Target | { closed: string }> {
  const head = await readPullHead(client, ctx, number);
  return 'closed' in head ? head : { ...head, kind: 'pull', maxBytes: maxBytes ?? MAX_UNTRUSTED_LIST_BYTES };
}

function outcome(kind: AddOutcome, reason: string): AddResult {
  return { outcome: kind, reason, pullRequest: null, commitSha: null };
}

/** The link text of `[title](url) …`. */
function entryTitle(entry: string): string | null {
  const m = /^\[(.+)\]\(/.exec(entry);
  return m ? m[1].replace(/\\([[\]\\|<])/g, '$1') : null;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/** A line of Markdown shown as written, so the reply shows what the file gets. */
function lineBlock(line: string): string {
  const fence = fenceFor(line);
  return `${fence}markdown\n${line}\n${fence}`;
}

/** An entry not placed yet: shown with a plain marker. */
function entryBlock(entry: string): string {
  return lineBlock(`- ${entry}`);
}

/** The issues an earlier body of the pull request closes (`Closes #12.`). */
function closedIssues(body: string | null): number[] {
  return [...(body ?? '').matchAll(/^Closes #(\d+)\.$/gm)].map((m) => Number(m[1]));
}

function pullRequestBody(plan: AddListsOk, where: string, url: string, issues: number[]): string {
  return [
    `Adds ${url} to ${where}:`,
    '',
    lineBlock(plan.lineText),
    '',
    // The suggestions are done when the entry is merged; one keyword per issue, as GitHub wants.
    ...issues.map((issue) => `Closes #${issue}.`),
    '',
    `Opened by listkeeper for \`/add\`; asking again for the same URL updates this pull request.`,
  ].join('\n');
}

/** What was missing or wrong, and how to ask again. */
function refusalText(plan: AddListsRefusal, input: AddInput, pageProblem: string | null): string {
  const lines: string[] = [];
  const at = plan.path ? `${code(plan.path)}: ` : '';
  if (plan.kind === 'duplicate') {
    // The message names the file, the line and what made it the same article.
    lines.push(`not added: ${plan.message}.`);
  } else {
    lines.push(`I could not add it: ${at}${plan.message}.`);
    if (pageProblem !== null) lines.push('', `The page could not be read: ${pageProblem}. Only the values given were used.`);
    if (plan.entry !== null) lines.push('', 'The entry would read:', '', entryBlock(plan.entry));
    lines.push('', askAgain(plan, input));
  }
  return lines.join('\n');
}

/** How to write each missing value on the command line. */
const FIELD_OPTIONS: Record<AddField, string> = { title: '--title "…"', source: '--source "…"', date: '--date YYYY-MM-DD' };

function askAgain(plan: AddListsRefusal, input: AddInput): string {
  if (input.askedBy === 'form') {
    return 'Edit the issue to fill in what is missing (or comment `/add` with the options below), then remove and add the label again.';
  }
  const options = plan.missing.map((field) => FIELD_OPTIONS[field]).join(' ');
  const where = input.request.to !== undefined && plan.kind === 'missing' ? input.request.to : '<list path>';
  if (options === '' && plan.kind === 'missing') return `Comment again with what is missing: ${ADD_USAGE}.`;
  return `Comment again with it, e.g. \`/add ${input.request.url} ${where}${options ? ` ${options}` : ''}\`.`;
}
