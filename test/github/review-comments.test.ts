import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SUGGESTIONS_PER_REVIEW, postSuggestions, suggestionCommentBody } from '../../src/github/pr-check/review-comments.js';
import type { Suggestion } from '../../src/github/pr-check/suggestions.js';
import { api, capture, type Json, makeClient, makeContext, REPO_PATH, setUpNock, tearDownNock } from './helpers.js';

beforeEach(setUpNock);
afterEach(() => expect(tearDownNock()).toEqual([]));

function suggestion(line: number, replacement = `- [Post ${line}](https://example.org/${line}) | Blog 2024-01-01`): Suggestion {
  return { path: 'README.md', line, replacement, reasons: ['`separator`: use " | " between the link and the source'] };
}

describe('postSuggestions', () => {
  it('posts at most one review of 50 suggestions for 10,000 fixable lines and says how many more /fix would fix', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => suggestion(i + 1));
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    api().post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 50 });
    const ctx = makeContext();

    const result = await postSuggestions(makeClient(), ctx, { pullNumber: 7, commitId: 'head', suggestions: many });

    const comments = review.json.comments as Json[];
    expect(comments).toHaveLength(MAX_SUGGESTIONS_PER_REVIEW);
    expect(comments.map((c) => c.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(JSON.stringify(review.json).length).toBeLessThan(300_000);
    expect(review.text).toBe(
      'listkeeper posted 50 suggestions and left out 9950 more to keep this review readable. ' +
        'Comment `/fix` to fix them all in one commit, or run `npx listkeeper lint --fix` on the list.',
    );
    expect(result).toMatchObject({ posted: 50, alreadyPosted: 0, skipped: null });
    expect(result.notPosted).toHaveLength(9950);
    expect(ctx.logs).toContainEqual({ level: 'notice', message: expect.stringMatching(/^9950 suggestions not posted/) as string });
  });

  it('leaves out a suggestion whose comment would exceed GitHub\'s body limit instead of failing the review', async () => {
    const huge = suggestion(3, `- [Huge](https://example.org/x) ${'y'.repeat(70_000)}`);
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    api().post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 51 });

    const result = await postSuggestions(makeClient(), makeContext(), { pullNumber: 7, commitId: 'head', suggestions: [suggestion(2), huge] });

    expect((review.json.comments as Json[]).map((c) => c.line)).toEqual([2]);
    expect(review.text).toMatch(/left out 1 more/);
    expect(result.notPosted).toEqual([huge]);
  });

  it('deletes its own copy when a run racing it posted the same suggestion first, so it shows once', async () => {
    const fix = suggestion(4);
    const body = suggestionCommentBody(fix);
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).reply(200, []);
    api().post(`${REPO_PATH}/pulls/7/reviews`).reply(200, { id: 61 });
    // Looking again: the other run's review 60 holds the same suggestion with a lower id.
    api()
      .get(`${REPO_PATH}/pulls/7/comments`)
      .query({ per_page: 100 })
      .reply(200, [
        { id: 600, body, pull_request_review_id: 60 },
        { id: 610, body, pull_request_review_id: 61 },
      ]);
    api().delete(`${REPO_PATH}/pulls/comments/610`).reply(204);

    const result = await postSuggestions(makeClient(), makeContext(), { pullNumber: 7, commitId: 'head', suggestions: [fix] });

    expect(result).toMatchObject({ posted: 0, alreadyPosted: 1, duplicatesRemoved: 1 });
  });

  it('keeps its comment when it was first, and two equal lines in its own review both stay', async () => {
    const fix = suggestion(4, '- [Same](https://example.org/same) | Blog 2024-01-01');
    const twin = { ...fix, line: 9 };
    const body = suggestionCommentBody(fix);
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).reply(200, []);
    api().post(`${REPO_PATH}/pulls/7/reviews`).reply(200, { id: 60 });
    api()
      .get(`${REPO_PATH}/pulls/7/comments`)
      .query({ per_page: 100 })
      .reply(200, [
        { id: 600, body, pull_request_review_id: 60 },
        { id: 601, body, pull_request_review_id: 60 },
        { id: 610, body, pull_request_review_id: 61 },
      ]);

    // No DELETE mock: deleting any comment would fail the call.
    const result = await postSuggestions(makeClient(), makeContext(), { pullNumber: 7, commitId: 'head', suggestions: [fix, twin] });

    expect(result).toMatchObject({ posted: 2, duplicatesRemoved: 0 });
  });
});
