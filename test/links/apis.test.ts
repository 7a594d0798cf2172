/** GitHub repository links through the REST API, and Wayback suggestions, with nock standing in for both APIs. */
import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../src/links/check.js';
import { githubRepoOf } from '../../src/links/github.js';
import { closeAll, FAST, startHost, targetsFor } from './servers.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.\d+/);
});
afterEach(async () => {
  nock.cleanAll();
  await closeAll();
});
afterAll(() => nock.enableNetConnect());

const TOKEN = 'ghs_test_token_123';
const api = () => nock('https://api.github.com').matchHeader('authorization', `Bearer ${TOKEN}`);

describe('GitHub repository links', () => {
  it('recognizes repository pages only', () => {
    expect(githubRepoOf('https://github.com/openai/following-instructions-human-feedback')).toEqual({
      owner: 'openai',
      repo: 'following-instructions-human-feedback',
    });
    expect(githubRepoOf('https://github.com/liuquncn/liuquncn.github.io/tree/master/talks')).toBeNull();
    expect(githubRepoOf('https://github.com/topics/chatgpt')).toBeNull();
    expect(githubRepoOf('https://gitlab.com/a/b')).toBeNull();
  });

  it('asks the API instead of github.com: exists, missing, renamed, archived', async () => {
    api().get('/repos/openai/gpt-2').reply(200, { full_name: 'openai/gpt-2', html_url: 'https://github.com/openai/gpt-2', archived: false, private: false });
    api().get('/repos/someone/deleted-repo').reply(404, { message: 'Not Found' });
    api()
      .get('/repos/old-owner/tool')
      .reply(200, { full_name: 'new-owner/tool', html_url: 'https://github.com/new-owner/tool', archived: false, private: false });
    api().get('/repos/f/old-prompts').reply(200, { full_name: 'f/old-prompts', html_url: 'https://github.com/f/old-prompts', archived: true, private: false });
    const run = await checkLinks(
      targetsFor([
        'https://github.com/openai/gpt-2',
        'https://github.com/someone/deleted-repo',
        'https://github.com/old-owner/tool',
        'https://github.com/f/old-prompts',
      ]),
      { ...FAST, githubToken: TOKEN },
    );
    expect(run.results.map((r) => r.verdict)).toEqual(['alive', 'dead', 'alive', 'alive']);
    expect(run.results[2].finalUrl).toBe('https://github.com/new-owner/tool');
    expect(run.results[3].notes).toContain('repository archived');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('calls a repository unknown, not dead, when the API rate-limits', async () => {
    api().get('/repos/a/b').reply(403, { message: 'API rate limit exceeded' });
    const run = await checkLinks(targetsFor(['https://github.com/a/b']), { ...FAST, githubToken: TOKEN });
    expect(run.results[0].verdict).toBe('unknown');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('uses an injected API base URL (a GitHub Enterprise or fake server)', async () => {
    nock('https://ghe.example.com').get('/api/v3/repos/a/b').reply(200, { full_name: 'a/b', private: false });
    const run = await checkLinks(targetsFor(['https://github.com/a/b']), {
      ...FAST,
      githubToken: TOKEN,
      githubApiUrl: 'https://ghe.example.com/api/v3',
    });
    expect(run.results[0].verdict).toBe('alive');
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('archive suggestions', () => {
  const wayback = () => nock('https://archive.org').get('/wayback/available');

  it('suggests the newest Wayback snapshot for each dead link, and asks nothing for alive ones', async () => {
    const host = await startHost('127.0.0.40', (req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end());
    const dead = host.url('/gone');
    nock('https://archive.org')
      .get('/wayback/available')
      .query((q) => q.url === dead && typeof q.timestamp === 'string' && q.timestamp.length === 14)
      .reply(200, {
        archived_snapshots: {
          closest: { available: true, status: '200', timestamp: '20240101000000', url: `http://web.archive.org/web/20240101000000/${dead}` },
        },
      });
    const run = await checkLinks(targetsFor([host.url('/ok'), dead]), { ...FAST, suggestArchive: true });
    expect(run.results.map((r) => r.archiveUrl)).toEqual([null, `https://web.archive.org/web/20240101000000/${dead}`]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('suggests nothing when the Wayback Machine has no snapshot', async () => {
    const host = await startHost('127.0.0.41', (_req, res) => res.writeHead(404).end());
    wayback().query(true).reply(200, { archived_snapshots: {} });
    const run = await checkLinks(targetsFor([host.url('/never-archived')]), { ...FAST, suggestArchive: true });
    expect(run.results[0]).toMatchObject({ verdict: 'dead', archiveUrl: null });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
