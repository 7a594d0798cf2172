/**
 * The App on `issue_comment` and on the report route, with GitHub mocked by
 * nock: what the App itself decides (which comments become jobs, the config
 * error reply, the report's repository lookup) and that the rest goes to the
 * shared workflows. The full command and report flows run end to end in
 * e2e.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { JobQueue } from '../../src/app/jobs.js';
import type { RouteHandler } from '../../src/app/routes.js';
import { COMMAND_REPLY_MARKER } from '../../src/github/markers.js';
import { capture, APP_LINKS, OWNER, REPO, REPO_PATH, type Json } from '../github/helpers.js';
import { API, assertNetworkClean, closeNetwork, deliver, INSTALLATION_ID, mockConfig, mockIdentity, mockInstallationToken, mockNoConfig, testProbot } from './harness.js';
import { issueCommentPayload, type Actor } from './payloads.js';

const SECRET = 'route-secret';

let errors: string[];
let jobs: JobQueue;
let routes: RouteHandler[];
let server: Server | null;

beforeEach(() => {
  closeNetwork();
  nock.enableNetConnect('127.0.0.1');
  errors = [];
  routes = [];
  server = null;
  jobs = new JobQueue({ onError: (_lane, key, error) => errors.push(`${key}: ${String(error)}`) });
});

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  assertNetworkClean();
});

async function app(): Promise<Probot> {
  const probot = testProbot();
  const appFn = createApp({ jobs, linkOptions: APP_LINKS, reportSecret: SECRET, now: () => new Date('2024-06-01T12:00:00Z') });
  await probot.load(appFn, { cwd: process.cwd(), addHandler: (handler) => routes.push(handler as RouteHandler) });
  return probot;
}

function comment(body: string, sender: Actor = { login: 'maint' }): Json {
  return issueCommentPayload({
    owner: OWNER,
    repo: REPO,
    number: 7,
    installationId: INSTALLATION_ID,
    comment: { id: 555, body },
    sender,
  });
}

/** The App's routes on a loopback server, as Probot's server would serve them. */
async function serveRoutes(): Promise<string> {
  server = createServer((req, res) => {
    void (async () => {
      for (const route of routes) if (await route(req, res)) return;
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('issue_comment', () => {
  it('makes no job and no request for comments that are not commands, for bots, or for malformed payloads', async () => {
    const probot = await app();
    await deliver(probot, 'issue_comment', comment('Looks good to me!\n/sort'));
    await deliver(probot, 'issue_comment', comment('/sort', { login: 'listkeeper[bot]', type: 'Bot' }));
    await deliver(probot, 'issue_comment', comment('/fix', { login: 'renovate[bot]', type: 'Bot' }));
    const broken = comment('/sort');
    delete (broken.comment as Json).id;
    await deliver(probot, 'issue_comment', broken);
    await deliver(probot, 'issue_comment', { action: 'created', comment: { body: '/sort' } });
    expect(jobs.size).toBe(0);
    await jobs.idle();
    expect(errors).toEqual([]);
  });

  it('answers a command with 😕 and the one-line error when the config is invalid, and runs nothing', async () => {
    const probot = await app();
    mockInstallationToken();
    mockIdentity();
    mockConfig('sort:\n  order: sideways\n');
    const reaction = capture();
    nock(API).post(`${REPO_PATH}/issues/comments/555/reactions`, reaction.match).reply(201, { id: 1, content: 'confused' });
    const reply = capture();
    nock(API).post(`${REPO_PATH}/issues/7/comments`, reply.match).reply(201, { id: 556 });

    await deliver(probot, 'issue_comment', comment('/sort'));
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(reaction.json).toEqual({ content: 'confused' });
    expect(reply.text.startsWith(COMMAND_REPLY_MARKER)).toBe(true);
    expect(reply.text).toContain('`.github/listkeeper.yml: "sort.order" must be one of auto, asc, desc`');
  });

  it('hands a valid command to the shared workflow, which refuses a stranger politely', async () => {
    const probot = await app();
    mockInstallationToken();
    mockIdentity();
    mockNoConfig();
    nock(API)
      .get(`${REPO_PATH}/collaborators/stranger/permission`)
      .reply(200, { permission: 'read', role_name: 'read', user: { login: 'stranger' } });
    const reply = capture();
    nock(API).post(`${REPO_PATH}/issues/7/comments`, reply.match).reply(201, { id: 557 });

    await deliver(probot, 'issue_comment', comment('/sort', { login: 'stranger' }));
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(reply.text).toContain('@stranger');
    expect(reply.text).toContain('can only be run by');
  });
});

describe('report route', () => {
  it('runs the report of one repository after answering 202; a repository without the configured files gets no issue', async () => {
    await app();
    const base = await serveRoutes();
    nock(API).get(`${REPO_PATH}/installation`).reply(200, { id: INSTALLATION_ID, account: { login: OWNER } });
    mockInstallationToken();
    mockIdentity();
    nock(API).get(REPO_PATH).reply(200, { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, default_branch: 'trunk', archived: false });
    mockConfig('files: [lists/*.md]\n');
    nock(API).get(`${REPO_PATH}/git/ref/heads%2Ftrunk`).reply(200, { ref: 'refs/heads/trunk', object: { sha: 'c'.repeat(40), type: 'commit' } });
    nock(API)
      .get(`${REPO_PATH}/git/trees/${'c'.repeat(40)}`)
      .query({ recursive: 'true' })
      .reply(200, { sha: 'c'.repeat(40), truncated: false, tree: [{ path: 'README.md', type: 'blob', sha: 'd'.repeat(40), mode: '100644' }] });
    // Whether the shared report looks for its issue when no list exists is its own business.
    nock(API).get(`${REPO_PATH}/issues`).query(true).optionally().reply(200, []);

    const res = await fetch(`${base}/listkeeper/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ owner: OWNER, repo: REPO }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: [`${OWNER}/${REPO}`] });
    await jobs.idle();
    // Nothing was written: no issue for a repository whose lists do not exist (nock fails on any other request).
    expect(errors).toEqual([]);
  });

  it('answers 404 when the App is not installed on the repository, and queues nothing', async () => {
    await app();
    const base = await serveRoutes();
    nock(API).get('/repos/someone/elsewhere/installation').reply(404, { message: 'Not Found' });
    const res = await fetch(`${base}/listkeeper/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ owner: 'someone', repo: 'elsewhere' }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'the App is not installed on someone/elsewhere' });
    expect(jobs.size).toBe(0);
  });

  it('answers 502 when GitHub fails while listing installations', async () => {
    await app();
    const base = await serveRoutes();
    nock(API).get('/app/installations').query(true).reply(500, { message: 'Server Error' });
    const res = await fetch(`${base}/listkeeper/report`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toContain('HTTP 500');
    expect(jobs.size).toBe(0);
  });
});
