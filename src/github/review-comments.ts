/**
 * Posting suggestions as one pull-request review, without repeating one that
 * an earlier run already posted (found by a hidden key in each comment).
 */
import type { GitHubClient, WorkflowContext } from './context.js';
import { describeError, httpStatus, isPermissionError } from './http-error.js';
import { type Suggestion, suggestionBlock, suggestionKey } from './suggestions.js';

export interface PostSuggestionsResult {
  posted: number;
  alreadyPosted: number;
  /** Set when the review could not be written (read-only token, a line outside the diff). */
  skipped: string | null;
}

const KEY = /<!-- listkeeper:suggestion ([0-9a-f]+) -->/;

export function suggestionCommentBody(s: Suggestion): string {
  return [
    `<!-- listkeeper:suggestion ${suggestionKey(s)} -->`,
    `**listkeeper** can fix this:`,
    ...s.reasons.map((r) => `- ${r}`),
    '',
    suggestionBlock(s.replacement),
  ].join('\n');
}

export async function postSuggestions(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { pullNumber: number; commitId: string; suggestions: Suggestion[] },
): Promise<PostSuggestionsResult> {
  if (input.suggestions.length === 0) return { posted: 0, alreadyPosted: 0, skipped: null };
  if (ctx.dryRun) return { posted: 0, alreadyPosted: 0, skipped: 'dry run' };
  const { owner, repo } = ctx;
  try {
    const existing: Array<{ body: string }> = await client.paginate(client.rest.pulls.listReviewComments, {
      owner,
      repo,
      pull_number: input.pullNumber,
      per_page: 100,
    });
    const posted = new Set(existing.map((c) => KEY.exec(c.body)?.[1]).filter((k): k is string => Boolean(k)));
    const fresh = input.suggestions.filter((s) => !posted.has(suggestionKey(s)));
    const alreadyPosted = input.suggestions.length - fresh.length;
    if (fresh.length === 0) return { posted: 0, alreadyPosted, skipped: null };
    await client.rest.pulls.createReview({
      owner,
      repo,
      pull_number: input.pullNumber,
      commit_id: input.commitId,
      event: 'COMMENT',
      comments: fresh.map((s) => ({
        path: s.path,
        line: s.line,
        side: 'RIGHT',
        ...(s.startLine !== undefined && s.startLine < s.line ? { start_line: s.startLine, start_side: 'RIGHT' } : {}),
        body: suggestionCommentBody(s),
      })),
    });
    return { posted: fresh.length, alreadyPosted, skipped: null };
  } catch (error) {
    const status = httpStatus(error);
    if (!isPermissionError(error) && status !== 422) throw error;
    const reason =
      status === 422
        ? `GitHub refused the suggestions (${describeError(error)})`
        : `no permission to post review suggestions (${describeError(error)}); the fixes are listed in the job summary`;
    ctx.logger.notice(reason);
    return { posted: 0, alreadyPosted: 0, skipped: reason };
  }
}
