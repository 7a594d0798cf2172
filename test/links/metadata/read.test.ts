/**
 * The page reader end to end: real HTTP servers on loopback (127.0.0.8x)
 * serving the hand-written pages of examples/pages, through the checker's
 * prober, quirks, redirects and private-address guard. Site host names are
 * routed to loopback by a test dispatcher; nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createPageMetadataReader, type PageMetadataResult } from '../../../src/links/index.js';
import { pageReaderOptionsOf } from '../../../src/links/metadata/entry-pages.js';
import { closeAll, FAST, resolvingAgent, startHost, type TestHost } from '../servers.js';

const page = (name: string) => readFileSync(new URL(`../../../examples/pages/${name}`, import.meta.url), 'utf8');
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const FAST_READ = { timeout: FAST.timeout, retries: FAST.retries, backoffBaseMs: FAST.backoffBaseMs };

/** A server answering `routes[path]` ([status, headers, body]), 404 for anything else. */
function serve(address: string, routes: Record<string, [number, Record<string, string>, string]>): Promise<TestHost> {
  return startHost(address, (req, res) => {
    const [status, headers, body] = routes[req.url ?? ''] ?? [404, HTML, '<html><body>Not Found</body></html>'];
    res.writeHead(status, headers).end(body);
  });
}

function metadataOf(result: PageMetadataResult) {
  if (!result.ok) throw new Error(`expected metadata, got ${result.verdict}: ${result.reason}`);
  return result.metadata;
}

afterEach(closeAll);

describe('reading WeChat pages', () => {
  it('reads a live article behind its short address: title, account, day in UTC+8, the long-form identity', async () => {
    const host = await serve('127.0.0.81', { '/s/I6EV6cmlql5kYiwAuwxXEg': [200, HTML, page('wechat-article.html')] });
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const read = createPageMetadataReader({ ...FAST_READ, dispatcher });
    const url = `http://mp.weixin.qq.com:${host.port}/s/I6EV6cmlql5kYiwAuwxXEg`;
    const metadata = metadataOf(await read(url));
    await dispatcher.close();
    expect(metadata).toMatchObject({
      url,
      finalUrl: url,
      site: 'wechat',
      title: { value: '聊聊对话大模型的数据配比 & 训练细节' },
      source: { value: 'AINLP', from: 'WeChat #js_name' },
      published: { value: { value: '2023-04-12' } },
      identity: { value: 'wechat:MzIzNjc1NzUzMw==/2247623001/2' },
    });
    // Read the way the checker reads a page: one GET with a browser's headers.
    expect(host.requests.map((r) => r.method)).toEqual(['GET']);
    expect(host.requests[0].headers['user-agent']).toContain('Mozilla/5.0');
  });

  it('gives no metadata for a deleted article, and says why as the link checker would', async () => {
    const host = await serve('127.0.0.81', { '/s/BbBbDeleted': [200, HTML, page('wechat-deleted.html')] });
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const url = `http://mp.weixin.qq.com:${host.port}/s/BbBbDeleted`;
    const result = await createPageMetadataReader({ ...FAST_READ, dispatcher })(url);
    await dispatcher.close();
    expect(result).toEqual({ ok: false, url, verdict: 'dead', reason: 'WeChat: article deleted by its author' });
  });

  it('reads the publish time a long article writes after 300 KB of text (past the checker’s 256 KB cap)', async () => {
    const long = page('wechat-article.html').replace('<p>本文整理了几种常见的配比方法。</p>', `<p>${'数据配比。'.repeat(25_000)}</p>`);
    expect(Buffer.byteLength(long)).toBeGreaterThan(300 * 1024);
    const host = await serve('127.0.0.81', { '/s/long': [200, HTML, long] });
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const result = await createPageMetadataReader({ ...FAST_READ, dispatcher })(`http://mp.weixin.qq.com:${host.port}/s/long`);
    await dispatcher.close();
    expect(metadataOf(result).published).toEqual({ value: { value: '2023-04-12' }, from: 'WeChat var ct (UTC+8)' });
  });
});

describe('reading other sites', () => {
  it('reads a Zhihu article, and calls Zhihu’s 403 to bots blocked', async () => {
    const host = await serve('127.0.0.82', {
      '/p/612345678': [200, HTML, page('zhihu-article.html')],
      '/p/403': [403, HTML, '<html><body>403 Forbidden</body></html>'],
    });
    const dispatcher = resolvingAgent({ 'zhuanlan.zhihu.com': host.address });
    const read = createPageMetadataReader({ ...FAST_READ, dispatcher });
    const article = metadataOf(await read(`http://zhuanlan.zhihu.com:${host.port}/p/612345678`));
    const walled = await read(`http://zhuanlan.zhihu.com:${host.port}/p/403`);
    await dispatcher.close();
    expect([article.site, article.title?.value, article.source?.value, article.published?.value.value]).toEqual([
      'zhihu',
      '对话系统评测方法综述：从 BLEU 到 LLM-as-a-Judge',
      '李四',
      '2023-01-18',
    ]);
    expect(walled).toMatchObject({ ok: false, verdict: 'blocked', reason: 'Zhihu: HTTP 403 (refuses bots)' });
  });

  it('reads an arXiv PDF link through its abstract page', async () => {
    const host = await serve('127.0.0.83', { '/abs/2303.01234': [200, HTML, page('arxiv-abs.html')] });
    const dispatcher = resolvingAgent({ 'arxiv.org': host.address });
    const url = `http://arxiv.org:${host.port}/pdf/2303.01234v3.pdf`;
    const metadata = metadataOf(await createPageMetadataReader({ ...FAST_READ, dispatcher })(url));
    await dispatcher.close();
    expect(host.requests.map((r) => r.path)).toEqual(['/abs/2303.01234']);
    expect(metadata).toMatchObject({
      url,
      site: 'arxiv',
      title: { value: 'Measuring Dialogue Coherence with Contrastive Probes', from: 'citation_title' },
      source: { value: 'arXiv' },
      published: { value: { value: '2023-03-02' }, from: 'citation_date' },
      identity: { value: 'arxiv:2303.01234' },
    });
  });

  it('follows a redirect chain across hosts and reads the page where it ends', async () => {
    const end = await serve('127.0.0.86', { '/posts/eval-without-humans/': [200, HTML, page('blog-jsonld.html')] });
    const middle = await serve('127.0.0.85', { '/p/42': [302, { location: end.url('/posts/eval-without-humans/') }, ''] });
    const start = await serve('127.0.0.84', { '/old-post': [301, { location: middle.url('/p/42') }, ''] });
    const metadata = metadataOf(await createPageMetadataReader(FAST_READ)(start.url('/old-post')));
    expect(metadata).toMatchObject({
      url: start.url('/old-post'),
      finalUrl: end.url('/posts/eval-without-humans/'),
      title: { value: 'Evaluating chat models without humans' },
      source: { value: 'Example Lab' },
      published: { value: { value: '2023-04-12' } },
      // The page names itself; that, not the loopback address it was served from, is its identity.
      identity: { value: 'url:blog.example-lab.org/posts/eval-without-humans', from: 'link rel=canonical' },
    });
  });

  it('reads a page with only a <title>, and calls 404 and a 403 bot wall dead and blocked', async () => {
    const host = await serve('127.0.0.87', {
      '/notes': [200, HTML, page('only-title.html')],
      '/bot-wall': [403, HTML, '<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>'],
    });
    const read = createPageMetadataReader(FAST_READ);
    const notes = metadataOf(await read(host.url('/notes')));
    expect([notes.title, notes.source, notes.published]).toEqual([{ value: 'Notes on dialogue evaluation — metrics & pitfalls', from: '<title>' }, null, null]);
    expect(await read(host.url('/gone'))).toEqual({ ok: false, url: host.url('/gone'), verdict: 'dead', reason: 'HTTP 404' });
    expect(await read(host.url('/bot-wall'))).toMatchObject({ ok: false, verdict: 'blocked' });
  });

  it('calls a bot challenge served with 200 blocked instead of taking its title for the page’s', async () => {
    const host = await serve('127.0.0.87', {
      '/challenge': [200, HTML, '<html><head><title>Just a moment...</title></head><body><div id="challenge-stage"></div></body></html>'],
    });
    expect(await createPageMetadataReader(FAST_READ)(host.url('/challenge'))).toEqual({
      ok: false,
      url: host.url('/challenge'),
      verdict: 'blocked',
      reason: 'bot challenge page ("Just a moment...")',
    });
  });

  it('reads a URL once however often it is asked for', async () => {
    const host = await serve('127.0.0.87', { '/notes': [200, HTML, page('only-title.html')] });
    const read = createPageMetadataReader(FAST_READ);
    const [first, second] = await Promise.all([read(host.url('/notes')), read(host.url('/notes'))]);
    expect(second).toEqual(first);
    expect(host.requests).toHaveLength(1);
  });
});

describe('private addresses', () => {
  it('refuses a private address when told to, without sending anything', async () => {
    const host = await serve('127.0.0.88', { '/notes': [200, HTML, page('only-title.html')] });
    const result = await createPageMetadataReader({ ...FAST_READ, privateAddresses: 'refuse' })(host.url('/notes'));
    expect(result).toEqual({ ok: false, url: host.url('/notes'), verdict: 'unknown', reason: 'not checked: private address' });
    expect(host.requests).toHaveLength(0);
  });

  it('refuses a redirect into a private address from an allowed one', async () => {
    const inside = await serve('127.0.0.89', { '/admin': [200, HTML, page('only-title.html')] });
    const outside = await serve('127.0.0.88', { '/post': [302, { location: inside.url('/admin') }, ''] });
    const read = createPageMetadataReader({ ...FAST_READ, privateAddresses: 'refuse', allowAddress: (address) => address === outside.address });
    expect(await read(outside.url('/post'))).toMatchObject({ ok: false, verdict: 'unknown', reason: 'not checked: private address' });
    expect(inside.requests).toHaveLength(0);
  });
});

describe('GitHub repositories', () => {
  const repoJson = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      name: 'DialogKit',
      full_name: 'Example-Lab/DialogKit',
      html_url: 'https://github.com/Example-Lab/DialogKit',
      owner: { login: 'Example-Lab' },
      private: false,
      visibility: 'public',
      created_at: '2022-12-31T20:00:00Z',
      ...extra,
    });

  it('reads name, owner, creation day and identity through the API, with the token', async () => {
    const api = await serve('127.0.0.90', {
      '/repos/example-lab/dialogkit': [200, { 'content-type': 'application/json' }, repoJson()],
    });
    const read = createPageMetadataReader({ ...FAST_READ, githubToken: 'test-token', githubApiUrl: api.origin });
    const metadata = metadataOf(await read('https://github.com/example-lab/dialogkit'));
    expect(metadata).toEqual({
      url: 'https://github.com/example-lab/dialogkit',
      finalUrl: 'https://github.com/Example-Lab/DialogKit',
      site: 'github',
      title: { value: 'DialogKit', from: 'GitHub API name' },
      source: { value: 'Example-Lab', from: 'GitHub API owner' },
      published: { value: { value: '2022-12-31' }, from: 'GitHub API created_at (UTC)' },
      identity: { value: 'github:example-lab/dialogkit', from: 'GitHub API full_name' },
    });
    expect(api.requests[0].headers.authorization).toBe('Bearer test-token');
  });

  it('asks again after an answer without a verdict (the API was rate limited), not after a verdict', async () => {
    let calls = 0;
    const api = await startHost('127.0.0.90', (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"API rate limit exceeded"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(repoJson());
    });
    const read = createPageMetadataReader({ ...FAST_READ, githubApiUrl: api.origin });
    expect(await read('https://github.com/example-lab/dialogkit')).toMatchObject({ ok: false, verdict: 'unknown', reason: 'GitHub API: rate limited' });
    expect(await read('https://github.com/example-lab/dialogkit')).toMatchObject({ ok: true, metadata: { title: { value: 'DialogKit' } } });
    await read('https://github.com/example-lab/dialogkit');
    expect(calls).toBe(2);
    // No token given: none sent.
    expect(api.requests[0].headers.authorization).toBeUndefined();
  });

  it('gives nothing for a private repository the token can see, exactly as for a missing one', async () => {
    const api = await serve('127.0.0.90', {
      '/repos/example-lab/secret': [200, { 'content-type': 'application/json' }, repoJson({ name: 'secret', full_name: 'example-lab/secret', private: true, visibility: 'private' })],
    });
    const read = createPageMetadataReader({ ...FAST_READ, githubToken: 'test-token', githubApiUrl: api.origin });
    const missing = await read('https://github.com/example-lab/missing');
    const secret = await read('https://github.com/example-lab/secret');
    expect(missing).toEqual({ ok: false, url: 'https://github.com/example-lab/missing', verdict: 'dead', reason: 'GitHub: repository not found' });
    expect(secret).toEqual({ ok: false, url: 'https://github.com/example-lab/secret', verdict: 'dead', reason: 'GitHub: repository not found' });
  });
});

describe('politeness', () => {
  it("keeps the config's per-host limits (links.hosts) when reading pages, as the link check does", async () => {
    const host = await startHost('127.0.0.94', (_req, res) => setTimeout(() => res.writeHead(200, HTML).end('<html><head><title>A post</title></head></html>'), 20));
    const read = createPageMetadataReader(pageReaderOptionsOf({ ...FAST, hosts: { '127.0.0.94': { concurrency: 1 } } }));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => read(host.url(`/p${i}`))));
    await read.close();
    expect(results.every((result) => result.ok)).toBe(true);
    expect(host.maxInFlight).toBe(1);
  });
});
