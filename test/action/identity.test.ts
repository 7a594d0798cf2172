import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsTokenLogin, tokenLogin } from '../../src/action/identity.js';
import { pickWorkflow } from '../../src/action/event.js';
import { api, makeClient, makeContext, setUpNock, tearDownNock } from '../github/helpers.js';

beforeEach(setUpNock);
afterEach(() => {
  expect(tearDownNock()).toEqual([]);
});

describe("the token's login, for adopting the report issue", () => {
  it('is the login GET /user names for a personal token', async () => {
    api().get('/user').reply(200, { login: 'list-bot', type: 'User' });
    const ctx = makeContext();
    expect(await tokenLogin(makeClient(), ctx.logger)).toBe('list-bot');
    expect(ctx.logs).toEqual([]);
  });

  it("is the workflow's bot for GITHUB_TOKEN: GET /user answers 403, GraphQL's viewer names it", async () => {
    api().get('/user').reply(403, { message: 'Resource not accessible by integration' });
    api().post('/graphql').reply(200, { data: { viewer: { login: 'github-actions[bot]' } } });
    const ctx = makeContext();
    expect(await tokenLogin(makeClient(), ctx.logger)).toBe('github-actions[bot]');
    expect(ctx.logs).toEqual([]);
  });

  it("is the App's bot for another App's installation token", async () => {
    api().get('/user').reply(403, { message: 'Resource not accessible by integration' });
    api().post('/graphql').reply(200, { data: { viewer: { login: 'list-helper[bot]' } } });
    expect(await tokenLogin(makeClient(), makeContext().logger)).toBe('list-helper[bot]');
  });

  it('is unknown, with a warning, when GitHub fails to answer', async () => {
    api().get('/user').reply(502, { message: 'Bad Gateway' });
    const ctx = makeContext();
    expect(await tokenLogin(makeClient(), ctx.logger)).toBeNull();
    expect(ctx.logs).toMatchObject([{ level: 'warning', message: expect.stringMatching(/HTTP 502.*only a report issue or comment by github-actions\[bot\]/) as string }]);
  });

  it('is unknown, with a warning, when the viewer query fails too', async () => {
    api().get('/user').reply(403, { message: 'Resource not accessible by integration' });
    api().post('/graphql').reply(502, { message: 'Bad Gateway' });
    const ctx = makeContext();
    expect(await tokenLogin(makeClient(), ctx.logger)).toBeNull();
    expect(ctx.logs).toMatchObject([{ level: 'warning', message: expect.stringMatching(/could not tell who the token acts as/) as string }]);
  });

  it('is asked only by runs that adopt what the token wrote before (the report issue, the sticky comment)', () => {
    const comment = (body: string) => ({ action: 'created', issue: { number: 7 }, comment: { id: 1, body, user: { login: 'maint', type: 'User' } } });
    expect(needsTokenLogin(pickWorkflow('schedule', {}, 'auto'))).toBe(true);
    expect(needsTokenLogin(pickWorkflow('issue_comment', comment('/check-links'), 'auto'))).toBe(true);
    expect(needsTokenLogin(pickWorkflow('issue_comment', comment('/sort'), 'auto'))).toBe(false);
    expect(needsTokenLogin(pickWorkflow('issue_comment', comment('thanks!'), 'auto'))).toBe(false);
    expect(needsTokenLogin(pickWorkflow('pull_request', { action: 'opened', pull_request: { number: 7 } }, 'auto'))).toBe(true);
    expect(needsTokenLogin(pickWorkflow('schedule', {}, 'fix'))).toBe(false);
  });
});
