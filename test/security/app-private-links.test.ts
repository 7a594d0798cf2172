/**
 * The App always refuses private addresses: a stranger's pull request must not make it request
 * its own network (cloud metadata, an admin page). Its options cannot switch that off; this
 * test gives it no `allowAddress`, so the loopback link server stands for an internal host.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { JobQueue } from '../../src/app/jobs.js';
import { FAST_LINKS, OWNER, REPO, REPO_PATH, startLinkServer, type Json, type LinkServer } from '../github/helpers.js';
import { API, assertNetworkClean, closeNetwork, deliver, INSTALLATION_ID, mockIdentity, mockInstallationToken, mockNoConfig, testProbot } from '../app/harness.js';
import { pullRequestPayload } from '../app/payloads.js';

const HEAD = 'c'.repeat(40);
const BASE = 'd'.repeat(40);

let internal: LinkServer;
let errors: string[];
let jobs: JobQueue;

beforeEach(async () => {
  closeNetwork();
  nock.enableNetConnect(/^127\.0\.0\.\d+/);
  internal = await startLinkServer('127.0.0.58');
  errors = [];
  jobs = new JobQueue({ onError: (_lane, key, error) => errors.push(`${key}: ${String(error)}`) });
});

afterEach(async () => {
  await internal.close();
  assertNetworkClean();
});

describe('the App and private addresses', () => {
  it('does not request a link to an internal address that a pull request adds', async () => {
    const probot = testProbot();
    await probot.load(createApp({ jobs, now: () => new Date('2024-06-01T12:00:00Z'), linkOptions: FAST_LINKS, secondaryRateLimit: { msPerSecond: 1 } }), {
      cwd: process.cwd(),
      addHandler: () => undefined,
    });
    // `/gone…` answers 404 on the link server: checked, this link would fail the run as dead.
    const entry = `- [Metadata](${internal.origin}/gone/latest/meta-data/) | Lab Notes 2023-01-05`;
    const text = ['# Awesome LLM reading', '', '## Blogs', '', entry, ''].join('\n');
    const updates: Json[] = [];
    mockInstallationToken();
    mockIdentity();
    nock(API).post(`${REPO_PATH}/check-runs`).reply(201, { id: 9002, name: 'listkeeper', head_sha: HEAD, status: 'in_progress' });
    nock(API)
      .patch(`${REPO_PATH}/check-runs/9002`, (body: Json) => (updates.push(body), true))
      .reply(200, { id: 9002 });
    mockNoConfig();
    nock(API)
      .get(`${REPO_PATH}/pulls/7`)
      .reply(200, { number: 7, state: 'open', user: { login: 'stranger' }, head: { sha: HEAD, ref: 'add', repo: { full_name: `${OWNER}/${REPO}` } }, base: { sha: BASE, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } } });
    nock(API).get(`${REPO_PATH}/pulls/7/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified', patch: `@@ -4,1 +4,2 @@\n \n+${entry}` }]);
    nock(API).get(`${REPO_PATH}/contents/README.md`).query({ ref: HEAD }).reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64'), path: 'README.md', name: 'README.md', sha: 'x', size: text.length });
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    const payload = pullRequestPayload({ action: 'opened', owner: OWNER, repo: REPO, number: 7, headSha: HEAD, baseSha: BASE, installationId: INSTALLATION_ID, sender: { login: 'stranger' } });
    await deliver(probot, 'pull_request', payload);
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(internal.hits).toEqual([]);
    expect(updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(JSON.stringify(updates)).not.toContain('404');
  });
});
