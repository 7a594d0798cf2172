import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PR_CHECK_MARKER } from '../../src/github/markers.js';
import { upsertStickyComment } from '../../src/github/git/sticky-comment.js';
import { api, capture, type Json, makeClient, makeContext, REPO_PATH, setUpNock, tearDownNock } from './helpers.js';

beforeEach(setUpNock);
afterEach(() => expect(tearDownNock()).toEqual([]));

/** GitHub's answer to a comment body of more than 65,536 characters. */
const GITHUB_COMMENT_LIMIT = 65_536;

describe('upsertStickyComment', () => {
  it('cuts a body longer than GitHub allows, instead of failing the whole check with a 422', async () => {
    // A big pull request: hundreds of blocked links each get a line in the report.
    const lines = Array.from({ length: 900 }, (_, i) => `- \`https://zhuanlan.zhihu.com/p/${100000 + i}\`: refuses automated checks (Zhihu: HTTP 403), not counted as dead`);
    const body = ['### listkeeper: 0 errors, 1 warning', '', ...lines].join('\n');
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    let sent = '';
    api()
      .post(`${REPO_PATH}/issues/7/comments`)
      .reply((_uri, requestBody) => {
        sent = String((requestBody as Json).body);
        if (sent.length > GITHUB_COMMENT_LIMIT) {
          return [422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] }];
        }
        return [201, { id: 501, html_url: 'https://github.com/c/501', body: sent }];
      });

    const result = await upsertStickyComment(makeClient(), makeContext(), { issueNumber: 7, marker: PR_CHECK_MARKER, body, create: true });

    expect(result.action).toBe('created');
    expect(sent.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(sent.startsWith(`${PR_CHECK_MARKER}\n### listkeeper: 0 errors, 1 warning\n`)).toBe(true);
    expect(sent).toContain(lines[0]);
    expect(sent).toMatch(/cut to fit GitHub's comment size limit/);
  });

  it("never adopts a marked comment by someone else (a PR author's planted marker): it posts its own and edits only that", async () => {
    const planted = { id: 9, html_url: 'https://github.com/c/9', user: { login: 'mallory' }, body: `${PR_CHECK_MARKER}\nnothing to see` };
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, [planted]);
    let sent = '';
    // No PATCH mock for comment 9: editing the planted comment would fail the call.
    api()
      .post(`${REPO_PATH}/issues/7/comments`)
      .reply((_uri, requestBody) => {
        sent = String((requestBody as Json).body);
        return [201, { id: 502, html_url: 'https://github.com/c/502', body: sent }];
      });
    const ctx = makeContext({ selfLogin: 'github-actions[bot]' });
    const input = { issueNumber: 7, marker: PR_CHECK_MARKER, body: '### listkeeper: all clear', create: true };

    expect(await upsertStickyComment(makeClient(), ctx, input)).toMatchObject({ action: 'created', commentId: 502 });
    expect(sent).toBe(`${PR_CHECK_MARKER}\n### listkeeper: all clear`);

    // The next run edits its own comment, even with the planted one listed first.
    const own = { id: 502, html_url: 'https://github.com/c/502', user: { login: 'GitHub-Actions[bot]' }, body: sent };
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, [planted, own]);
    const edited = capture();
    api().patch(`${REPO_PATH}/issues/comments/502`, edited.match).reply(200, { id: 502, html_url: 'https://github.com/c/502' });
    expect(await upsertStickyComment(makeClient(), ctx, { ...input, body: '### listkeeper: 1 error' })).toMatchObject({ action: 'updated', commentId: 502 });
    expect(edited.text).toBe(`${PR_CHECK_MARKER}\n### listkeeper: 1 error`);
  });

  it("adopts the comment of the token's confirmed login (a personal token), not the github-actions[bot] guess", async () => {
    const guessed = { id: 8, html_url: 'x', user: { login: 'github-actions[bot]' }, body: `${PR_CHECK_MARKER}\nold` };
    const mine = { id: 9, html_url: 'x', user: { login: 'list-bot' }, body: `${PR_CHECK_MARKER}\nold` };
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, [guessed, mine]);
    api().patch(`${REPO_PATH}/issues/comments/9`).reply(200, { id: 9, html_url: 'x' });
    const ctx = makeContext({ selfLogin: 'github-actions[bot]', expectedAuthor: 'list-bot' });
    const result = await upsertStickyComment(makeClient(), ctx, { issueNumber: 7, marker: PR_CHECK_MARKER, body: 'new', create: true });
    expect(result).toMatchObject({ action: 'updated', commentId: 9 });
  });

  it('with no known identity adopts nothing and posts a new comment', async () => {
    const marked = { id: 9, html_url: 'x', user: { login: 'listkeeper[bot]' }, body: `${PR_CHECK_MARKER}\nold` };
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, [marked]);
    api().post(`${REPO_PATH}/issues/7/comments`).reply(201, { id: 10, html_url: 'x' });
    const ctx = makeContext({ selfLogin: null, expectedAuthor: null });
    const result = await upsertStickyComment(makeClient(), ctx, { issueNumber: 7, marker: PR_CHECK_MARKER, body: 'new', create: true });
    expect(result).toMatchObject({ action: 'created', commentId: 10 });
  });

  it('deletes the comment it just posted when a racing run posted one first, and writes into that one', async () => {
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);
    api().post(`${REPO_PATH}/issues/7/comments`).reply(201, { id: 21, html_url: 'x21' });
    const theirs = { id: 20, html_url: 'x20', user: { login: 'github-actions[bot]' }, body: `${PR_CHECK_MARKER}\nolder results` };
    const mine = { id: 21, html_url: 'x21', user: { login: 'github-actions[bot]' }, body: `${PR_CHECK_MARKER}\nnew` };
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, [theirs, mine]);
    api().delete(`${REPO_PATH}/issues/comments/21`).reply(204);
    const edited = capture();
    api().patch(`${REPO_PATH}/issues/comments/20`, edited.match).reply(200, { id: 20, html_url: 'x20' });

    const result = await upsertStickyComment(makeClient(), makeContext(), { issueNumber: 7, marker: PR_CHECK_MARKER, body: 'new', create: true });

    expect(result).toMatchObject({ action: 'updated', commentId: 20 });
    expect(edited.text).toBe(`${PR_CHECK_MARKER}\nnew`);
  });
});
