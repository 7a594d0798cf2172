/**
 * Posting suggestions as one pull-request review, without repeating one that
 * an earlier run already posted (found by a hidden key in each comment), and
 * never more than a reviewer can use: the rest are summarized in the review.
 */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { messageMarkdown } from '../markdown.js';
import { describeError, httpStatus, isPermissionError } from '../git/http-error.js';
import { BODY_LIMIT, plural } from '../markdown.js';
import { type Suggestion, suggestionBlock, suggestionKey } from './suggestions.js';

/**
 * Comments per review. GitHub documents no number, but big reviews fail
 * (422 or 502) and a pull request with hundreds of review comments gets hard
 * to open; `/fix` applies any number of fixes in one commit instead.
 */
export const MAX_SUGGESTIONS_PER_REVIEW = 50;
/** The whole review request stays well under what GitHub accepts in one call. */
export const MAX_REVIEW_CHARS = 4 * BODY_LIMIT;

export interface PostSuggestionsResult {
  posted: number;
  alreadyPosted: number;
  /** Fresh suggestions left out to keep the review within the caps (summarized in its body). */
  notPosted: Suggestion[];
  /** Copies of a suggestion that a run racing this one posted too, deleted again. */
  duplicatesRemoved: number;
  /** Set when the review could not be written (read-only token, a line outside the diff). */
  skipped: string | null;
}

const KEY = /<!-- listkeeper:suggestion ([0-9a-f]+) -->/;

export function suggestionCommentBody(s: Suggestion): string {
  return [
    `<!-- listkeeper:suggestion ${suggestionKey(s)} -->`,
    `**listkeeper** can fix this:`,
    // GitHub trims code spans' edge spaces: messageMarkdown keeps "expected ` | `" readable.
    ...s.reasons.map((r) => `- ${messageMarkdown(r)}`),
    '',
    suggestionBlock(s.replacement),
  ].join('\n');
}

/** The fresh suggestions that fit one review, in line order; the rest are counted. */
export function capSuggestions(
  fresh: readonly Suggestion[],
  limits = { count: MAX_SUGGESTIONS_PER_REVIEW, chars: MAX_REVIEW_CHARS },
): { post: Array<{ suggestion: Suggestion; body: string }>; left: Suggestion[] } {
  const post: Array<{ suggestion: Suggestion; body: string }> = [];
  const left: Suggestion[] = [];
  let chars = 0;
  for (const suggestion of fresh) {
    const body = suggestionCommentBody(suggestion);
    // A single comment over GitHub's body limit would fail the whole review.
    if (post.length >= limits.count || body.length > BODY_LIMIT || chars + body.length > limits.chars) {
      left.push(suggestion);
      continue;
    }
    post.push({ suggestion, body });
    chars += body.length;
  }
  return { post, left };
}

const FIX_NOTE = 'Comment `/fix` to fix them all in one commit, or run `npx listkeeper lint --fix` on the list.';

/** The review's own text, only when suggestions were left out; `rest` says where they are. */
export function reviewSummary(posted: number, left: number, rest = FIX_NOTE): string | undefined {
  if (left === 0) return undefined;
  return `listkeeper posted ${plural(posted, 'suggestion')} and left out ${left} more to keep this review readable. ${rest}`;
}

interface ReviewComment {
  id: number;
  body: string;
  pull_request_review_id?: number | null;
}

export async function postSuggestions(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { pullNumber: number; commitId: string; suggestions: Suggestion[]; leftOutNote?: string },
): Promise<PostSuggestionsResult> {
  const none = { posted: 0, alreadyPosted: 0, notPosted: [], duplicatesRemoved: 0 };
  if (input.suggestions.length === 0) return { ...none, skipped: null };
  if (ctx.dryRun) return { ...none, skipped: 'dry run' };
  const { owner, repo } = ctx;
  try {
    const existing = await listReviewComments(client, ctx, input.pullNumber);
    const posted = new Set(existing.map((c) => keyOf(c)).filter((k): k is string => k !== null));
    const fresh = input.suggestions.filter((s) => !posted.has(suggestionKey(s)));
    const alreadyPosted = input.suggestions.length - fresh.length;
    if (fresh.length === 0) return { ...none, alreadyPosted, skipped: null };
    const { post, left } = capSuggestions(fresh);
    if (left.length > 0) ctx.logger.notice(`${plural(left.length, 'suggestion')} not posted (at most ${MAX_SUGGESTIONS_PER_REVIEW} per review, each within GitHub's size limit)`);
    const summary = reviewSummary(post.length, left.length, input.leftOutNote);
    const { data: review } = await client.rest.pulls.createReview({
      owner,
      repo,
      pull_number: input.pullNumber,
      commit_id: input.commitId,
      event: 'COMMENT',
      ...(summary === undefined ? {} : { body: summary }),
      comments: post.map(({ suggestion: s, body }) => ({
        path: s.path,
        line: s.line,
        side: 'RIGHT',
        ...(s.startLine !== undefined && s.startLine < s.line ? { start_line: s.startLine, start_side: 'RIGHT' } : {}),
        body,
      })),
    });
    const duplicatesRemoved = await removeRacedCopies(client, ctx, input.pullNumber, review.id);
    return { posted: post.length - duplicatesRemoved, alreadyPosted: alreadyPosted + duplicatesRemoved, notPosted: left, duplicatesRemoved, skipped: null };
  } catch (error) {
    const status = httpStatus(error);
    if (!isPermissionError(error) && status !== 422) throw error;
    const reason =
      status === 422
        ? `GitHub refused the suggestions (${describeError(error)})`
        : `no permission to post review suggestions (${describeError(error)}); the fixes are listed in the job summary`;
    ctx.logger.notice(reason);
    return { ...none, skipped: reason };
  }
}

function keyOf(comment: { body: string }): string | null {
  return KEY.exec(comment.body)?.[1] ?? null;
}

async function listReviewComments(client: GitHubClient, ctx: WorkflowContext, pullNumber: number): Promise<ReviewComment[]> {
  return client.paginate(client.rest.pulls.listReviewComments, { owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber, per_page: 100 });
}

/**
 * Two runs on one pull request both see a suggestion as new and both post it.
 * Looking again after posting, each run deletes its own copy of a suggestion
 * that an earlier comment (lower id) already holds, so exactly one stays.
 */
async function removeRacedCopies(client: GitHubClient, ctx: WorkflowContext, pullNumber: number, reviewId: number): Promise<number> {
  const comments = await listReviewComments(client, ctx, pullNumber);
  const first = new Map<string, ReviewComment>();
  for (const c of [...comments].sort((a, b) => a.id - b.id)) {
    const key = keyOf(c);
    if (key !== null && !first.has(key)) first.set(key, c);
  }
  let removed = 0;
  for (const c of comments) {
    const key = keyOf(c);
    if (c.pull_request_review_id !== reviewId || key === null) continue;
    // Only a copy of another review's comment: two equal lines in this review are both meant.
    const holder = first.get(key);
    if (holder === undefined || holder.pull_request_review_id === reviewId) continue;
    await client.rest.pulls.deleteReviewComment({ owner: ctx.owner, repo: ctx.repo, comment_id: c.id });
    removed += 1;
  }
  if (removed > 0) ctx.logger.info(`removed ${plural(removed, 'suggestion')} that a run racing this one had posted already`);
  return removed;
}
