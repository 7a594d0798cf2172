import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeDataBlock, encodeDataBlock, REPORT_MARKER } from '../../src/github/markers.js';
import { ISSUE_BODY_LIMIT, readHistory, renderReportBody } from '../../src/github/report/report-body.js';
import { runCommand } from '../../src/github/commands/commands.js';
import { runReport } from '../../src/github/report/report-issue.js';
import { tokenLogin } from '../../src/action/identity.js';
import { TooComplexError } from '../../src/github/core-budget.js';
import type { LinkHistory } from '../../src/links/index.js';
import { closeAll, loopbackLookup, startHost } from '../links/servers.js';
import {
  api,
  capture,
  type Captured,
  FAST_LINKS,
  freePort,
  makeClient,
  makeContext,
  mockDefaultBranch,
  mockNoStoredHistory,
  REPO_PATH,
  useNockAndLinkServer,
} from './helpers.js';

const links = useNockAndLinkServer('127.0.0.22');

function list(origins: { alive: string; maybeDead: string }): string {
  return [
    '# Awesome LLM reading',
    '',
    '## Blogs',
    '',
    `- [Scaling laws, revisited](${origins.alive}/scaling) | Lab Notes 2023-01-05`,
    `- [Why RLHF works](${origins.maybeDead}) | Alignment Weekly 2023-03-04`,
    '  - code:',
    `    - [rlhf-toolkit](${origins.alive}/toolkit) by someone`,
    '',
  ].join('\n');
}

/** The default branch, its tree and the list file, as the workflow reads them. */

function mockIssues(issues: unknown[]): void {
  api().get(`${REPO_PATH}/issues`).query({ labels: 'dead links', state: 'all', per_page: 100 }).reply(200, issues);
}

function history(url: string, failedRuns: number): LinkHistory {
  return {
    version: 1,
    urls: {
      [url]: {
        failedRuns,
        failingSince: '2024-05-31T12:00:00.000Z',
        lastVerdict: 'dead',
        lastChecked: '2024-05-31T12:00:00.000Z',
        lastStatus: 404,
        lastReason: 'HTTP 404',
      },
    },
  };
}

/** The report issue as GitHub lists it: opened by the workflow's bot. */
function reportIssue(state: 'open' | 'closed', body: string, number = 31): Record<string, unknown> {
  return {
    number,
    state,
    title: 'listkeeper: 1 dead link',
    body,
    html_url: `https://github.com/i/${number}`,
    labels: [{ name: 'dead links' }],
    user: { login: 'github-actions[bot]', type: 'Bot' },
    author_association: 'NONE',
  };
}

/** An issue an outsider opened through a template that applies the label, copying the marker and a history block. */
/** No report issue yet: the run creates #`number` (body captured) and, looking again, finds it after `earlier`. */
function mockReportCreated(number: number, earlier: unknown[] = []): Captured {
  const created = capture();
  api().post(`${REPO_PATH}/issues`, created.match).reply(201, { number, html_url: `https://github.com/i/${number}` });
  mockIssues([...earlier, reportIssue('open', `${REPORT_MARKER}\nnew`, number)]);
  return created;
}

function forgedIssue(number: number, body: string, association = 'NONE'): Record<string, unknown> {
  return { ...reportIssue('open', body, number), user: { login: 'mallory', type: 'User' }, author_association: association };
}

describe('runReport', () => {
  it('creates the report issue when the first link is reported dead, with the history hidden in it', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-rlhf` }), [
      { path: 'docs', type: 'tree' },
      { path: 'docs/notes.txt', type: 'blob' },
    ]);
    mockNoStoredHistory();
    mockIssues([
      // A pull request and an unrelated issue with the label are not the report.
      { number: 3, state: 'open', body: 'please fix', html_url: 'x', title: 'x', pull_request: {} },
      { number: 4, state: 'open', body: 'dead links are bad', html_url: 'x', title: 'x' },
    ]);
    const created = mockReportCreated(31);

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: FAST_LINKS });

    expect(result.action).toBe('created');
    expect(result.outputs).toEqual({ 'dead-links': '1', 'report-issue': '31', 'pull-request': '' });
    expect(result.files).toEqual(['README.md']);
    // Where the Action's job summary links the annotations' lines: the commit that was checked.
    expect(result.blobBase).toBe('https://github.com/octo-lists/awesome-llm/blob/main-sha/');
    expect(created.json.labels).toEqual(['dead links']);
    expect(created.json.title).toBe('listkeeper: 1 dead link');
    expect(created.text.startsWith(REPORT_MARKER)).toBe(true);
    expect(created.text).toContain('/gone-rlhf');
    // The line links to the commit that was checked, and the run's job summary leads to the issue.
    expect(created.text).toContain(`[\`README.md:6\`](https://github.com${REPO_PATH.replace('/repos', '')}/blob/main-sha/README.md#L6)`);
    expect(result.summary.startsWith('Report issue: [#31](https://github.com/i/31) (opened)\n')).toBe(true);
    const stored = readHistory(created.text);
    expect(Object.values(stored?.urls ?? {})).toMatchObject([{ failedRuns: 1, lastVerdict: 'dead' }]);
    expect(result.annotations).toMatchObject([{ path: 'README.md', startLine: 6, level: 'warning' }]);
  });

  it('with threshold 2 keeps the first failure under a hidden ref, then files the link on the second failing run', async () => {
    const deadUrl = `${links.origin}/gone-rlhf`;
    mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
    mockIssues([]);
    mockNoStoredHistory();
    const blob = capture();
    api().post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'hist-blob' });
    api().post(`${REPO_PATH}/git/trees`, { tree: [{ path: 'history.json', mode: '100644', type: 'blob', sha: 'hist-blob' }] }).reply(201, { sha: 'hist-tree' });
    const commit = capture();
    api().post(`${REPO_PATH}/git/commits`, commit.match).reply(201, { sha: 'hist-1' });
    api().post(`${REPO_PATH}/git/refs`, { ref: 'refs/listkeeper/link-history', sha: 'hist-1' }).reply(201, {});

    const first = await runReport(makeClient(), makeContext(), { threshold: 2, linkOptions: FAST_LINKS });
    expect(first.action).toBe('none');
    expect(first.dead).toEqual([]);
    expect(commit.json).toMatchObject({ tree: 'hist-tree', parents: [] });
    expect(Object.values(readHistory(String(commit.json.message))?.urls ?? {})).toMatchObject([{ failedRuns: 1 }]);
    expect(JSON.parse(Buffer.from(String(blob.json.content)).toString('utf8'))).toEqual(first.history);

    // Second run: the stored history makes this the second failure in a row; the issue takes the history over.
    mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
    mockIssues([]);
    api().get(`${REPO_PATH}/git/ref/listkeeper%2Flink-history`).reply(200, { object: { sha: 'hist-1' } });
    api().get(`${REPO_PATH}/git/commits/hist-1`).reply(200, { sha: 'hist-1', message: commit.json.message, tree: { sha: 'hist-tree' }, parents: [] });
    const created = mockReportCreated(32);
    api().delete(`${REPO_PATH}/git/refs/listkeeper%2Flink-history`).reply(204);
    const second = await runReport(makeClient(), makeContext(), { threshold: 2, linkOptions: FAST_LINKS });
    expect(second.action).toBe('created');
    expect(created.text).toMatch(/failing since 2024-06-01 \(2 runs\)/);
  });

  it('goes on with a warning when the token may not keep the history (no contents: write)', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-rlhf` }));
    mockIssues([]);
    mockNoStoredHistory();
    api().post(`${REPO_PATH}/git/blobs`).reply(403, { message: 'Resource not accessible by integration' });
    const ctx = makeContext();
    const result = await runReport(makeClient(), ctx, { threshold: 2, linkOptions: FAST_LINKS });
    expect(result.action).toBe('none');
    expect(ctx.logs.some((l) => l.level === 'warning' && /contents: write/.test(l.message))).toBe(true);
  });

  it('updates the open report in place, counting the streak from the history in its body', async () => {
    const deadUrl = `${links.origin}/gone-rlhf`;
    mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
    const key = deadUrl.replace(/^http:\/\//, '');
    const oldBody = `${REPORT_MARKER}\nold report\n${encodeDataBlock('history', history(key, 1))}`;
    mockIssues([reportIssue('open', oldBody), { number: 2, state: 'closed', body: oldBody, html_url: 'x', title: 'older report' }]);
    const updated = capture();
    api().patch(`${REPO_PATH}/issues/31`, updated.match).reply(200, { number: 31 });

    const result = await runReport(makeClient(), makeContext(), { threshold: 2, linkOptions: FAST_LINKS });
    expect(result.action).toBe('updated');
    expect(updated.json.state).toBeUndefined();
    expect(updated.text).toContain('failing since 2024-05-31 (2 runs)');
    expect(readHistory(updated.text)?.urls[key]).toMatchObject({ failedRuns: 2, failingSince: '2024-05-31T12:00:00.000Z' });
  });

  it('closes the report with a comment when every link is alive again', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/rlhf` }));
    mockIssues([reportIssue('open', `${REPORT_MARKER}\nold`)]);
    mockNoStoredHistory();
    const comment = capture();
    api().post(`${REPO_PATH}/issues/31/comments`, comment.match).reply(201, { id: 1 });
    const closed = capture();
    api().patch(`${REPO_PATH}/issues/31`, closed.match).reply(200, { number: 31 });

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: FAST_LINKS });
    expect(result.action).toBe('closed');
    expect(comment.text).toMatch(/alive again/);
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'completed', title: 'listkeeper: all links are alive' });
    expect(closed.text).toContain('No dead links to report');
  });

  it('reopens the closed report (never a second issue) when links die again', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-again` }));
    mockIssues([reportIssue('closed', `${REPORT_MARKER}\nall alive`)]);
    mockNoStoredHistory();
    const reopened = capture();
    api().patch(`${REPO_PATH}/issues/31`, reopened.match).reply(200, { number: 31 });
    const comment = capture();
    api().post(`${REPO_PATH}/issues/31/comments`, comment.match).reply(201, { id: 2 });

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: FAST_LINKS });
    expect(result.action).toBe('reopened');
    expect(reopened.json.state).toBe('open');
    expect(reopened.text).toContain('/gone-again');
    expect(comment.text).toMatch(/Links died since this report was closed: 1 new dead link/);
  });

  it('leaves a report a person closed closed while only the links they saw are dead, and reopens it when another one dies', async () => {
    const seenUrl = `${links.origin}/gone-seen`;
    const key = seenUrl.replace(/^http:\/\//, '');
    const text = (extra: string) => list({ alive: links.origin, maybeDead: seenUrl }) + extra;
    // Closed by a maintainer while it listed the dead link (3 failing runs in its history).
    const closedBody = `${REPORT_MARKER}\nlisted ${seenUrl}\n${encodeDataBlock('history', history(key, 3))}`;
    mockDefaultBranch(text(''));
    mockIssues([reportIssue('closed', closedBody)]);
    const quiet = capture();
    api().patch(`${REPO_PATH}/issues/31`, quiet.match).reply(200, { number: 31 });

    const first = await runReport(makeClient(), makeContext(), { threshold: 2, linkOptions: FAST_LINKS });
    // No comment mock: a "reopened" comment would have failed the run.
    expect(first.action).toBe('updated');
    expect(quiet.json.state).toBeUndefined();
    expect(readHistory(quiet.text)?.urls[key]).toMatchObject({ failedRuns: 4 });

    // A link that was alive dies and stays dead for two runs: that is news, so the report reopens.
    const newUrl = `${links.origin}/gone-new`;
    const newKey = newUrl.replace(/^http:\/\//, '');
    const withNew = text(`- [Fresh post](${newUrl}) | Lab Notes 2024-05-01\n`);
    const before = history(key, 4);
    before.urls[newKey] = { ...history(newKey, 1).urls[newKey] };
    mockDefaultBranch(withNew);
    mockIssues([reportIssue('closed', `${REPORT_MARKER}\nlisted\n${encodeDataBlock('history', before)}`)]);
    const reopened = capture();
    api().patch(`${REPO_PATH}/issues/31`, reopened.match).reply(200, { number: 31 });
    const comment = capture();
    api().post(`${REPO_PATH}/issues/31/comments`, comment.match).reply(201, { id: 3 });

    const second = await runReport(makeClient(), makeContext(), { threshold: 2, linkOptions: FAST_LINKS });
    expect(second.action).toBe('reopened');
    expect(reopened.json.state).toBe('open');
    expect(comment.text).toMatch(/1 new dead link \(2 dead links in all\)/);
  });

  it('keeps the oldest of two open reports and closes the newer one with a link to it', async () => {
    const deadUrl = `${links.origin}/gone-rlhf`;
    mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
    mockIssues([reportIssue('open', `${REPORT_MARKER}\nnewer`, 40), reportIssue('open', `${REPORT_MARKER}\nolder`, 31)]);
    mockNoStoredHistory();
    const duplicateNote = capture();
    api().post(`${REPO_PATH}/issues/40/comments`, duplicateNote.match).reply(201, { id: 4 });
    const closed = capture();
    api().patch(`${REPO_PATH}/issues/40`, closed.match).reply(200, { number: 40 });
    const updated = capture();
    api().patch(`${REPO_PATH}/issues/31`, updated.match).reply(200, { number: 31 });

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: FAST_LINKS });
    expect(result.issue?.number).toBe(31);
    expect(result.action).toBe('updated');
    expect(updated.text).toContain('/gone-rlhf');
    expect(duplicateNote.text).toMatch(/^Duplicate of #31\b/);
    expect(closed.json).toEqual({ state: 'closed', state_reason: 'duplicate' });
  });

  it('after creating a report, finds an older one a racing run created, closes its own and writes to the older', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-rlhf` }));
    mockIssues([]);
    mockNoStoredHistory();
    api().post(`${REPO_PATH}/issues`).reply(201, { number: 33, html_url: 'https://github.com/i/33' });
    // Looking again: the other run's #32 came first.
    mockIssues([reportIssue('open', `${REPORT_MARKER}\nmine`, 33), reportIssue('open', `${REPORT_MARKER}\ntheirs`, 32)]);
    const duplicateNote = capture();
    api().post(`${REPO_PATH}/issues/33/comments`, duplicateNote.match).reply(201, { id: 5 });
    const closed = capture();
    api().patch(`${REPO_PATH}/issues/33`, closed.match).reply(200, { number: 33 });
    const updated = capture();
    api().patch(`${REPO_PATH}/issues/32`, updated.match).reply(200, { number: 32 });

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: FAST_LINKS });
    expect(result.issue).toEqual({ number: 32, url: 'https://github.com/i/32' });
    expect(result.outputs['report-issue']).toBe('32');
    expect(duplicateNote.text).toMatch(/^Duplicate of #32\b/);
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'duplicate' });
    expect(updated.text).toContain('/gone-rlhf');
  });

  it('leaves the report alone when no list file can be read', async () => {
    api().get(`${REPO_PATH}/git/ref/heads%2Fmain`).reply(200, { object: { sha: 'main-sha' } });
    api().get(`${REPO_PATH}/git/trees/main-sha`).query(true).reply(200, { tree: [{ path: 'LIST.md', type: 'blob', sha: 'x' }] });
    const ctx = makeContext();
    const result = await runReport(makeClient(), ctx, { threshold: 1, linkOptions: FAST_LINKS });
    expect(result.action).toBe('skipped');
    expect(result.problems).toEqual(['no file on main matches README.md']);
    expect(ctx.logs).toContainEqual({ level: 'error', message: 'no file on main matches README.md' });
  });

  it('writes nothing when the runner looks offline (nothing listens on any host)', async () => {
    const port = await freePort();
    const text = [
      '## Blogs',
      '',
      `- [One](http://127.0.0.41:${port}/a) | A 2023-01-01`,
      `- [Two](http://127.0.0.42:${port}/b) | B 2023-01-02`,
      `- [Three](http://127.0.0.43:${port}/c) | C 2023-01-03`,
      '',
    ].join('\n');
    mockDefaultBranch(text);
    mockIssues([reportIssue('open', `${REPORT_MARKER}\nold`)]);
    mockNoStoredHistory();
    const ctx = makeContext();
    const result = await runReport(makeClient(), ctx, { threshold: 1, linkOptions: FAST_LINKS });
    expect(result.offline).toBe(true);
    expect(result.action).toBe('skipped');
    expect(result.dead).toEqual([]);
    expect(ctx.logs.some((l) => l.level === 'warning' && /offline/.test(l.message))).toBe(true);
    // No POST/PATCH mock was set up: nock would have failed the request had one been sent.
  });
});

describe('an issue that only looks like the report (label and marker forged by an outsider)', () => {
  it('is ignored when the bot login is known: its history does not count, and the real report is kept', async () => {
    const deadUrl = `${links.origin}/gone-rlhf`;
    const key = deadUrl.replace(/^http:\/\//, '');
    mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
    // Adopted, the forged streak of 5 would make this one failure a reported dead link (threshold 3).
    const forged = forgedIssue(3, `${REPORT_MARKER}\nplease keep\n${encodeDataBlock('history', history(key, 5))}`);
    const real = reportIssue('closed', `${REPORT_MARKER}\nall alive\n${encodeDataBlock('history', history(key, 1))}`);
    mockIssues([forged, { ...real, user: { login: 'listkeeper[bot]', type: 'Bot' } }]);
    const updated = capture();
    api().patch(`${REPO_PATH}/issues/31`, updated.match).reply(200, { number: 31 });
    const ctx = makeContext({ expectedAuthor: 'listkeeper[bot]' });

    const result = await runReport(makeClient(), ctx, { threshold: 3, linkOptions: FAST_LINKS });

    // No mock answers #3: any edit, comment or close of it would have failed the run.
    expect(result.dead).toEqual([]);
    expect(result.action).toBe('updated');
    expect(result.issue?.number).toBe(31);
    expect(updated.json.state).toBeUndefined();
    expect(readHistory(updated.text)?.urls[key]).toMatchObject({ failedRuns: 2 });
    expect(ctx.logs).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/^#3 looks like the dead-link report .* opened by @mallory, not by @listkeeper\[bot\]/) as string,
    });
  });

  it('under GITHUB_TOKEN, an outsider\'s issue is ignored and a new report is created from the stored history', async () => {
    const deadUrl = `${links.origin}/gone-rlhf`;
    const key = deadUrl.replace(/^http:\/\//, '');
    mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
    // A past contributor is still an outsider; the forged block says the link failed 5 runs since 2020.
    const forgedHistory = history(key, 5);
    forgedHistory.urls[key].failingSince = '2020-01-01T00:00:00.000Z';
    mockIssues([forgedIssue(3, `${REPORT_MARKER}\n${encodeDataBlock('history', forgedHistory)}`, 'CONTRIBUTOR')]);
    mockNoStoredHistory();
    const created = mockReportCreated(32, [forgedIssue(3, `${REPORT_MARKER}\nforged`, 'CONTRIBUTOR')]);
    const ctx = makeContext({ expectedAuthor: 'github-actions[bot]' });

    const result = await runReport(makeClient(), ctx, { threshold: 1, linkOptions: FAST_LINKS });

    expect(result.action).toBe('created');
    expect(result.issue).toEqual({ number: 32, url: 'https://github.com/i/32' });
    expect(readHistory(created.text)?.urls[key]).toMatchObject({ failedRuns: 1, failingSince: '2024-06-01T12:00:00.000Z' });
    expect(created.text).not.toContain('2020-01-01');
    expect(ctx.logs.some((l) => l.level === 'warning' && /^#3 .*opened by @mallory, not by @github-actions\[bot\]/.test(l.message))).toBe(true);
  });

  it('is never closed when every link is alive: there is no report to close', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/rlhf` }));
    mockIssues([forgedIssue(3, `${REPORT_MARKER}\nold`)]);
    mockNoStoredHistory();

    const result = await runReport(makeClient(), makeContext({ expectedAuthor: 'github-actions[bot]' }), { threshold: 1, linkOptions: FAST_LINKS });

    // No PATCH or comment mock: closing #3 would have failed the run.
    expect(result.action).toBe('none');
    expect(result.issue).toBeNull();
  });

  // Each token kind as GitHub answers who it is (src/action/identity.ts); a member plants the marker on #3.
  const tokenKinds = [
    { kind: 'a personal token', login: 'list-keeper-bot', user: { status: 200, body: { login: 'list-keeper-bot', type: 'User' } } },
    { kind: 'GITHUB_TOKEN', login: 'github-actions[bot]', user: { status: 403, body: { message: 'Resource not accessible by integration' } } },
    { kind: "another App's installation token", login: 'list-helper[bot]', user: { status: 403, body: { message: 'Resource not accessible by integration' } } },
  ];
  for (const token of tokenKinds) {
    it(`with ${token.kind}, a member's issue carrying the marker is ignored (said in the log) and the tool's own report is updated`, async () => {
      api().get('/user').reply(token.user.status, token.user.body);
      if (token.user.status === 403) api().post('/graphql').reply(200, { data: { viewer: { login: token.login } } });
      const deadUrl = `${links.origin}/gone-rlhf`;
      mockDefaultBranch(list({ alive: links.origin, maybeDead: deadUrl }));
      const own = { ...reportIssue('open', `${REPORT_MARKER}\nreport`, 31), user: { login: token.login, type: token.user.status === 200 ? 'User' : 'Bot' } };
      // The member's issue is older: were it adopted, it would be kept and #31 closed as its duplicate.
      mockIssues([forgedIssue(3, `${REPORT_MARKER}\nplanted`, 'MEMBER'), own]);
      mockNoStoredHistory();
      const updated = capture();
      api().patch(`${REPO_PATH}/issues/31`, updated.match).reply(200, { number: 31 });
      const ctx = makeContext({ selfLogin: 'github-actions[bot]' });
      ctx.expectedAuthor = await tokenLogin(makeClient(), ctx.logger);

      const result = await runReport(makeClient(), ctx, { threshold: 1, linkOptions: FAST_LINKS });

      // No mock answers #3: an edit, comment or close of it would have failed the run.
      expect(result.action).toBe('updated');
      expect(result.issue?.number).toBe(31);
      expect(updated.text).toContain('/gone-rlhf');
      expect(ctx.logs.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
        `#3 looks like the dead-link report (label "dead links" and the hidden marker) but it was opened by @mallory, not by @${token.login}: ` +
          'listkeeper neither reads its history nor edits it; remove the label if it is not meant to be the report',
      ]);
    });
  }

  it('with no login to call its own (the App could not read GET /app), is skipped and touches no issue', async () => {
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-rlhf` }));
    const ctx = makeContext({ selfLogin: null, expectedAuthor: null });

    const result = await runReport(makeClient(), ctx, { threshold: 1, linkOptions: FAST_LINKS });

    // No issue list mock: looking for the report would have failed the run.
    expect(result.action).toBe('skipped');
    expect(result.summary).toContain('could not tell which login its token acts as');
  });
});

describe('/check-links', () => {
  it('runs the report for a writer (on any issue) and replies with the outcome', async () => {
    api().get(`${REPO_PATH}/collaborators/maintainer/permission`).reply(200, { permission: 'write', role_name: 'write' });
    api().post(`${REPO_PATH}/issues/comments/77/reactions`, { content: 'eyes' }).reply(201, {});
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-rlhf` }));
    mockIssues([]);
    mockNoStoredHistory();
    mockReportCreated(31);
    api().post(`${REPO_PATH}/issues/comments/77/reactions`, { content: 'rocket' }).reply(201, {});
    const reply = capture();
    api().post(`${REPO_PATH}/issues/5/comments`, reply.match).reply(201, {});

    const result = await runCommand(makeClient(), makeContext(), {
      event: {
        action: 'created',
        issue: { number: 5, user: { login: 'someone' } },
        comment: { id: 77, body: '/check-links', user: { login: 'maintainer', type: 'User' } },
      },
      report: { threshold: 1, linkOptions: FAST_LINKS },
    });
    expect(result.outcome).toBe('reported');
    expect(result.report?.action).toBe('created');
    expect(reply.text).toMatch(/Checked 3 links: 1 dead link reported\. The report is in #31\./);
  });
});

describe('/check-links on lists too complex for the budget', () => {
  it('replies with the clear message, touches no report issue and checks no link', async () => {
    api().get(`${REPO_PATH}/collaborators/maintainer/permission`).reply(200, { permission: 'write', role_name: 'write' });
    api().post(`${REPO_PATH}/issues/comments/77/reactions`, { content: 'eyes' }).reply(201, {});
    mockDefaultBranch(list({ alive: links.origin, maybeDead: `${links.origin}/gone-rlhf` }));
    api().post(`${REPO_PATH}/issues/comments/77/reactions`, { content: 'confused' }).reply(201, {});
    const reply = capture();
    api().post(`${REPO_PATH}/issues/5/comments`, reply.match).reply(201, {});

    // As the App's worker rejects when the budget is spent; no mock for the issues: touching them would fail the call.
    const collectTargets = async (): Promise<never> => {
      throw new TooComplexError('time', { timeMs: 20_000, memoryMb: 512 });
    };
    const result = await runCommand(makeClient(), makeContext(), {
      event: {
        action: 'created',
        issue: { number: 5, user: { login: 'someone' } },
        comment: { id: 77, body: '/check-links', user: { login: 'maintainer', type: 'User' } },
      },
      report: { threshold: 1, linkOptions: FAST_LINKS, collectTargets },
    });
    expect(result.outcome).toBe('failed');
    expect(reply.text).toContain('😕 `/check-links` stopped: the list files on the default branch are too complex to check within 20 s.');
    expect(links.hits).toEqual([]);
  });
});

describe('/check-links by the author of a pull request without write access', () => {
  it('is refused with a polite reply: the author may /sort and /fix their own PR, not run the link report', async () => {
    api().get(`${REPO_PATH}/collaborators/contributor/permission`).reply(200, { permission: 'read', role_name: 'read' });
    const reply = capture();
    api().post(`${REPO_PATH}/issues/7/comments`, reply.match).reply(201, {});

    // No mock for the list, the issues or a reaction: running the report would fail the call.
    const result = await runCommand(makeClient(), makeContext(), {
      event: {
        action: 'created',
        issue: { number: 7, pull_request: { url: 'x' }, user: { login: 'contributor' } },
        comment: { id: 78, body: '/check-links', user: { login: 'contributor', type: 'User' } },
      },
      report: { threshold: 1, linkOptions: FAST_LINKS },
    });

    expect(result).toMatchObject({ command: 'check-links', outcome: 'refused', report: null });
    expect(reply.text).toMatch(/@contributor! `\/check-links` can only be run by people with write access, so I have left things as they are\.$/);
    expect(links.hits).toEqual([]);
  });
});

describe('renderReportBody', () => {
  it('stays under the issue size limit, cutting the report and keeping a readable history', () => {
    const report = ['## Dead links', '', '<details>', ...Array.from({ length: 5000 }, (_, i) => `- [link ${i}](https://example.org/${i}) — \`README.md:${i}\``)].join('\n');
    const big: LinkHistory = { version: 1, urls: {} };
    for (let i = 0; i < 5000; i++) big.urls[`example.org/${createHash('sha256').update(String(i)).digest('hex')}`] = history('x', i % 7 + 1).urls.x;
    const body = renderReportBody(report, big, 'footer');
    expect(body.length).toBeLessThan(ISSUE_BODY_LIMIT);
    expect(body).toContain('The report was cut');
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length);
    const kept = readHistory(body);
    expect(kept).not.toBeNull();
    // The longest streaks are the ones kept.
    expect(Math.min(...Object.values(kept?.urls ?? {}).map((e) => e.failedRuns))).toBeGreaterThan(1);
    expect(decodeDataBlock('<!-- listkeeper:history not-base64!! -->', 'history')).toBeNull();
  });
});

describe('runReport: the same article listed twice', () => {
  afterEach(closeAll);

  it('adds a section naming the later listing and the first, when one address permanently redirects to another listed one', async () => {
    const moved = await startHost('127.0.0.24', (req, res) => {
      if (req.url === '/p/1') res.writeHead(301, { location: '/2023/scaling-laws' }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>post</h1>');
    });
    const text = [
      '# Awesome LLM reading',
      '',
      '## Blogs',
      '',
      `- [Scaling laws, revisited](${moved.url('/2023/scaling-laws')}) | Lab Notes 2023-01-05`,
      `- [Why RLHF works](${links.origin}/gone-rlhf) | Alignment Weekly 2023-03-04`,
      `- [Scaling laws (old address)](${moved.url('/p/1')}) | Lab Notes 2023-01-05`,
      '',
    ].join('\n');
    mockDefaultBranch(text);
    mockNoStoredHistory();
    mockIssues([]);
    const created = mockReportCreated(31);

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: FAST_LINKS });

    expect(result.action).toBe('created');
    expect(created.text).toContain('### Same article listed twice (1)');
    const line = created.text.split('\n').find((l) => l.startsWith('- [`README.md:7`]'));
    expect(line).toContain(`${moved.url('/p/1')} — the same article as [\`README.md:5\`]`);
    expect(line).toContain('both lead to `127.0.0.24:');
  });

  it('names a WeChat article listed under its long and its short address, from the page the check reads anyway', async () => {
    const article = readFileSync(new URL('../../examples/pages/wechat-article.html', import.meta.url), 'utf8');
    const wechat = await startHost('127.0.0.25', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article));
    const origin = `http://mp.weixin.qq.com:${wechat.port}`;
    const text = [
      '# Awesome LLM reading',
      '',
      '## Blogs',
      '',
      `- [聊聊对话大模型的数据配比](${origin}/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d) | AINLP 2023-04-12`,
      `- [Why RLHF works](${links.origin}/gone-rlhf) | Alignment Weekly 2023-03-04`,
      `- [聊聊对话大模型的数据配比 (short link)](${origin}/s/Xp3fK2mVq9ZrT1aBcD4eFg) | AINLP 2023-04-12`,
      '',
    ].join('\n');
    mockDefaultBranch(text);
    mockNoStoredHistory();
    mockIssues([]);
    const created = mockReportCreated(31);

    const lookup = loopbackLookup({ 'mp.weixin.qq.com': wechat.address });
    const result = await runReport(makeClient(), makeContext(), { threshold: 1, linkOptions: { ...FAST_LINKS, lookup } });

    expect(result.action).toBe('created');
    expect(created.text).toContain('### Same article listed twice (1)');
    const line = created.text.split('\n').find((l) => l.startsWith('- [`README.md:7`]'));
    expect(line).toContain(`${origin}/s/Xp3fK2mVq9ZrT1aBcD4eFg — the same article as [\`README.md:5\`]`);
    expect(line).toContain('wechat:MzIzNjc1NzUzMw==/2247623001/2');
    // One GET per address, as for any WeChat link: the article came from the page already read.
    expect(wechat.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });
});
