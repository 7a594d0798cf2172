/**
 * One resource written in several forms the normalizer folds together (`www.` or not, a trailing
 * slash): when the first form fails, the others are tried before anything is called dead.
 * Real loopback servers; `listdemo.test` names resolve through the test dispatcher.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLinksCommand } from '../../src/cli/links-command.js';
import { checkLinks } from '../../src/links/check.js';
import { applyHistory, emptyHistory } from '../../src/links/history.js';
import { renderMarkdownReport } from '../../src/links/report-markdown.js';
import { renderTextReport } from '../../src/links/report-text.js';
import type { LinkCheckRun, LinkResult } from '../../src/links/types.js';
import { closeAll, FAST, resolvingAgent, startHost, targetsFor } from './servers.js';

afterEach(closeAll);

function only(run: LinkCheckRun): LinkResult {
  expect(run.results).toHaveLength(1);
  return run.results[0];
}

const paths = (host: { requests: Array<{ method: string; path: string }> }) => host.requests.map((r) => `${r.method} ${r.path}`);

describe('a first written form that fails', () => {
  it.each([
    ['has no DNS record', null, 'host not found'],
    ['refuses connections', '127.0.0.71', 'connection refused'],
  ])('www. form that %s, listed first: the form without www. works, so every occurrence is alive', async (_what, wwwAddress, failure) => {
    const host = await startHost('127.0.0.70', (_req, res) => res.writeHead(200).end());
    // Nothing listens on 127.0.0.71, so the www. form is refused on the same port.
    const dispatcher = resolvingAgent({ 'listdemo.test': host.address, 'www.listdemo.test': wwwAddress });
    const www = `http://www.listdemo.test:${host.port}/post`;
    const bare = `http://listdemo.test:${host.port}/post`;
    const run = await checkLinks(targetsFor([www, bare, `${www}#comments`]), { ...FAST, dispatcher });
    await dispatcher.close();
    const result = only(run);
    expect(result.verdict).toBe('alive');
    expect(result.requestUrl).toBe(bare);
    expect(result.occurrences.map((o) => o.line)).toEqual([5, 6, 7]);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toContain(`${www} at README.md:5, README.md:7 fails (${failure}`);
    expect(result.notes[0]).toContain(`${bare} works`);
    expect(paths(host)).toEqual(['HEAD /post']);
    expect(run.offline).toBe(false);

    const judged = applyHistory(run, emptyHistory(), { threshold: 1 }).run;
    const markdown = renderMarkdownReport(judged);
    expect(markdown).toContain('1 alive, 0 dead');
    expect(markdown).toContain('No dead links to report.');
    expect(markdown).not.toContain('### Dead links');
    expect(markdown).toContain('Other notes (1)');
    expect(markdown).toContain(`www.listdemo.test:${host.port}/post at README.md:5, README.md:7 fails`);
    expect(renderTextReport(judged)).not.toMatch(/: (dead|failing):/);
  });

  it('a path a server only serves with a trailing slash: the slash form listed later makes the link alive', async () => {
    const host = await startHost('127.0.0.72', (req, res) => res.writeHead(req.url === '/docs/' ? 200 : 404).end());
    const run = await checkLinks(targetsFor([host.url('/docs'), host.url('/docs/')]), FAST);
    const result = only(run);
    expect(result.verdict).toBe('alive');
    expect(result.notes).toEqual([`${host.url('/docs')} at README.md:5 fails (HTTP 404); ${host.url('/docs/')} works`]);
    // The failing form gets its usual HEAD-then-GET, the other form one HEAD.
    expect(paths(host)).toEqual(['HEAD /docs', 'GET /docs', 'HEAD /docs/']);
    expect(result.requests).toBe(3);
    expect(run.stats.requests).toBe(3);
  });

  it('a later form that is blocked makes the target blocked, not dead', async () => {
    const host = await startHost('127.0.0.72', (req, res) => res.writeHead(req.url === '/members/' ? 403 : 404).end());
    const result = only(await checkLinks(targetsFor([host.url('/members'), host.url('/members/')]), FAST));
    expect(result.verdict).toBe('blocked');
    // The note must not claim that a form refusing the checker works.
    expect(result.notes).toEqual([`${host.url('/members')} at README.md:5 fails (HTTP 404); ${host.url('/members/')} refuses automated checks`]);
  });

  it('the CLI exits 0 and names the failing form and its line', async () => {
    const host = await startHost('127.0.0.73', (req, res) => res.writeHead(req.url === '/post/' ? 200 : 404).end());
    const dir = await mkdtemp(join(tmpdir(), 'lk-links-forms-'));
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github', 'listkeeper.yml'), 'links:\n  timeout: 1000\n  retries: 0\n');
    const list = ['# Awesome Test', '', '## Blogs', '', `- [A post](${host.url('/post')}) | Source 2023-01-01`, `  - [Repost](${host.url('/post/')}) | Repost 2023-01-02`, ''];
    await writeFile(join(dir, 'README.md'), list.join('\n'));
    let stdout = '';
    const code = await runLinksCommand(['README.md', '--threshold', '1'], { cwd: dir, isTTY: false, stdout: (s) => void (stdout += s), stderr: () => undefined });
    expect(code).toBe(0);
    expect(stdout).not.toContain(': dead:');
    expect(stdout).toContain(`README.md:5: note: ${host.url('/post')}`);
    expect(stdout).toContain(`${host.url('/post')} at README.md:5 fails (HTTP 404); ${host.url('/post/')} works`);
  });
});

describe('every written form fails', () => {
  it('is dead, after trying each form, and the reason names them all', async () => {
    const host = await startHost('127.0.0.74', (_req, res) => res.writeHead(404).end());
    // www. resolves to 127.0.0.75, where nothing listens.
    const dispatcher = resolvingAgent({ 'listdemo.test': host.address, 'www.listdemo.test': '127.0.0.75' });
    const base = `http://listdemo.test:${host.port}`;
    const www = `http://www.listdemo.test:${host.port}/gone`;
    const run = await checkLinks(targetsFor([`${base}/gone`, `${base}/gone/?utm_source=feed`, www]), { ...FAST, dispatcher });
    await dispatcher.close();
    const result = only(run);
    expect(result.verdict).toBe('dead');
    expect(result.status).toBe(404);
    expect(result.requestUrl).toBe(`${base}/gone`);
    expect(result.reason).toBe(
      `HTTP 404; also tried ${base}/gone/?utm_source=feed: HTTP 404; also tried ${www}: connection refused (ECONNREFUSED)`,
    );
    expect(paths(host)).toEqual(['HEAD /gone', 'GET /gone', 'HEAD /gone/?utm_source=feed', 'GET /gone/?utm_source=feed']);
    expect(run.offline).toBe(false);

    const judged = applyHistory(run, emptyHistory(), { threshold: 1 }).run;
    const markdown = renderMarkdownReport(judged);
    expect(markdown).toContain('### Dead links (1)');
    expect(markdown).toContain('`README.md:5`, `README.md:6`, `README.md:7`');
  });

  it('with nothing reachable anywhere is unknown (offline), not dead', async () => {
    const dispatcher = resolvingAgent({ 'listdemo.test': null, 'www.listdemo.test': null });
    const run = await checkLinks(targetsFor(['http://www.listdemo.test/a', 'https://listdemo.test/a']), { ...FAST, dispatcher });
    await dispatcher.close();
    expect(run.offline).toBe(true);
    expect(only(run).verdict).toBe('unknown');
    expect(only(run).reason).toContain('also tried https://listdemo.test/a');
  });
});

describe('requests stay as few as before', () => {
  it('a target written one way (however often, with fragments) makes one request', async () => {
    const host = await startHost('127.0.0.76', (_req, res) => res.writeHead(200).end());
    const run = await checkLinks(targetsFor([host.url('/one'), host.url('/one'), host.url('/one#intro')]), FAST);
    expect(only(run).verdict).toBe('alive');
    expect(only(run).notes).toEqual([]);
    expect(paths(host)).toEqual(['HEAD /one']);
    expect(run.stats.requests).toBe(1);
  });

  it('a dead target written one way makes the same requests as before', async () => {
    const host = await startHost('127.0.0.76', (_req, res) => res.writeHead(404).end());
    const run = await checkLinks(targetsFor([host.url('/gone'), host.url('/gone#top')]), FAST);
    expect(only(run)).toMatchObject({ verdict: 'dead', reason: 'HTTP 404' });
    expect(paths(host)).toEqual(['HEAD /gone', 'GET /gone']);
  });

  it('other forms are not requested when the first one works', async () => {
    const host = await startHost('127.0.0.76', (_req, res) => res.writeHead(200).end());
    const run = await checkLinks(targetsFor([host.url('/a'), host.url('/a/'), host.url('/a?utm_source=x')]), FAST);
    expect(only(run).verdict).toBe('alive');
    expect(paths(host)).toEqual(['HEAD /a']);
  });

  it('other forms go through the per-host limit and the retries', async () => {
    let calls = 0;
    const host = await startHost('127.0.0.77', (req, res) => {
      if (!req.url?.endsWith('/')) return void setTimeout(() => res.writeHead(404).end(), 10);
      // Each slash form answers 503 once, then 200: only a retried request finds it alive.
      calls++;
      const first = host.requests.filter((r) => r.path === req.url).length === 1;
      setTimeout(() => res.writeHead(first ? 503 : 200).end(), 10);
    });
    const urls = Array.from({ length: 6 }, (_, i) => [host.url(`/p${i}`), host.url(`/p${i}/`)]).flat();
    const run = await checkLinks(targetsFor(urls), { ...FAST, hostConcurrency: 2 });
    expect(run.results.map((r) => r.verdict)).toEqual(Array(6).fill('alive'));
    expect(calls).toBe(12);
    expect(host.maxInFlight).toBeLessThanOrEqual(2);
  });
});
