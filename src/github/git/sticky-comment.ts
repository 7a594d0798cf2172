/**
 * One comment per pull request (or issue), found by a hidden marker and
 * its author (the tool's own login, never anyone else's) and edited in place
 * on every run, so a busy PR never collects a pile of bot comments.
 */
import { sameLogin, type GitHubClient, type WorkflowContext } from '../context.js';
import { describeError, isPermissionError } from './http-error.js';
import { fitBody } from '../markdown.js';
import { hasMarker } from '../markers.js';

export interface IssueComment {
  id: number;
  body?: string;
  html_url: string;
  user: { login: string } | null;
}

export interface StickyCommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'none' | 'skipped';
  commentId: number | null;
  url: string | null;
  /** Why nothing was written (read-only token, dry run). */
  reason?: string;
}

export async function findMarkedComment(
  client: GitHubClient,
  ctx: WorkflowContext,
  issueNumber: number,
  marker: string,
): Promise<IssueComment | null> {
  const comments: IssueComment[] = await client.paginate(client.rest.issues.listComments, {
    owner: ctx.owner,
    repo: ctx.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  // Only the tool's own comment: anyone can post the marker (a PR author planting one would
  // otherwise have the results written into a comment they can edit later).
  const self = ownLogin(ctx);
  if (self === null) return null;
  return comments.find((c) => hasMarker(c.body, marker) && sameLogin(c.user?.login, self)) ?? null;
}

/** Who the tool writes as: the login GitHub confirmed, else the one the adapter knows it by. */
export function ownLogin(ctx: WorkflowContext): string | null {
  return ctx.expectedAuthor || ctx.selfLogin || null;
}

export interface StickyCommentInput {
  issueNumber: number;
  marker: string;
  /** The body without the marker; the marker is put on the first line. */
  body: string;
  /** Create the comment when none exists (false: only edit an existing one, e.g. "all clear"). */
  create: boolean;
}

export async function upsertStickyComment(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: StickyCommentInput,
): Promise<StickyCommentResult> {
  const body = fitBody(`${input.marker}\n${input.body}`, CUT_NOTE);
  if (ctx.dryRun) return { action: 'skipped', commentId: null, url: null, reason: 'dry run' };
  try {
    const existing = await findMarkedComment(client, ctx, input.issueNumber, input.marker);
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', commentId: existing.id, url: existing.html_url };
      return await editComment(client, ctx, existing, body);
    }
    if (!input.create) return { action: 'none', commentId: null, url: null };
    const { data } = await client.rest.issues.createComment({
      owner: ctx.owner,
      repo: ctx.repo,
      issue_number: input.issueNumber,
      body,
    });
    // A run racing this one may have posted its comment first: keep that one (the oldest) only.
    const first = await findMarkedComment(client, ctx, input.issueNumber, input.marker);
    if (first === null || first.id >= data.id) return { action: 'created', commentId: data.id, url: data.html_url };
    await client.rest.issues.deleteComment({ owner: ctx.owner, repo: ctx.repo, comment_id: data.id });
    if (first.body === body) return { action: 'unchanged', commentId: first.id, url: first.html_url };
    return await editComment(client, ctx, first, body);
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    // A fork PR under `pull_request` gets a read-only token: report elsewhere, never fail for it.
    const reason = `no permission to comment on #${input.issueNumber} (${describeError(error)}); the results are in the job summary`;
    ctx.logger.notice(reason);
    return { action: 'skipped', commentId: null, url: null, reason };
  }
}

/** Edit the tool's own marked comment. */
async function editComment(client: GitHubClient, ctx: WorkflowContext, existing: IssueComment, body: string): Promise<StickyCommentResult> {
  const { data } = await client.rest.issues.updateComment({ owner: ctx.owner, repo: ctx.repo, comment_id: existing.id, body });
  return { action: 'updated', commentId: data.id, url: data.html_url };
}

const CUT_NOTE = "\n\n…(cut to fit GitHub's comment size limit; the annotations and the job summary have every message)";
