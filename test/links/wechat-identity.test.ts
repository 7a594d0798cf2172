/**
 * The same WeChat article under its short `/s/<code>` and long `?__biz=…` addresses, known from
 * the page the link check downloads anyway: in a plain run, from the cache, and in the CLI.
 * Real loopback servers; mp.weixin.qq.com resolves to one through the run's DNS lookup.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinksCommand } from '../../src/cli/links-command.js';
import { emptyCache, loadCacheFile, saveCacheFile, updateCache } from '../../src/links/cache.js';
import { checkLinks } from '../../src/links/check.js';
import { emptyHistory } from '../../src/links/history.js';
import { findSameArticles } from '../../src/links/same-article.js';
import { closeAll, FAST, loopbackLookup, startHost, targetsFor, type TestHost } from './servers.js';

const ARTICLE = readFileSync(new URL('../../examples/pages/wechat-article.html', import.meta.url), 'utf8');
const DELETED = readFileSync(new URL('../../examples/pages/wechat-deleted.html', import.meta.url), 'utf8');
/** What the page's og:url and msg_link say. */
const IDENTITY = 'wechat:MzIzNjc1NzUzMw==/2247623001/2';
const SHORT_PATH = '/s/Xp3fK2mVq9ZrT1aBcD4eFg';
const LONG_PATH = '/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d';

const dirs: string[] = [];
afterEach(async () => {
  await closeAll();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** mp.weixin.qq.com on loopback, serving `pages` by path (the article for anything else). */
async function wechat(pages: Record<string, string> = {}): Promise<{ host: TestHost; url(path: string): string; lookup: ReturnType<typeof loopbackLookup> }> {
  const host = await startHost('127.0.0.81', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[req.url ?? ''] ?? ARTICLE);
  });
  return { host, url: (path) => `http://mp.weixin.qq.com:${host.port}${path}`, lookup: loopbackLookup({ 'mp.weixin.qq.com': host.address }) };
}

describe('the article a WeChat page names, in a plain links run', () => {
  it('ties the short address to the long one listed later, from the one GET the check sends each', async () => {
    const site = await wechat();
    // targetsFor lists the URLs on lines 5 and 6.
    const run = await checkLinks(targetsFor([site.url(SHORT_PATH), site.url(LONG_PATH)]), { ...FAST, lookup: site.lookup });

    expect(run.results.map((r) => [r.verdict, r.identity])).toEqual([
      ['alive', IDENTITY],
      ['alive', IDENTITY],
    ]);
    expect(site.host.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(findSameArticles(run.results)).toMatchObject([
      { line: 6, url: site.url(LONG_PATH), first: { line: 5, url: site.url(SHORT_PATH) }, identity: IDENTITY, reason: `Same article as line 5 (both are ${IDENTITY})` },
    ]);
  });

  it('gives a deleted article no identity, so it is not tied to a live one', async () => {
    const site = await wechat({ [SHORT_PATH]: DELETED });
    const run = await checkLinks(targetsFor([site.url(SHORT_PATH), site.url(LONG_PATH)]), { ...FAST, lookup: site.lookup });

    expect(run.results.map((r) => [r.verdict, r.identity])).toEqual([
      ['dead', null],
      ['alive', IDENTITY],
    ]);
    expect(findSameArticles(run.results)).toEqual([]);
  });

  it("names no article for an account's album page, whose scripts hold an article's ids", async () => {
    const ALBUM_PATH = '/mp/appmsgalbum?__biz=MzIzNjc1NzUzMw==&album_id=1';
    const SECOND_ALBUM_PATH = '/mp/appmsgalbum?__biz=MzIzNjc1NzUzMw==&album_id=2';
    const site = await wechat();
    const run = await checkLinks(targetsFor([site.url(ALBUM_PATH), site.url(SECOND_ALBUM_PATH), site.url(SHORT_PATH)]), { ...FAST, lookup: site.lookup });

    expect(run.results.map((r) => [r.verdict, r.identity])).toEqual([
      ['alive', null],
      ['alive', null],
      ['alive', IDENTITY],
    ]);
    expect(findSameArticles(run.results)).toEqual([]);
  });

  it('still names the article of a page longer than the body cap (og:url is in the head; msg_link is cut off)', async () => {
    const long = ARTICLE.replace('<div class="rich_media_content', `<div>${'<p>正文很长。</p>'.repeat(30_000)}</div><div class="rich_media_content`);
    const site = await wechat({ [SHORT_PATH]: long });
    const run = await checkLinks(targetsFor([site.url(LONG_PATH), site.url(SHORT_PATH)]), { ...FAST, lookup: site.lookup });

    expect(Buffer.byteLength(long.slice(0, long.indexOf('var msg_link')))).toBeGreaterThan(256 * 1024);
    expect(run.results[1]).toMatchObject({ url: expect.stringContaining('/s/Xp3f'), verdict: 'alive', identity: IDENTITY });
    expect(findSameArticles(run.results)).toMatchObject([{ line: 6, first: { line: 5 } }]);
  });

  it('keeps the identity in the cache: a run that reuses it sends no request and still reports the pair', async () => {
    const site = await wechat();
    const targets = targetsFor([site.url(SHORT_PATH), site.url(LONG_PATH)]);
    const first = await checkLinks(targets, { ...FAST, lookup: site.lookup });
    const dir = await mkdtemp(join(tmpdir(), 'lk-wechat-identity-'));
    dirs.push(dir);
    const path = join(dir, 'cache.json');
    await saveCacheFile(path, updateCache(emptyCache(), first, emptyHistory()));
    const loaded = await loadCacheFile(path);

    const second = await checkLinks(targets, { ...FAST, lookup: site.lookup, cache: loaded.cache });

    expect(site.host.requests).toHaveLength(2);
    expect(second.results.map((r) => [r.cached, r.identity])).toEqual([
      [true, IDENTITY],
      [true, IDENTITY],
    ]);
    expect(findSameArticles(second.results)).toMatchObject([{ line: 6, first: { line: 5 }, identity: IDENTITY }]);
  });

  it('loads a cache written before identities were kept, keeping its entries (a damaged identity is dropped, not its entry)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lk-wechat-identity-'));
    dirs.push(dir);
    const path = join(dir, 'cache.json');
    const entry = { checkedAt: '2026-12-01T00:00:00.000Z', status: 200, reason: 'HTTP 200', finalUrl: null, notes: [] };
    const history = { version: 1, urls: {} };
    await writeFile(path, `${JSON.stringify({ version: 1, alive: { 'mp.weixin.qq.com/s/old': entry, 'mp.weixin.qq.com/s/odd': { ...entry, identity: '<b>x</b>' } }, history })}\n`);

    const loaded = await loadCacheFile(path);

    expect(loaded.warning).toBeNull();
    expect(loaded.cache.alive['mp.weixin.qq.com/s/old']).toEqual(entry);
    // A damaged identity is dropped, not the entry.
    expect(loaded.cache.alive['mp.weixin.qq.com/s/odd']).toEqual(entry);
  });
});

describe('listkeeper links with a WeChat article listed under both addresses', () => {
  async function project(lines: string[]): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'lk-wechat-cli-'));
    dirs.push(dir);
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github', 'listkeeper.yml'), 'links:\n  timeout: 2000\n  retries: 0\n');
    await writeFile(join(dir, 'README.md'), ['# Awesome Test', '', '## Blogs', '', ...lines, ''].join('\n'));
    return dir;
  }

  async function links(args: string[], dir: string, lookup: ReturnType<typeof loopbackLookup>): Promise<{ code: number; stdout: string }> {
    let stdout = '';
    const command = createLinksCommand({ lookup });
    const code = await command(args, { cwd: dir, isTTY: false, stderrColumns: null, stdout: (s) => void (stdout += s), stderr: () => undefined });
    return { code, stdout };
  }

  it('says the later listing is the same article as the first, in a plain run and in a run from the cache', async () => {
    const OTHER_PATH = '/s/AnotherArticle000000000';
    // Another article of the same account: its page names another mid.
    const site = await wechat({ [OTHER_PATH]: ARTICLE.replaceAll('2247623001', '2247623999') });
    const dir = await project([
      `- [聊聊对话大模型的数据配比](${site.url(LONG_PATH)}) | AINLP 2023-04-12`,
      `- [Some other post](${site.url(OTHER_PATH)}) | AINLP 2023-04-13`,
      `- [聊聊对话大模型的数据配比 (short link)](${site.url(SHORT_PATH)}) | AINLP 2023-04-12`,
    ]);
    const sameArticleLines = (stdout: string) => stdout.split('\n').filter((line) => line.includes('same article'));

    const plain = await links(['README.md', '--cache', 'cache.json'], dir, site.lookup);
    const cached = await links(['README.md', '--cache', 'cache.json'], dir, site.lookup);

    expect(plain.code).toBe(0);
    expect(sameArticleLines(plain.stdout)).toEqual([`README.md:7: same article: ${site.url(SHORT_PATH)} — Same article as line 5 (both are ${IDENTITY})`]);
    expect(sameArticleLines(cached.stdout)).toEqual(sameArticleLines(plain.stdout));
    expect(cached.stdout).toContain(' 0 requests ');
    expect(site.host.requests).toHaveLength(3);
  });
});
