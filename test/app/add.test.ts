/**
 * The App on a labelled "Suggest an article" issue: the webhook becomes a job,
 * the shared `/add` workflow plans the entry in the parsing worker and opens
 * the pull request; the page is read under the App's link rules (private
 * addresses refused: only this test's loopback server is let through).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { Probot } from 'probot';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../../src/app/index.js';
import { JobQueue } from '../../src/app/jobs.js';
import { addBranchName } from '../../src/github/commands/add/add.js';
import { APP_LINKS, capture, contentsReply, FAST_LINKS, OWNER, REPO, REPO_PATH } from '../github/helpers.js';
import { API, assertNetworkClean, closeNetwork, deliver, INSTALLATION_ID, mockIdentity, mockInstallationToken, mockNoConfig, testProbot } from './harness.js';
import { issueLabeledPayload, type Actor } from './payloads.js';

const HOST = '127.0.0.92';
let origin = '';
let page: Server;

beforeAll(async () => {
  page = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      [
        '<!doctype html><html><head><meta charset="utf-8">',
        '<meta property="og:title" content="大模型对齐：从 RLHF 到 DPO">',
        '<meta property="og:site_name" content="AINLP">',
        '<meta property="article:published_time" content="2023-01-12T20:00:00+08:00">',
        '</head><body><h1>大模型对齐：从 RLHF 到 DPO</h1></body></html>',
      ].join('\n'),
    );
  });
  await new Promise<void>((resolve) => page.listen(0, HOST, resolve));
  origin = `http://${HOST}:${(page.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => page.close(() => resolve())));

let errors: string[];
let jobs: JobQueue;

beforeEach(() => {
  closeNetwork();
  nock.enableNetConnect(/^127\.0\.0\.92/);
  errors = [];
  jobs = new JobQueue({ onError: (_lane, key, error) => errors.push(`${key}: ${String(error)}`) });
});
afterEach(() => assertNetworkClean());

async function app(linkOptions: AppOptions['linkOptions'] = APP_LINKS): Promise<Probot> {
  const probot = testProbot();
  await probot.load(createApp({ jobs, linkOptions, now: () => new Date('2024-06-01T12:00:00Z') }), { cwd: process.cwd(), addHandler: () => undefined });
  return probot;
}

const LIST = ['# Reading', '', '## Alignment', '', '- [RLHF explained](https://example.org/rlhf) | Lab Notes 2023-01-05', '- [Reward models](https://example.org/rm) | NLP Daily 2023-01-20', ''].join('\n');

function labeled(url: string, o: { label?: string; sender?: Actor; onPullRequest?: boolean } = {}) {
  return issueLabeledPayload({
    owner: OWNER,
    repo: REPO,
    number: 40,
    installationId: INSTALLATION_ID,
    body: `### URL\n\n${url}\n\n### List path\n\nAlignment\n`,
    label: o.label ?? 'add-entry',
    sender: o.sender ?? { login: 'maint' },
    onPullRequest: o.onPullRequest ?? false,
  });
}

/** Up to the page read: token, identity, config, permission, 👀, the default branch's list. */
function mockUntilPage(): void {
  mockInstallationToken();
  mockIdentity();
  mockNoConfig();
  nock(API).get(`${REPO_PATH}/collaborators/maint/permission`).reply(200, { permission: 'write', role_name: 'write', user: { login: 'maint' } });
  nock(API).post(`${REPO_PATH}/issues/40/reactions`, { content: 'eyes' }).reply(201, {});
  nock(API).get(`${REPO_PATH}/git/ref/heads%2Fmain`).reply(200, { ref: 'refs/heads/main', object: { sha: 'main-sha', type: 'commit' } });
  nock(API).get(`${REPO_PATH}/git/trees/main-sha`).query({ recursive: 'true' }).reply(200, { sha: 't', truncated: false, tree: [{ path: 'README.md', type: 'blob', sha: 'b1' }] });
  nock(API).get(`${REPO_PATH}/contents/README.md`).query({ ref: 'main-sha' }).reply(200, contentsReply('README.md', LIST));
}

describe('App: a labelled suggestion issue', () => {
  it('opens the pull request that adds the entry, planned in the worker, and replies on the issue', async () => {
    const probot = await app();
    const url = `${origin}/s/dpo`;
    const branch = addBranchName(url);
    mockUntilPage();
    const blob = capture();
    nock(API).get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { sha: 'main-sha', tree: { sha: 'tree-main' }, parents: [] });
    nock(API).post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'blob-new' });
    nock(API).post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-added' });
    nock(API).get(`${REPO_PATH}/git/ref/${encodeURIComponent(`heads/${branch}`)}`).reply(404, { message: 'Not Found' });
    nock(API).post(`${REPO_PATH}/git/commits`).reply(201, { sha: 'add-commit' });
    nock(API).post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${branch}`, sha: 'add-commit' }).reply(201, {});
    nock(API).get(`${REPO_PATH}/pulls`).query(true).times(2).reply(200, []);
    const pr = capture();
    nock(API).post(`${REPO_PATH}/pulls`, pr.match).reply(201, { number: 41, html_url: 'u', title: 't', body: 'b' });
    nock(API).post(`${REPO_PATH}/issues/40/reactions`, { content: 'rocket' }).reply(201, {});
    const reply = capture();
    nock(API).post(`${REPO_PATH}/issues/40/comments`, reply.match).reply(201, { id: 1 });

    await deliver(probot, 'issues', labeled(url));
    await jobs.idle();

    expect(errors).toEqual([]);
    const written = Buffer.from(String(blob.json.content), 'base64').toString('utf8').split('\n');
    expect(written[5]).toBe(`- [大模型对齐：从 RLHF 到 DPO](${url}) | AINLP 2023-01-12`);
    expect(pr.json).toMatchObject({ head: branch, base: 'main', title: 'Add 大模型对齐：从 RLHF 到 DPO' });
    expect(pr.text).toContain('Closes #40.');
    expect(reply.text).toContain('Opened #41');
  });

  it('reads no page at a private address unless the server allows it: the reply says the page could not be read', async () => {
    const probot = await app(FAST_LINKS);
    mockUntilPage();
    nock(API).post(`${REPO_PATH}/issues/40/reactions`, { content: 'confused' }).reply(201, {});
    const reply = capture();
    nock(API).post(`${REPO_PATH}/issues/40/comments`, reply.match).reply(201, { id: 1 });

    await deliver(probot, 'issues', labeled(`${origin}/s/dpo`));
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(reply.text).toContain('The page could not be read');
  });

  it('ignores labels put on by bots and labels on pull requests without a request to GitHub', async () => {
    const probot = await app();
    await deliver(probot, 'issues', labeled(`${origin}/s/dpo`, { sender: { login: 'renovate[bot]', type: 'Bot' } }));
    await deliver(probot, 'issues', labeled(`${origin}/s/dpo`, { onPullRequest: true }));
    await jobs.idle();
    expect(errors).toEqual([]);
  });
});
