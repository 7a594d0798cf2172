/** The checker against real HTTP servers on loopback: one test per behaviour of the issue. */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyCache } from '../../src/links/cache.js';
import { applyHistory, emptyHistory } from '../../src/links/history.js';
import { checkLinks } from '../../src/links/check.js';
import type { LinkResult } from '../../src/links/types.js';
import { closeAll, closedPort, drain, FAST, resolvingAgent, startHost, targetsFor } from './servers.js';

afterEach(closeAll);

function only(results: LinkResult[]): LinkResult {
  expect(results).toHaveLength(1);
  return results[0];
}

describe('malformed answers', () => {
  it('calls a page served with a header undici refuses unknown, not dead (browsers and curl show it)', async () => {
    const { createServer } = await import('node:net');
    const server = createServer((socket) => {
      socket.once('data', () => {
        socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nBad Header: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.8', resolve));
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const result = only((await checkLinks(targetsFor([`http://127.0.0.8:${port}/page`]), FAST)).results);
      expect(result.verdict).toBe('unknown');
      expect(result.reason).toMatch(/not valid HTTP\/1\.1 \(Invalid header token\)/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('status codes', () => {
  it('calls a 404 dead', async () => {
    const host = await startHost('127.0.0.2', (_req, res) => res.writeHead(404).end('not here'));
    const run = await checkLinks(targetsFor([host.url('/gone')]), FAST);
    const result = only(run.results);
    expect(result.verdict).toBe('dead');
    expect(result.status).toBe(404);
    expect(result.reason).toContain('404');
  });

  it('calls a 410 dead', async () => {
    const host = await startHost('127.0.0.2', (_req, res) => res.writeHead(410).end());
    const result = only((await checkLinks(targetsFor([host.url('/removed')]), FAST)).results);
    expect(result.verdict).toBe('dead');
    expect(result.status).toBe(410);
  });

  it('falls back to GET when HEAD is refused with 405', async () => {
    const host = await startHost('127.0.0.3', (req, res) => {
      if (req.method === 'HEAD') res.writeHead(405).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    });
    const result = only((await checkLinks(targetsFor([host.url('/page')]), FAST)).results);
    expect(result.verdict).toBe('alive');
    expect(host.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('obeys 429 with Retry-After: the second request waits the second asked for, then finds the page alive', async () => {
    const arrivals: number[] = [];
    const host = await startHost('127.0.0.4', (_req, res) => {
      arrivals.push(Date.now());
      if (arrivals.length === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200).end();
    });
    // Backoff alone would retry after ~20 ms; only Retry-After makes it wait 1 s (a lower bound: load only adds to it).
    const run = await checkLinks(targetsFor([host.url('/busy')]), { ...FAST, backoffBaseMs: 20 });
    expect(only(run.results).verdict).toBe('alive');
    expect(run.stats.tooManyRequests).toBe(1);
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(1000);
  });

  it('calls a page that keeps answering 429 blocked, not dead', async () => {
    const host = await startHost('127.0.0.4', (_req, res) => res.writeHead(429).end());
    const result = only((await checkLinks(targetsFor([host.url('/always-busy')]), FAST)).results);
    expect(result.verdict).toBe('blocked');
    // 1 try + 2 retries, one request each: a 429 is not a reason to send a GET at once.
    expect(host.requests.map((r) => r.method)).toEqual(['HEAD', 'GET', 'GET']);
  });

  it('retries a 503 and finds the page alive', async () => {
    let calls = 0;
    const host = await startHost('127.0.0.5', (_req, res) => {
      calls++;
      res.writeHead(calls <= 2 ? 503 : 200).end();
    });
    const result = only((await checkLinks(targetsFor([host.url('/flaky')]), FAST)).results);
    expect(result.verdict).toBe('alive');
    expect(host.requests.map((r) => r.method)).toEqual(['HEAD', 'GET', 'GET']); // the retry uses GET
  });

  it('retries a dropped connection and finds the page alive', async () => {
    let calls = 0;
    const host = await startHost('127.0.0.6', (req, res) => {
      calls++;
      if (calls === 1) req.socket.destroy();
      else res.writeHead(200).end();
    });
    const result = only((await checkLinks(targetsFor([host.url('/reset')]), FAST)).results);
    expect(result.verdict).toBe('alive');
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('calls 401, 403 and 999 blocked', async () => {
    const host = await startHost('127.0.0.7', (req, res) => res.writeHead(Number(req.url?.slice(1))).end());
    const run = await checkLinks(targetsFor([host.url('/401'), host.url('/403'), host.url('/999')]), FAST);
    expect(run.results.map((r) => r.verdict)).toEqual(['blocked', 'blocked', 'blocked']);
  });

  it('calls a Cloudflare challenge (cf-mitigated) blocked', async () => {
    const host = await startHost('127.0.0.7', (_req, res) =>
      res.writeHead(503, { 'cf-mitigated': 'challenge', 'content-type': 'text/html' }).end('<title>Just a moment...</title>'),
    );
    const result = only((await checkLinks(targetsFor([host.url('/cf')]), { ...FAST, retries: 0 })).results);
    expect(result.verdict).toBe('blocked');
  });
});

describe('redirects', () => {
  it('follows a 301 to an alive page and notes the final URL', async () => {
    const host = await startHost('127.0.0.8', (req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
      else res.writeHead(200).end();
    });
    const result = only((await checkLinks(targetsFor([host.url('/old')]), FAST)).results);
    expect(result.verdict).toBe('alive');
    expect(result.finalUrl).toBe(host.url('/new'));
    expect(result.notes.join(' ')).toContain('permanent redirect');
  });

  it('does not note a temporary redirect', async () => {
    const host = await startHost('127.0.0.8', (req, res) => {
      if (req.url === '/login') res.writeHead(302, { location: '/home' }).end();
      else res.writeHead(200).end();
    });
    const result = only((await checkLinks(targetsFor([host.url('/login')]), FAST)).results);
    expect(result.verdict).toBe('alive');
    expect(result.finalUrl).toBeNull();
  });

  it('calls a redirect loop dead', async () => {
    const host = await startHost('127.0.0.9', (req, res) =>
      res.writeHead(301, { location: req.url === '/a' ? '/b' : '/a' }).end(),
    );
    const result = only((await checkLinks(targetsFor([host.url('/a')]), FAST)).results);
    expect(result.verdict).toBe('dead');
    expect(result.reason).toBe('redirect loop');
  });

  it('gives up after 10 redirects', async () => {
    const host = await startHost('127.0.0.9', (req, res) => {
      const n = Number(req.url?.slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const result = only((await checkLinks(targetsFor([host.url('/0')]), FAST)).results);
    expect(result.verdict).toBe('dead');
    expect(host.requests.length).toBe(11);
  });

  it('is not fooled by a cookie redirect that a browser would pass', async () => {
    const host = await startHost('127.0.0.9', (req, res) => {
      if (req.headers.cookie?.includes('seen=1')) res.writeHead(200).end();
      else if (req.url === '/self') res.writeHead(302, { location: '/self', 'set-cookie': 'seen=1; Path=/' }).end();
      else res.writeHead(302, { location: '/article?c=1', 'set-cookie': 'seen=1; Path=/' }).end();
    });
    const run = await checkLinks(targetsFor([host.url('/article'), host.url('/self')]), FAST);
    expect(run.results.map((r) => r.verdict)).toEqual(['alive', 'alive']);
  });
});

describe('timeouts and bodies', () => {
  it('retries with GET a server that never answers HEAD', async () => {
    const host = await startHost('127.0.0.10', (req, res) => {
      if (req.method === 'GET') res.writeHead(200).end();
    });
    const result = only((await checkLinks(targetsFor([host.url('/no-head')]), { ...FAST, timeout: 200, retries: 1 })).results);
    expect(result.verdict).toBe('alive');
    expect(host.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('calls a server that accepts and never answers dead after its tries', async () => {
    const host = await startHost('127.0.0.10', () => {
      /* never answers */
    });
    const run = await checkLinks(targetsFor([host.url('/hang')]), { ...FAST, timeout: 200, retries: 1 });
    const result = only(run.results);
    expect(result.verdict).toBe('dead');
    expect(result.reason).toContain('no answer in time');
    expect(run.offline).toBe(false);
    expect(host.requests).toHaveLength(2);
  });

  it('stops reading a huge body at 256 KB (the server sees the client hang up)', async () => {
    const total = 64 * 1024 * 1024;
    let sent = 0;
    let finished = false;
    let hungUp = false;
    const host = await startHost('127.0.0.11', (req, res) => {
      if (req.method === 'HEAD') return void res.writeHead(405).end();
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(total) });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      chunk.write('<html>article text');
      res.on('close', () => (hungUp = !res.writableFinished));
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(() => (finished = true));
      };
      pump();
    });
    const result = only(
      (await checkLinks(targetsFor([host.url('/huge')]), { ...FAST, rules: [{ hosts: ['127.0.0.11'], status: [], body: 'article text', verdict: 'alive' }] })).results,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.verdict).toBe('alive');
    expect(result.reason).toContain('config rule');
    expect(hungUp).toBe(true);
    expect(finished).toBe(false);
    expect(sent).toBeLessThan(total / 4);
  });
});

describe('site quirks', () => {
  const page = (body: string) => `<html><body><div class="weui-msg">${body}</div></body></html>`;

  it('calls a WeChat deleted article dead although it answers 200', async () => {
    const host = await startHost('127.0.0.12', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('该内容已被发布者删除')),
    );
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const url = `http://mp.weixin.qq.com:${host.port}/s/I6EV6cmlql5kYiwAuwxXEg`;
    const result = only((await checkLinks(targetsFor([url]), { ...FAST, dispatcher })).results);
    await dispatcher.close();
    expect(result.verdict).toBe('dead');
    expect(result.reason).toContain('WeChat');
    expect(host.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('calls a WeChat verification page blocked, not dead', async () => {
    const host = await startHost('127.0.0.12', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('环境异常 当前环境异常，完成验证后即可继续访问')),
    );
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const url = `http://mp.weixin.qq.com:${host.port}/s/WxYaekMZgWt28_fLvl_OUw`;
    const result = only((await checkLinks(targetsFor([url]), { ...FAST, dispatcher })).results);
    await dispatcher.close();
    expect(result.verdict).toBe('blocked');
  });

  it('reads a gzip-compressed WeChat page before judging it', async () => {
    const host = await startHost('127.0.0.12', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' })
        .end(gzipSync(page('此内容因违规无法查看'))),
    );
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const result = only((await checkLinks(targetsFor([`http://mp.weixin.qq.com:${host.port}/s/gz`]), { ...FAST, dispatcher })).results);
    await dispatcher.close();
    expect(result).toMatchObject({ verdict: 'dead', reason: 'WeChat: article removed for a violation' });
    expect(host.requests[0].headers['accept-encoding']).toContain('gzip');
  });

  it("calls a WeChat article of a closed, banned or moved account dead ('account gone'), though it answers 200", async () => {
    const pages: Record<string, string> = {
      '/s/closed': '此帐号已自主注销，内容无法查看',
      '/s/banned': '此账号已被屏蔽, 内容无法查看',
      '/s/frozen': '该账号已被冻结',
      '/s/moved': '该公众号已迁移',
    };
    const host = await startHost('127.0.0.12', (req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(pages[req.url ?? ''] ?? '')),
    );
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const urls = Object.keys(pages).map((path) => `http://mp.weixin.qq.com:${host.port}${path}`);
    const run = await checkLinks(targetsFor(urls), { ...FAST, dispatcher });
    await dispatcher.close();
    expect(run.results.map((r) => [new URL(r.requestUrl).pathname, r.verdict, r.reason])).toEqual(
      Object.keys(pages).map((path) => [path, 'dead', 'WeChat: account gone']),
    );
  });

  it('calls a live WeChat article alive', async () => {
    const host = await startHost('127.0.0.12', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('对话机器人之LaMDA 正文')),
    );
    const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': host.address });
    const result = only((await checkLinks(targetsFor([`http://mp.weixin.qq.com:${host.port}/s/ok`]), { ...FAST, dispatcher })).results);
    await dispatcher.close();
    expect(result.verdict).toBe('alive');
  });

  it('calls a Zhihu 403 blocked and its not-found page dead', async () => {
    const host = await startHost('127.0.0.13', (req, res) => {
      if (req.url === '/p/1') res.writeHead(403).end();
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<p>你似乎来到了没有知识存在的荒原</p>');
    });
    const dispatcher = resolvingAgent({ 'zhuanlan.zhihu.com': host.address });
    const base = `http://zhuanlan.zhihu.com:${host.port}`;
    const run = await checkLinks(targetsFor([`${base}/p/1`, `${base}/p/2`]), { ...FAST, dispatcher });
    await dispatcher.close();
    expect(run.results.map((r) => [r.verdict, r.reason.startsWith('Zhihu')])).toEqual([
      ['blocked', true],
      ['dead', true],
    ]);
  });

  it('passes a bot wall with browser-like headers; a bot user agent is blocked, never dead', async () => {
    const wall = (req: { headers: Record<string, unknown> }) => /Mozilla\/5\.0.*Chrome/.test(String(req.headers['user-agent']));
    const host = await startHost('127.0.0.14', (req, res) => res.writeHead(wall(req) ? 200 : 403).end());
    const browser = only((await checkLinks(targetsFor([host.url('/wall')]), FAST)).results);
    expect(browser.verdict).toBe('alive');
    expect(host.requests[0].headers['accept-language']).toBeTruthy();
    const bot = only((await checkLinks(targetsFor([host.url('/wall')]), { ...FAST, headers: { 'User-Agent': 'curl/8.5' } })).results);
    expect(bot.verdict).toBe('blocked');
  });

  it('applies user rules before the built-in ones', async () => {
    const host = await startHost('127.0.0.15', (req, res) => {
      if (req.url === '/removed') res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>This page has been removed</h1>');
      else res.writeHead(403).end();
    });
    const run = await checkLinks(targetsFor([host.url('/removed'), host.url('/members')]), {
      ...FAST,
      rules: [
        { hosts: ['127.0.0.*'], status: [], body: 'this page has been removed', verdict: 'dead' },
        { hosts: ['127.0.0.15'], status: [403], body: null, verdict: 'alive' },
      ],
    });
    expect(run.results.map((r) => r.verdict)).toEqual(['dead', 'alive']);
  });

  it('a user rule for every host, written `hosts: ["*"]`, fires on a host with dots in it', async () => {
    const host = await startHost('127.0.0.15', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>This page has been deleted</p>'));
    const run = await checkLinks(targetsFor([host.url('/deleted')]), {
      ...FAST,
      rules: [{ hosts: ['*'], status: [], body: 'this page has been deleted', verdict: 'dead' }],
    });
    expect(only(run.results).verdict).toBe('dead');
  });

  it('accepts statuses listed in acceptStatus', async () => {
    const host = await startHost('127.0.0.15', (_req, res) => res.writeHead(418).end());
    const result = only((await checkLinks(targetsFor([host.url('/teapot')]), { ...FAST, acceptStatus: [418] })).results);
    expect(result.verdict).toBe('alive');
  });
});

describe('politeness', () => {
  it('never has more requests in flight to a host than its limit, nor more in total than the global limit', async () => {
    let total = 0;
    let maxTotal = 0;
    const slow = (_req: unknown, res: import('node:http').ServerResponse) => {
      total++;
      maxTotal = Math.max(maxTotal, total);
      setTimeout(() => {
        total--;
        res.writeHead(200).end();
      }, 30);
    };
    const a = await startHost('127.0.0.16', slow);
    const b = await startHost('127.0.0.17', slow);
    const urls = Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).url(`/p${i}`));
    const run = await checkLinks(targetsFor(urls), { ...FAST, hostConcurrency: 3, concurrency: 5 });
    expect(run.stats.byVerdict.alive).toBe(24);
    expect(run.results.map((r) => r.requests)).toEqual(Array(24).fill(1));
    expect(run.stats.requests).toBe(24);
    expect(a.maxInFlight).toBeLessThanOrEqual(3);
    expect(b.maxInFlight).toBeLessThanOrEqual(3);
    expect(maxTotal).toBeLessThanOrEqual(5);
  });

  it('honours a per-host override', async () => {
    const host = await startHost('127.0.0.18', (_req, res) => setTimeout(() => res.writeHead(200).end(), 20));
    const urls = Array.from({ length: 8 }, (_, i) => host.url(`/p${i}`));
    await checkLinks(targetsFor(urls), { ...FAST, hostConcurrency: 8, hosts: { '127.0.0.18': { concurrency: 1 } } });
    expect(host.maxInFlight).toBe(1);
  });

  it('requests each normalized URL once however often the list repeats it', async () => {
    const host = await startHost('127.0.0.19', (_req, res) => res.writeHead(200).end());
    const urls = [host.url('/post'), host.url('/post/'), host.url('/post?utm_source=x'), host.url('/post#top')];
    const run = await checkLinks(targetsFor(urls), FAST);
    const result = only(run.results);
    expect(result.occurrences.map((o) => o.url)).toEqual(urls);
    expect(result.occurrences.map((o) => o.line)).toEqual([5, 6, 7, 8]);
    expect(host.requests).toHaveLength(1);
  });
});

describe('hosts that stall', () => {
  const stalledReason = (address: string, why: string) => `not checked: ${address} stalled (${why})`;

  it('gives up a host whose Retry-After outlasts its pause budget: its other links are not requested, are unknown, and keep their history', async () => {
    const host = await startHost('127.0.0.30', (_req, res) => res.writeHead(429, { 'retry-after': '999999999' }).end());
    const urls = Array.from({ length: 6 }, (_, i) => host.url(`/p${i}`));
    const run = await checkLinks(targetsFor(urls), { ...FAST, retries: 1, hostConcurrency: 1, retryAfterCapMs: 300, hostPauseBudgetMs: 300 });
    // The first link: 429, a 0.3 s pause (the whole budget), 429 again; then nothing more is sent.
    expect(host.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /p0', 'GET /p0']);
    expect(run.results.map((r) => [r.verdict, r.reason])).toEqual([
      ['blocked', 'HTTP 429 after 2 tries (refuses automated requests)'],
      ...urls.slice(1).map(() => ['unknown', stalledReason('127.0.0.30', 'pause budget 0.3 s used')]),
    ]);
    // A link failing since the last run is neither reported nor counted as failing again.
    const failing = { failedRuns: 1, failingSince: '2026-11-01T00:00:00.000Z', lastVerdict: 'dead' as const, lastChecked: '2026-11-01T00:00:00.000Z', lastStatus: 404, lastReason: 'HTTP 404' };
    const history = { version: 1 as const, urls: Object.fromEntries(run.results.map((r) => [r.url, failing])) };
    const judged = applyHistory(run, history, { threshold: 1 });
    expect(judged.run.results.slice(1).map((r) => [r.reportable, r.failedRuns])).toEqual(urls.slice(1).map(() => [false, 1]));
  });

  it('gives up a host once 3 of its URLs time out in a row: no more requests, the rest unknown rather than dead', async () => {
    const host = await startHost('127.0.0.31', () => {
      /* never answers */
    });
    const urls = Array.from({ length: 5 }, (_, i) => host.url(`/p${i}`));
    const run = await checkLinks(targetsFor(urls), { ...FAST, timeout: 200, retries: 1, hostConcurrency: 1, hostTimedOutUrlsInARow: 3 });
    // Retries go first: p0 and p1 get both their tries (dead, as before); p2's first timeout is the third URL; p3 and p4 are never sent.
    expect(host.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /p0', 'HEAD /p1', 'GET /p0', 'GET /p1', 'HEAD /p2']);
    expect(run.results.map((r) => r.verdict)).toEqual(['dead', 'dead', 'unknown', 'unknown', 'unknown']);
    expect(run.results.slice(2).map((r) => r.reason)).toEqual(urls.slice(2).map(() => stalledReason('127.0.0.31', '3 URLs timed out in a row')));
    expect(run.offline).toBe(false);
  });
});

describe('order', () => {
  it('requests first the links that got no answer in the last run (not those that were 404), so their retries overlap the rest of the run', async () => {
    const host = await startHost('127.0.0.32', (req, res) => res.writeHead(req.url === '/p2' ? 404 : 200).end());
    const targets = targetsFor([host.url('/p0'), host.url('/p1'), host.url('/p2')]);
    const failed = { failedRuns: 1, failingSince: '2026-11-01T00:00:00.000Z', lastVerdict: 'dead' as const, lastChecked: '2026-11-01T00:00:00.000Z' };
    const noAnswer = { ...failed, lastStatus: null, lastReason: 'no answer in time after 4 tries' };
    const notFound = { ...failed, lastStatus: 404, lastReason: 'HTTP 404' };
    const cache = { ...emptyCache(), history: { version: 1 as const, urls: { [targets[1].url]: notFound, [targets[2].url]: noAnswer } } };
    // One slot for the host; the other first tries are queued by the time the first one ends.
    await checkLinks(targets, { ...FAST, hostConcurrency: 1, concurrency: 1, cache });
    expect(host.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /p2', 'GET /p2', 'HEAD /p0', 'HEAD /p1']);
  });
});

describe('offline and history', () => {
  it('calls nothing dead when nothing listens anywhere: unknown, run flagged offline', async () => {
    const urls = await Promise.all(['127.0.0.20', '127.0.0.21', '127.0.0.22'].map(async (a) => `http://${a}:${await closedPort(a)}/x`));
    const run = await checkLinks(targetsFor(urls), FAST);
    expect(run.offline).toBe(true);
    expect(run.results.map((r) => r.verdict)).toEqual(['unknown', 'unknown', 'unknown']);
    const judged = applyHistory(run, emptyHistory(), { threshold: 1 });
    expect(judged.run.results.filter((r) => r.reportable)).toEqual([]);
  });

  it('calls a refused connection dead when the rest of the network answers', async () => {
    const hosts = await Promise.all(['127.0.0.20', '127.0.0.21', '127.0.0.22'].map((a) => startHost(a, (_q, s) => s.writeHead(200).end())));
    const refused = `http://127.0.0.23:${await closedPort('127.0.0.23')}/x`;
    const run = await checkLinks(targetsFor([...hosts.map((h) => h.url('/')), refused]), FAST);
    expect(run.offline).toBe(false);
    expect(run.results.map((r) => r.verdict)).toEqual(['alive', 'alive', 'alive', 'dead']);
    expect(run.results[3].reason).toContain('refused');
  });

  it('reports a dead link only on its second failing run with threshold 2', async () => {
    const host = await startHost('127.0.0.24', (_req, res) => res.writeHead(404).end());
    const targets = targetsFor([host.url('/gone')]);
    const first = applyHistory(await checkLinks(targets, { ...FAST, now: () => new Date('2026-11-01T00:00:00Z') }), emptyHistory(), { threshold: 2 });
    expect(first.run.results[0]).toMatchObject({ verdict: 'dead', reportable: false, failedRuns: 1 });
    const second = applyHistory(await checkLinks(targets, { ...FAST, now: () => new Date('2026-11-02T00:00:00Z') }), first.history, { threshold: 2 });
    expect(second.run.results[0]).toMatchObject({ verdict: 'dead', reportable: true, failedRuns: 2, failingSince: '2026-11-01T00:00:00.000Z' });
  });
});
