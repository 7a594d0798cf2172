/**
 * End to end: the real Probot server (`run`, what `npm start` uses) on a
 * loopback port, configured only by Probot's environment variables, with
 * webhooks signed by a real HMAC. Its GitHub is the fake GitHub API
 * (test/fake-github, which answers only operations in GitHub's OpenAPI
 * description), reached the GitHub Enterprise way: GHE_HOST/GHE_PROTOCOL,
 * through a proxy that serves it under `/api/v3`.
 */
import { sign } from '@octokit/webhooks-methods';
import { run, type Server } from 'probot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { JobQueue } from '../../src/app/jobs.js';
import { encodeDataBlock, PR_CHECK_MARKER, REPORT_MARKER } from '../../src/github/markers.js';
import { FakeGitHub } from '../fake-github/server.js';
import { APP_LINKS, freePort, startLinkServer, type LinkServer } from '../github/helpers.js';
import { startGheProxy, type GheProxy } from './ghe-proxy.js';
import { APP_ID, testOctokitClass, testPrivateKey } from './harness.js';
import { issueCommentPayload, pullRequestPayload, type Actor } from './payloads.js';

const WEBHOOK_SECRET = 'webhook-secret-for-tests';
const REPORT_SECRET = 'report-secret-for-tests';
const INSTALLATION = 91;
const LIST_REPO = 'octo-lists/awesome-llm';
const REPORT_REPO = 'octo-lists/awesome-papers';

let fake: FakeGitHub;
let proxy: GheProxy;
let links: LinkServer;
let server: Server;
let base: string;
const errors: string[] = [];
const jobs = new JobQueue({ onError: (_lane, key, error) => errors.push(`${key}: ${String(error)}`) });

function entry(title: string, path: string, date: string): string {
  return `- [${title}](${links.origin}/${path}) | Lab Notes ${date}`;
}

function list(entries: string[]): string {
  return ['# Awesome LLM reading', '', '## Blogs', '', ...entries, ''].join('\n');
}

const OLD = (): string[] => [entry('Scaling laws, revisited', 'scaling', '2023-01-05'), entry('Sparse attention', 'sparse', '2023-02-10')];

beforeAll(async () => {
  links = await startLinkServer('127.0.0.41');
  fake = await FakeGitHub.start();
  fake.seedRepo({ repo: LIST_REPO, files: { 'README.md': list(OLD()) }, collaborators: { maint: 'write' } });
  fake.seedRepo({
    repo: REPORT_REPO,
    files: {
      'README.md': list([...OLD(), entry('A vanished post', 'gone-post', '2023-03-01')]),
      '.github/listkeeper.yml': 'links:\n  threshold: 1\n',
    },
  });
  fake.seedInstallation({ id: INSTALLATION, account: 'octo-lists', repos: [LIST_REPO, REPORT_REPO] });
  proxy = await startGheProxy(fake.url);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await run(
    createApp({ jobs, linkOptions: APP_LINKS, reportSecret: REPORT_SECRET, secondaryRateLimit: { msPerSecond: 1 } }),
    {
      env: {
        APP_ID: String(APP_ID),
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        GHE_HOST: proxy.host,
        GHE_PROTOCOL: 'http',
        LOG_LEVEL: (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal',
      },
      // Throttling off: its one-second spacing of writes only slows the test down.
      Octokit: testOctokitClass({ retry: true }),
    },
  );
});

afterAll(async () => {
  await server.stop();
  await proxy.close();
  await fake.close();
  await links.close();
});

afterEach(() => {
  expect(errors).toEqual([]);
  expect(fake.unknownRequests).toEqual([]);
  expect(fake.shapeErrors).toEqual([]);
});

/** The App's report issues (an outsider may copy the marker, never the author). */
function reportIssues(repo: string): ReturnType<FakeGitHub['getIssues']> {
  return fake.getIssues(repo).filter((i) => i.body?.startsWith(REPORT_MARKER) && i.user?.login === 'listkeeper[bot]');
}

async function postWebhook(name: string, payload: unknown, signature?: string): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${base}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': name,
      'x-github-delivery': `e2e-${Math.random().toString(36).slice(2)}`,
      'x-hub-signature-256': signature ?? (await sign(WEBHOOK_SECRET, body)),
    },
    body,
  });
}

/** Seeds a comment by `sender` on pull request `number` and delivers its `issue_comment` webhook. */
async function postComment(number: number, sender: Actor, body: string): Promise<{ comment: { id: number; body: string }; res: Response }> {
  const comment = fake.seedComment({ repo: LIST_REPO, issue: number, author: sender.login, body }) as unknown as { id: number; body: string };
  const [owner, repo] = LIST_REPO.split('/');
  const res = await postWebhook('issue_comment', issueCommentPayload({ owner, repo, number, installationId: INSTALLATION, comment, sender }));
  return { comment, res };
}

function prPayload(number: number, action: 'opened' | 'synchronize' = 'opened'): Record<string, unknown> {
  const pull = fake.getPull(LIST_REPO, number) as unknown as Record<string, unknown> & { head: { sha: string }; base: { sha: string } };
  const [owner, repo] = LIST_REPO.split('/');
  return pullRequestPayload({
    action,
    owner,
    repo,
    number,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    installationId: INSTALLATION,
    sender: { login: 'contributor' },
    pullRequest: pull,
  });
}

describe('the App as a server', () => {
  it('answers its health route', async () => {
    const res = await fetch(`${base}/listkeeper/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', app: 'listkeeper' });
  });

  it('rejects a webhook with a wrong signature or none with 401 and runs nothing', async () => {
    const pr = fake.seedPull({ repo: LIST_REPO, author: 'contributor', headBranch: 'unsigned', files: { 'README.md': list([...OLD(), entry('X', 'x', '2023-03-01')]) } });
    const before = fake.requests.length;
    const payload = prPayload(pr.number);
    const res = await postWebhook('pull_request', payload, await sign('not-the-secret', JSON.stringify(payload)));
    expect(res.status).toBe(401);
    const unsigned = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'e2e-unsigned' },
      body: JSON.stringify(payload),
    });
    expect(unsigned.status).toBe(401);
    expect(jobs.size).toBe(0);
    await jobs.idle();
    expect(fake.requests.length).toBe(before);
    expect(fake.getCheckRuns(LIST_REPO).filter((r) => r.head_sha === pr.headSha)).toEqual([]);
  });

  it('checks a pull request: a completed check run with annotations on the bad new entry, and the sticky comment', async () => {
    const entries = [...OLD(), entry('Why RLHF works', 'gone-rlhf', '2023-3-04'), entry('Tokenizers from scratch', 'tokenizers', '2023-03-20')];
    const pr = fake.seedPull({ repo: LIST_REPO, author: 'contributor', headBranch: 'add-posts', files: { 'README.md': list(entries) } });

    const res = await postWebhook('pull_request', prPayload(pr.number));
    expect(res.status).toBe(200);
    await jobs.idle();

    const runs = fake.getCheckRuns(LIST_REPO).filter((r) => r.head_sha === pr.headSha);
    expect(runs).toHaveLength(1);
    const [checkRun] = runs;
    expect(checkRun).toMatchObject({ name: 'listkeeper', status: 'completed', conclusion: 'failure' });
    expect(checkRun.output.title).toBe('2 errors, 0 warnings');
    const lines = checkRun.annotations.map((a) => [a.start_line, a.annotation_level, a.title]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [7, 'failure', 'listkeeper: date-format'],
        [7, 'failure', 'listkeeper: dead link'],
      ]),
    );
    expect(checkRun.annotations.every((a) => a.path === 'README.md' && a.start_line === 7)).toBe(true);
    const sticky = fake.getComments(LIST_REPO, pr.number).filter((c) => c.body?.startsWith(PR_CHECK_MARKER));
    expect(sticky).toHaveLength(1);
    expect(sticky[0].user?.login).toBe('listkeeper[bot]');
    expect(sticky[0].body).toContain('/gone-rlhf');
    // Lines link to the Enterprise Server the App serves, never to github.com.
    expect(sticky[0].body).toContain(`[7](http://${proxy.host}/octo-lists/awesome-llm/blob/${pr.headSha}/README.md#L7)`);
    expect(sticky[0].body).not.toContain('https://github.com/');
    // Reached the GitHub Enterprise way.
    expect(proxy.paths.some((p) => p.startsWith('POST /api/v3/repos/octo-lists/awesome-llm/check-runs'))).toBe(true);
  });

  it('runs /sort for a maintainer: one commit on the PR branch, 👀 then 🚀', async () => {
    const added = entry('An older post', 'older', '2022-12-01');
    const pr = fake.seedPull({ repo: LIST_REPO, author: 'contributor', headBranch: 'unsorted', files: { 'README.md': list([...OLD(), added]) } });
    const { comment, res } = await postComment(pr.number, { login: 'maint' }, '/sort');
    expect(res.status).toBe(200);
    await jobs.idle();

    expect(fake.getReactions(Number(comment.id))).toEqual(['eyes', 'rocket']);
    const head = fake.getRef(LIST_REPO, 'unsorted');
    expect(head).not.toBe(pr.headSha);
    expect(fake.commitLog(LIST_REPO, 'unsorted')[0].parents).toEqual([pr.headSha]);
    expect(fake.fileAt(LIST_REPO, 'unsorted', 'README.md')).toBe(list([added, ...OLD()]));
  });

  it('runs /sort on a fork PR whose author allows maintainer edits: the commit goes to the fork branch', async () => {
    const fork = 'contributor/awesome-llm';
    fake.seedRepo({ repo: fork, forkOf: LIST_REPO });
    const added = entry('An even older post', 'even-older', '2022-11-01');
    const pr = fake.seedPull({
      repo: LIST_REPO,
      author: 'contributor',
      headRepo: fork,
      headBranch: 'fork-unsorted',
      files: { 'README.md': list([...OLD(), added]) },
      maintainerCanModify: true,
    });
    const { comment, res } = await postComment(pr.number, { login: 'maint' }, '/sort');
    expect(res.status).toBe(200);
    await jobs.idle();

    expect(fake.getReactions(Number(comment.id))).toEqual(['eyes', 'rocket']);
    expect(fake.commitLog(fork, 'fork-unsorted')[0].parents).toEqual([pr.headSha]);
    expect(fake.fileAt(fork, 'fork-unsorted', 'README.md')).toBe(list([added, ...OLD()]));
  });

  it('ignores its own comments: no reaction, no request', async () => {
    const pr = fake.seedPull({ repo: LIST_REPO, author: 'contributor', headBranch: 'own-comment', files: { 'README.md': list([...OLD(), entry('Y', 'y', '2023-03-02')]) } });
    const before = fake.requests.length;
    const { comment, res } = await postComment(pr.number, { login: 'listkeeper[bot]', type: 'Bot' }, '/sort');
    expect(res.status).toBe(200);
    await jobs.idle();
    expect(fake.getReactions(Number(comment.id))).toEqual([]);
    expect(fake.requests.length).toBe(before);
  });

  it('runs the report for one repository through the secret-protected route: the report issue is created (an outsider\'s look-alike is left alone)', async () => {
    // An issue template applying the label lets anyone open an issue with the marker and a history block.
    const forgedBody = `${REPORT_MARKER}\nNothing is dead here.\n${encodeDataBlock('history', { version: 1, urls: {} })}`;
    const forged = fake.seedIssue({ repo: REPORT_REPO, title: 'listkeeper: all links are alive', body: forgedBody, labels: ['dead links'], author: 'stranger' });
    // Another App's bot is not the App either: GET /app named the App's own login.
    const otherBot = fake.seedIssue({ repo: REPORT_REPO, title: 'listkeeper: all links are alive', body: forgedBody, labels: ['dead links'], author: 'other-tool[bot]' });
    const denied = await fetch(`${base}/listkeeper/report`, { method: 'POST', headers: { authorization: 'Bearer wrong' }, body: '{}' });
    expect(denied.status).toBe(401);

    const res = await fetch(`${base}/listkeeper/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REPORT_SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'octo-lists', repo: 'awesome-papers' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: [REPORT_REPO] });
    await jobs.idle();

    const issues = reportIssues(REPORT_REPO);
    expect(issues).toHaveLength(1);
    expect(issues[0].state).toBe('open');
    expect(issues[0].title).toBe('listkeeper: 1 dead link');
    expect(issues[0].body).toContain('/gone-post');
    expect(issues[0].body).toMatch(new RegExp(`\\]\\(http://${proxy.host.replace(/\./g, '\\.')}/octo-lists/awesome-papers/blob/[0-9a-f]+/README\\.md#L7\\)`));
    expect(issues[0].body).not.toContain('https://github.com/');
    expect(issues[0].labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['dead links']);
    for (const lookAlike of [forged, otherBot]) {
      expect(fake.getIssue(REPORT_REPO, lookAlike)).toMatchObject({ state: 'open', title: 'listkeeper: all links are alive', body: forgedBody, comments: 0 });
    }
  });

  it('runs the report for every installed repository and answers 404 for a repository it is not installed on', async () => {
    const all = await fetch(`${base}/listkeeper/report`, { method: 'POST', headers: { authorization: `Bearer ${REPORT_SECRET}` } });
    expect(all.status).toBe(202);
    expect(((await all.json()) as { queued: string[] }).queued.sort()).toEqual([LIST_REPO, REPORT_REPO]);
    await jobs.idle();
    // Still one report issue in the repository with a dead link, none where every link is alive.
    expect(reportIssues(REPORT_REPO)).toHaveLength(1);
    expect(reportIssues(LIST_REPO)).toHaveLength(0);

    const missing = await fetch(`${base}/listkeeper/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REPORT_SECRET}` },
      body: JSON.stringify({ owner: 'someone', repo: 'elsewhere' }),
    });
    expect(missing.status).toBe(404);
  });
});
