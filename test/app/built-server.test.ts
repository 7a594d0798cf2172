/**
 * The App exactly as `npm start` runs it: `probot run ./lib/app/index.js` in
 * its own process, configured only by environment variables (Probot's, and
 * listkeeper's `LISTKEEPER_REPORT_SECRET` and `LISTKEEPER_PARSE_BUDGET_MS`),
 * so the built default export, the compiled worker entry and the env
 * settings are what is tested. GitHub is the fake GitHub API, reached the
 * GitHub Enterprise way (see e2e.test.ts). Needs `npm run build` first (as
 * `npm test` does). The only links in these lists are loopback addresses,
 * which the App refuses without a request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/server.js';
import { freePort } from '../github/helpers.js';
import { startGheProxy, type GheProxy } from './ghe-proxy.js';
import { APP_ID, testPrivateKey } from './harness.js';
import { checkRunRerequestedPayload, checkSuiteRerequestedPayload, issueCommentPayload, pullRequestPayload } from './payloads.js';

const WEBHOOK_SECRET = 'webhook-secret-for-built-tests';
const REPORT_SECRET = 'report-secret-for-built-tests';
const INSTALLATION = 93;
const REPO = 'octo-lists/awesome-built';
const ENTRY = 'lib/app/index.js';
/** The parse budget of the server under test: far below what the bracket file needs. */
const BUDGET_MS = 1000;

let fake: FakeGitHub;
let proxy: GheProxy;
let child: ChildProcess;
let base: string;
let output = '';

function entry(title: string, path: string, date: string): string {
  return `- [${title}](http://127.0.0.51/${path}) | Lab Notes ${date}`;
}

function list(lines: string[]): string {
  return ['# Awesome built lists', '', '## Blogs', '', ...lines, ''].join('\n');
}

/** A repository whose config is a "billion laughs": 2^30 strings if its aliases were expanded. */
const BOMB_REPO = 'octo-lists/awesome-bomb';
const ALIAS_BOMB = [
  'a0: &a0 [lol, lol]',
  ...Array.from({ length: 30 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`),
  'files: *a30',
  '',
].join('\n');

const OLD = [entry('Scaling laws, revisited', 'scaling', '2023-01-05')];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the health route until the server answers (it starts in its own process). */
async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/listkeeper/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer:\n${output}`);
}

async function health(): Promise<{ jobs: number }> {
  return (await (await fetch(`${base}/listkeeper/health`)).json()) as { jobs: number };
}

/** Until the server's queue is empty: webhooks are answered after their jobs are queued. */
async function waitForIdle(): Promise<void> {
  while ((await health()).jobs > 0) await sleep(100);
}

let deliveries = 0;

async function postWebhook(name: string, payload: unknown, delivery = `built-${++deliveries}`): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${base}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': name,
      'x-github-delivery': delivery,
      'x-hub-signature-256': await sign(WEBHOOK_SECRET, body),
    },
    body,
  });
}

function openPull(branch: string, readme: string, fullName = REPO): { number: number; headSha: string; payload: Record<string, unknown> } {
  const pr = fake.seedPull({ repo: fullName, author: 'contributor', headBranch: branch, files: { 'README.md': readme } });
  const pull = fake.getPull(fullName, pr.number) as unknown as Record<string, unknown>;
  const [owner, repo] = fullName.split('/');
  const payload = pullRequestPayload({
    action: 'opened',
    owner,
    repo,
    number: pr.number,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    installationId: INSTALLATION,
    sender: { login: 'contributor' },
    pullRequest: pull,
  });
  return { number: pr.number, headSha: pr.headSha, payload };
}

/** Polls /health until the queue is empty: how often it answered during the job, and its slowest answer. */
async function healthUntilIdle(): Promise<{ answeredDuringJob: number; slowestMs: number }> {
  const slowest: number[] = [];
  let answeredDuringJob = 0;
  for (;;) {
    const started = performance.now();
    const { jobs } = await health();
    slowest.push(performance.now() - started);
    if (jobs === 0) break;
    answeredDuringJob += 1;
    await sleep(50);
  }
  return { answeredDuringJob, slowestMs: Math.max(...slowest) };
}

function runsAt(headSha: string): ReturnType<FakeGitHub['getCheckRuns']> {
  return fake.getCheckRuns(REPO).filter((r) => r.head_sha === headSha);
}

beforeAll(async () => {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
  fake = await FakeGitHub.start();
  fake.seedRepo({ repo: REPO, files: { 'README.md': list(OLD) } });
  fake.seedRepo({ repo: BOMB_REPO, files: { 'README.md': list(OLD), '.github/listkeeper.yml': ALIAS_BOMB } });
  fake.seedInstallation({ id: INSTALLATION, account: 'octo-lists', repos: [REPO, BOMB_REPO] });
  proxy = await startGheProxy(fake.url);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // `npm start` is `probot run ./lib/app/index.js`; only the variables a deployment sets.
  child = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', `./${ENTRY}`], {
    env: {
      // Probot's variables, then listkeeper's.
      PATH: process.env.PATH,
      APP_ID: String(APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: proxy.host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal',
      LISTKEEPER_REPORT_SECRET: REPORT_SECRET,
      LISTKEEPER_PARSE_BUDGET_MS: String(BUDGET_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitForServer();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await proxy?.close();
  await fake?.close();
});

describe('the built App (npm start)', () => {
  it('serves the report route with the secret from LISTKEEPER_REPORT_SECRET', async () => {
    const denied = await fetch(`${base}/listkeeper/report`, { method: 'POST', headers: { authorization: 'Bearer wrong' }, body: '{}' });
    expect(denied.status).toBe(401);
    const res = await fetch(`${base}/listkeeper/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REPORT_SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'octo-lists', repo: 'awesome-built' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: [REPO] });
    await waitForIdle();
  });

  it('checks a pull request in its worker: a completed check run with the date-format error on the new line', async () => {
    const pr = openPull('add-post', list([...OLD, entry('Why RLHF works', 'rlhf', '2023-3-04')]));
    expect((await postWebhook('pull_request', pr.payload)).status).toBe(200);
    await waitForIdle();

    const runs = runsAt(pr.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0].output).toMatchObject({ title: "1 error, 0 warnings" });
    expect(runs[0]).toMatchObject({ name: 'listkeeper', status: 'completed', conclusion: 'failure' });
    expect(runs[0].annotations).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'README.md', start_line: 6, title: 'listkeeper: date-format' })]),
    );
  });

  it('handles a redelivered webhook once, and checks again on "Re-run" (check_run.rerequested) and "Re-run all checks" (check_suite.rerequested)', async () => {
    const pr = openPull('another-post', list([...OLD, entry('Sparse attention', 'sparse', '2023-02-10')]));
    expect((await postWebhook('pull_request', pr.payload, 'built-same-delivery')).status).toBe(200);
    expect((await postWebhook('pull_request', pr.payload, 'built-same-delivery')).status).toBe(200);
    await waitForIdle();
    expect(runsAt(pr.headSha)).toHaveLength(1);

    const [owner, repo] = REPO.split('/');
    const at = { owner, repo, installationId: INSTALLATION, headSha: pr.headSha, pullNumbers: [pr.number] };
    expect((await postWebhook('check_run', checkRunRerequestedPayload({ ...at, name: 'listkeeper' }))).status).toBe(200);
    await waitForIdle();
    expect(runsAt(pr.headSha)).toHaveLength(2);
    expect((await postWebhook('check_suite', checkSuiteRerequestedPayload(at))).status).toBe(200);
    await waitForIdle();
    const runs = runsAt(pr.headSha);
    expect(runs).toHaveLength(3);
    expect(runs.map((r) => [r.status, r.conclusion])).toEqual([
      ['completed', 'success'],
      ['completed', 'success'],
      ['completed', 'success'],
    ]);
  });

  it(`fails a pull request too complex to parse within the budget ("too complex to check within 1 s") and keeps answering /health within 1 s meanwhile`, async () => {
    // Nested brackets: remark's parse time grows with their square (tens of seconds here).
    const bomb = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const pr = openPull('brackets', list([...OLD, bomb]));
    expect((await postWebhook('pull_request', pr.payload)).status).toBe(200);

    const { answeredDuringJob, slowestMs } = await healthUntilIdle();
    expect(answeredDuringJob).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1000);

    const runs = runsAt(pr.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Too complex to check' } });
    expect(runs[0].output.summary).toContain('too complex to check within 1 s');
  }, 60_000);

  it(`answers /sort on a pull request too complex to parse with "too complex to check within 1 s", pushes nothing, and keeps answering /health meanwhile`, async () => {
    const bomb = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const pr = openPull('brackets-sort', list([entry('Newer', 'newer', '2023-01-01'), ...OLD, bomb]));
    // The repository's owner (admin) asks; only the comment is delivered, so this is the command's job alone.
    const asked = fake.seedComment({ repo: REPO, issue: pr.number, author: 'octo-lists', body: '/sort' });
    const [owner, repo] = REPO.split('/');
    const payload = issueCommentPayload({ owner, repo, number: pr.number, installationId: INSTALLATION, comment: asked as unknown as { id: number; body: string }, sender: { login: 'octo-lists' } });
    expect((await postWebhook('issue_comment', payload)).status).toBe(200);

    const { answeredDuringJob, slowestMs } = await healthUntilIdle();
    expect(answeredDuringJob).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1000);

    const replies = fake.getComments(REPO, pr.number).filter((c) => c.id !== asked.id);
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toContain('`/sort` stopped: the list files of this pull request are too complex to check within 1 s.');
    expect(fake.getReactions(Number(asked.id))).toContain('confused');
    expect(fake.getPull(REPO, pr.number).head.sha).toBe(pr.headSha);
  }, 60_000);

  it('fails the check run and answers /sort with the one-line config error for an alias bomb in .github/listkeeper.yml, and keeps answering /health', async () => {
    const pr = openPull('bomb-post', list([...OLD, entry('Why RLHF works', 'rlhf', '2023-03-04')]), BOMB_REPO);
    expect((await postWebhook('pull_request', pr.payload)).status).toBe(200);
    const asked = fake.seedComment({ repo: BOMB_REPO, issue: pr.number, author: 'octo-lists', body: '/sort' });
    const [owner, repo] = BOMB_REPO.split('/');
    const payload = issueCommentPayload({ owner, repo, number: pr.number, installationId: INSTALLATION, comment: asked as unknown as { id: number; body: string }, sender: { login: 'octo-lists' } });
    expect((await postWebhook('issue_comment', payload)).status).toBe(200);
    const { slowestMs } = await healthUntilIdle();
    expect(slowestMs).toBeLessThan(1000);

    const error = '.github/listkeeper.yml:2: the YAML expands aliases (*name) more than 100 times';
    const runs = fake.getCheckRuns(BOMB_REPO).filter((r) => r.head_sha === pr.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Invalid listkeeper configuration' } });
    expect(runs[0].output.summary?.split('\n')[0]).toBe(error);
    const replies = fake.getComments(BOMB_REPO, pr.number).filter((c) => c.id !== asked.id);
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toContain(`\`${error}\``);
  }, 60_000);
});
