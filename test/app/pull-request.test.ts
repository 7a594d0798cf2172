/**
 * The App on `pull_request` events, with GitHub mocked by nock (Probot's
 * documented way): the check run, its annotations in batches of 50, the
 * sticky comment and suggestions from the shared workflow, the config, and
 * the bad cases (invalid or missing config, no list files, a file too large
 * for the contents API, GitHub failing, malformed payloads, own events).
 */
import nock from 'nock';
import type { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/index.js';
import { JobQueue } from '../../src/app/jobs.js';
import { PR_CHECK_MARKER } from '../../src/github/markers.js';
import type { PageMetadataReader } from '../../src/links/metadata/types.js';
import { capture, contentsReply, APP_LINKS, OWNER, REPO, REPO_PATH, startLinkServer, type Json, type LinkServer } from '../github/helpers.js';
import {
  API,
  assertNetworkClean,
  closeNetwork,
  deliver,
  INSTALLATION_ID,
  mockConfig,
  mockIdentity,
  mockInstallationToken,
  mockNoConfig,
  testProbot,
  type ProbotTestOptions,
} from './harness.js';
import { checkRunRerequestedPayload, checkSuiteRerequestedPayload, pullRequestPayload, type Actor } from './payloads.js';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);

let links: LinkServer;
let errors: string[];
let jobs: JobQueue;

beforeEach(async () => {
  closeNetwork();
  nock.enableNetConnect(/^127\.0\.0\.\d+/);
  links = await startLinkServer('127.0.0.31');
  errors = [];
  jobs = new JobQueue({ onError: (_lane, key, error) => errors.push(`${key}: ${String(error)}`) });
});

afterEach(async () => {
  await links.close();
  assertNetworkClean();
});

async function app(options: ProbotTestOptions = {}, readPage?: PageMetadataReader): Promise<Probot> {
  const probot = testProbot(options);
  const appFn = createApp({
    jobs,
    now: () => new Date('2024-06-01T12:00:00Z'),
    linkOptions: APP_LINKS,
    secondaryRateLimit: { msPerSecond: 1 },
    ...(readPage ? { readPage } : {}),
  });
  await probot.load(appFn, { cwd: process.cwd(), addHandler: () => undefined });
  return probot;
}

function prEvent(sender?: Actor, action: 'opened' | 'synchronize' = 'opened'): Json {
  return pullRequestPayload({ action, owner: OWNER, repo: REPO, number: 7, headSha: HEAD, baseSha: BASE, installationId: INSTALLATION_ID, sender });
}

/** Every job starts the same way: an installation token, the App's identity, then the check run. */
function mockCheckRunStart(patches = 1): ReturnType<typeof mockCheckRun> {
  mockInstallationToken();
  mockIdentity();
  return mockCheckRun(patches);
}

/** POST check-runs and every PATCH after it, recorded in order. */
function mockCheckRun(patches = 1): { created: Json[]; updates: Json[] } {
  const seen = { created: [] as Json[], updates: [] as Json[] };
  nock(API)
    .post(`${REPO_PATH}/check-runs`, (body: Json) => (seen.created.push(body), true))
    .reply(201, { id: 9001, name: 'listkeeper', head_sha: HEAD, status: 'in_progress' });
  nock(API)
    .patch(`${REPO_PATH}/check-runs/9001`, (body: Json) => (seen.updates.push(body), true))
    .times(patches)
    .reply(200, { id: 9001 });
  return seen;
}

function mockPull(files: Json[], headSha = HEAD): void {
  nock(API)
    .get(`${REPO_PATH}/pulls/7`)
    .reply(200, { number: 7, state: 'open', user: { login: 'contributor' }, head: { sha: headSha, ref: 'add', repo: { full_name: `${OWNER}/${REPO}` } }, base: { sha: BASE, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } } });
  nock(API).get(`${REPO_PATH}/pulls/7/files`).query({ per_page: 100 }).reply(200, files);
}

/** `n` new entries, each with an unpadded month (a date-format error with a fix), in date order. */
function badEntries(n: number, origin: string): string[] {
  return Array.from({ length: n }, (_, i) => {
    const month = 1 + Math.floor(i / 28);
    const day = String(1 + (i % 28)).padStart(2, '0');
    return `- [Post number ${i + 1}](${origin}/post/${i + 1}) | Lab Notes 2023-${month}-${day}`;
  });
}

function listWith(entries: string[]): string {
  return ['# Awesome LLM reading', '', '## Blogs', '', ...entries, ''].join('\n');
}

function patchAdding(entries: string[], firstLine = 5): string {
  return [`@@ -${firstLine - 1},1 +${firstLine - 1},${entries.length + 1} @@`, ' ', ...entries.map((e) => `+${e}`)].join('\n');
}

function pendingPatches(seen: { updates: Json[] }): void {
  // The last update completes the run; everything before only adds annotations.
  for (const u of seen.updates.slice(0, -1)) expect(u.status).toBeUndefined();
}

describe('pull_request → check run', () => {
  it('answers the webhook before the work, then completes the run with 120 annotations sent 50 at a time, the sticky comment and 50 suggestions', async () => {
    const probot = await app();
    const entries = badEntries(120, links.origin);
    const text = listWith(entries);
    const run = mockCheckRunStart(3);
    mockNoConfig();
    mockPull([{ filename: 'README.md', status: 'modified', patch: patchAdding(entries) }]);
    nock(API).get(`${REPO_PATH}/contents/README.md`).query({ ref: HEAD }).reply(200, contentsReply('README.md', text));
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const comment = capture();
    nock(API).post(`${REPO_PATH}/issues/7/comments`, comment.match).reply(201, { id: 501, html_url: 'https://github.com/c/501', body: '' });
    // Listed before posting, and again after (a run racing this one may have posted the same suggestions).
    nock(API).get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    nock(API).post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 3 });

    await deliver(probot, 'pull_request', prEvent());
    expect(jobs.size).toBe(1); // acknowledged; the check still runs
    await jobs.idle();
    expect(errors).toEqual([]);

    expect(run.created).toHaveLength(1);
    expect(run.created[0]).toMatchObject({ name: 'listkeeper', head_sha: HEAD, status: 'in_progress' });
    const batches = run.updates.map((u) => ((u.output as Json).annotations ?? []) as Json[]);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    pendingPatches(run);
    const last = run.updates.at(-1) as Json;
    expect(last).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect((last.output as Json).title).toBe('120 errors, 0 warnings');
    expect(String((last.output as Json).summary)).toContain('date-format');
    const all = batches.flat();
    expect(new Set(all.map((a) => a.start_line)).size).toBe(120);
    expect(all[0]).toMatchObject({ path: 'README.md', start_line: 5, end_line: 5, annotation_level: 'failure', title: 'listkeeper: date-format' });
    // Defaults apply without a config: README.md is the list.
    expect(comment.text.startsWith(PR_CHECK_MARKER)).toBe(true);
    // 120 fixable lines: one review of 50 suggestions that says /fix does the rest.
    expect((review.json.comments as Json[]).length).toBe(50);
    expect(review.text).toMatch(/left out 70 more .*Comment `\/fix`/);
    expect(review.json.commit_id).toBe(HEAD);
  });

  it('reads the pages of the new entries with the reader it was given: a wrong date is a warning annotation and a suggestion', async () => {
    const asked: string[] = [];
    const readPage: PageMetadataReader = async (url) => {
      asked.push(url);
      return {
        ok: true,
        metadata: { url, finalUrl: url, site: 'generic', title: null, source: null, identity: null, published: { value: { value: '2023-01-20' }, from: 'JSON-LD Article.datePublished' } },
      };
    };
    const probot = await app({}, readPage);
    const entry = `- [Post number 1](${links.origin}/post/1) | Lab Notes 2023-01-10`;
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([{ filename: 'README.md', status: 'modified', patch: patchAdding([entry]) }]);
    nock(API).get(`${REPO_PATH}/contents/README.md`).query({ ref: HEAD }).reply(200, contentsReply('README.md', listWith([entry])));
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    nock(API).post(`${REPO_PATH}/issues/7/comments`).reply(201, { id: 501, html_url: 'https://github.com/c/501', body: '' });
    nock(API).get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    nock(API).post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 3 });

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();
    expect(errors).toEqual([]);
    expect(asked).toEqual([`${links.origin}/post/1`]);
    const last = run.updates.at(-1) as Json;
    const annotations = (last.output as Json).annotations as Json[];
    expect(annotations).toEqual([expect.objectContaining({ start_line: 5, annotation_level: 'warning', title: 'listkeeper: entry-metadata' })]);
    expect(String((review.json.comments as Json[])[0].body)).toContain(`\`\`\`suggestion\n${entry.replace('2023-01-10', '2023-01-20')}\n\`\`\``);
  });

  it('fails the check run with the one-line config error and does nothing else', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockConfig('files: README.md\nrules:\n  sort-order: sometimes\n');

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.updates).toHaveLength(1);
    expect(run.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Invalid listkeeper configuration' } });
    const summary = String((run.updates[0].output as Json).summary);
    expect(summary.split('\n')[0]).toMatch(/^\.github\/listkeeper\.yml: "(files|rules\.sort-order)" must be /);
  });

  it('passes when the PR touches none of the configured files', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockConfig('files: [lists/*.md]\n');
    mockPull([{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }]);
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    await deliver(probot, 'pull_request', prEvent(undefined, 'synchronize'));
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.updates).toHaveLength(1);
    expect(run.updates[0]).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No list files changed' } });
    expect((run.updates[0].output as Json).annotations).toBeUndefined();
  });

  it('reads a list too large for the contents API through the blob API', async () => {
    const probot = await app();
    const entries = [`- [Good post](${links.origin}/fine) | Lab Notes 2023-01-05`];
    const text = listWith(entries) + `<!-- ${'x'.repeat(2000)} -->\n`;
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([{ filename: 'README.md', status: 'modified', patch: patchAdding(entries) }]);
    nock(API)
      .get(`${REPO_PATH}/contents/README.md`)
      .query({ ref: HEAD })
      .reply(200, { type: 'file', encoding: 'none', content: '', path: 'README.md', name: 'README.md', sha: 'big-blob', size: 1_500_000 });
    nock(API)
      .get(`${REPO_PATH}/git/blobs/big-blob`)
      .reply(200, { sha: 'big-blob', size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') });
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'All clear' } });
    expect(links.hits).toEqual(expect.arrayContaining([expect.stringContaining('/fine')]));
  });

  it('says "superseded" when the PR head moved while the check waited', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([], 'c'.repeat(40));
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();

    expect(run.updates.at(-1)).toMatchObject({ conclusion: 'neutral', output: { title: 'Superseded by a newer commit' } });
  });

  it('never leaves the run in progress when GitHub fails: completed as failure, error logged', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockNoConfig();
    nock(API).get(`${REPO_PATH}/pulls/7`).reply(500, { message: 'Server Error' });

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('pull#7');
    expect(run.updates).toHaveLength(1);
    expect(run.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'listkeeper could not check this pull request' } });
    expect(String((run.updates[0].output as Json).summary)).toContain('HTTP 500');
  });
});

describe('check_run.rerequested ("Re-run")', () => {
  it('checks the pull request again at the run\'s commit', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([]);
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    const payload = { owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, headSha: HEAD, pullNumbers: [7] };
    await deliver(probot, 'check_run', checkRunRerequestedPayload({ ...payload, name: 'listkeeper' }));
    await deliver(probot, 'check_run', checkRunRerequestedPayload({ ...payload, name: 'other-ci' }));
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.created).toEqual([expect.objectContaining({ name: 'listkeeper', head_sha: HEAD })]);
    expect(run.updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});

describe('check_suite.rerequested ("Re-run all checks")', () => {
  it('checks each pull request of the suite again at the suite\'s commit', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([]);
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    await deliver(probot, 'check_suite', checkSuiteRerequestedPayload({ owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, headSha: HEAD, pullNumbers: [7] }));
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.created).toEqual([expect.objectContaining({ name: 'listkeeper', head_sha: HEAD })]);
    expect(run.updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});

describe('webhook redeliveries', () => {
  it('handles a delivery once: the same X-GitHub-Delivery again makes no second check run', async () => {
    const probot = await app();
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([]);
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    await deliver(probot, 'pull_request', prEvent(), 'delivery-redelivered');
    await jobs.idle();
    await deliver(probot, 'pull_request', prEvent(), 'delivery-redelivered');
    await jobs.idle();

    expect(errors).toEqual([]);
    // A second run would POST check-runs again, which nock records as unexpected (afterEach).
    expect(run.created).toHaveLength(1);
  });
});

describe('size limit of a pull request\'s files', () => {
  it('refuses a list file over 4 MB by the size the API reports, without fetching its blob', async () => {
    const probot = await app();
    const entries = [`- [Good post](${links.origin}/fine) | Lab Notes 2023-01-05`];
    const run = mockCheckRunStart();
    mockNoConfig();
    mockPull([{ filename: 'README.md', status: 'modified', patch: patchAdding(entries) }]);
    // What the contents API answers for a file over 1 MB: no content, its size; the blob is not mocked.
    nock(API)
      .get(`${REPO_PATH}/contents/README.md`)
      .query({ ref: HEAD })
      .reply(200, { type: 'file', encoding: 'none', content: '', size: 90 * 1024 * 1024, name: 'README.md', path: 'README.md', sha: 'c'.repeat(40) });
    // The sticky comment: looked up, posted, and looked up again for a racing run's copy.
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    nock(API).post(`${REPO_PATH}/issues/7/comments`).reply(201, { id: 502, html_url: 'https://github.com/c/502', body: '' });

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.updates.at(-1)?.output).toMatchObject({ summary: expect.stringContaining('README.md: the file is too large (90 MB; the limit is 4.0 MB)') });
  });
});

describe('GitHub failing for a while', () => {
  it('retries a 5xx and waits out a secondary rate limit (retry and throttling on), then completes the run', async () => {
    const probot = await app({ retry: true, throttle: true });
    const entries = [`- [Good post](${links.origin}/fine) | Lab Notes 2023-01-05`];
    const run = mockCheckRunStart();
    mockNoConfig();
    nock(API).get(`${REPO_PATH}/pulls/7`).reply(502, { message: 'Bad Gateway' });
    nock(API)
      .get(`${REPO_PATH}/pulls/7/files`)
      .query({ per_page: 100 })
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' });
    mockPull([{ filename: 'README.md', status: 'modified', patch: patchAdding(entries) }]);
    nock(API).get(`${REPO_PATH}/contents/README.md`).query({ ref: HEAD }).reply(200, contentsReply('README.md', listWith(entries)));
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);

    await deliver(probot, 'pull_request', prEvent());
    await jobs.idle();

    expect(errors).toEqual([]);
    expect(run.updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});

describe('events the App must not act on', () => {
  it('ignores a malformed payload without any request', async () => {
    const probot = await app();
    const payload = prEvent();
    delete (payload.pull_request as Json).head;
    await deliver(probot, 'pull_request', payload);
    await deliver(probot, 'pull_request', { action: 'opened', installation: { id: INSTALLATION_ID } });
    await jobs.idle();
    expect(jobs.size).toBe(0);
    expect(errors).toEqual([]);
  });

  it('ignores its own pushes (sender is the App bot) and serves other bots', async () => {
    const probot = await app();
    mockIdentity();
    await deliver(probot, 'pull_request', prEvent({ login: 'listkeeper[bot]', type: 'Bot' }, 'synchronize'));
    await jobs.idle();
    expect(errors).toEqual([]);
    assertNetworkClean(); // only GET /app was asked

    mockInstallationToken();
    const run = mockCheckRun();
    mockNoConfig();
    mockPull([]);
    nock(API).get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);
    await deliver(probot, 'pull_request', prEvent({ login: 'dependabot[bot]', type: 'Bot' }, 'synchronize'));
    await jobs.idle();
    expect(run.updates.at(-1)).toMatchObject({ conclusion: 'success' });
  });
});
