/**
 * The whole pipeline on a list in the seed's style: every host of the list is
 * routed to one loopback server (which answers by Host header), so the real
 * prober, quirks, history and markdown report run end to end.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildConnector } from 'undici';
import { parseList } from '../../src/core/parse.js';
import { applyHistory, checkLinks, collectLinkTargets, emptyHistory, renderMarkdownReport } from '../../src/links/index.js';
import type { LinkCheckRun } from '../../src/links/types.js';
import { FAST } from './servers.js';

const html = (body: string) => `<!doctype html><html><body>${body}</body></html>`;
/** host + path → [status, headers, body] */
const WEB: Record<string, [number, Record<string, string>, string]> = {
  'arxiv.org/abs/2301.00001': [200, {}, html('<h1>Scaling Chat Models</h1>')],
  'mp.weixin.qq.com/s/AaAaLiveArticle01': [200, {}, html('<h1 id="activity-name">聊聊对话大模型的数据配比</h1>')],
  'mp.weixin.qq.com/s/BbBbDeletedArticle': [200, {}, html('<p class="weui-msg__title">该内容已被发送人删除</p>')],
  'mp.weixin.qq.com/s/CcCcExpiredLink?scene=21': [200, {}, html('<p class="weui-msg__title">链接已过期</p>')],
  'github.com/example-lab/old-bot': [200, {}, html('repo')],
  'www.example-lab.org/blog/old-post': [301, { location: 'https://www.example-lab.org/blog/new-post' }, ''],
  'www.example-lab.org/blog/new-post': [200, {}, html('new post')],
  'www.example-lab.org/': [200, {}, html('lab')],
  'papers.example.net/gone': [404, {}, html('Not Found')],
  'zhuanlan.zhihu.com/p/111111': [403, {}, html('403 Forbidden')],
  'www.youtube.com/watch?v=AbCdEfGh': [200, {}, html('video')],
};

let server: Server;
let agent: Agent;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = `${req.headers.host}${req.url}`;
    seen.push(`${req.method} ${key}`);
    const [status, headers, body] = WEB[key] ?? [404, {}, 'unknown page'];
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.60', resolve));
  const port = String((server.address() as AddressInfo).port);
  const connect = buildConnector({});
  // Every host, https included, is answered by the plain-HTTP server above.
  agent = new Agent({ connect: (opts, callback) => connect({ ...opts, protocol: 'http:', hostname: '127.0.0.60', port }, callback) });
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a seed-style list, end to end', () => {
  let run: LinkCheckRun;

  beforeAll(async () => {
    const text = await readFile(new URL('../fixtures/links-list.md', import.meta.url), 'utf8');
    const targets = collectLinkTargets([parseList(text, 'README.md')]);
    run = applyHistory(await checkLinks(targets, { ...FAST, dispatcher: agent }), emptyHistory(), { threshold: 1 }).run;
  });

  it('gives every link the right verdict', () => {
    const verdicts = Object.fromEntries(run.results.map((r) => [r.url, r.verdict]));
    expect(verdicts).toEqual({
      'arxiv.org/abs/2301.00001': 'alive',
      'mp.weixin.qq.com/s/AaAaLiveArticle01': 'alive',
      'mp.weixin.qq.com/s/BbBbDeletedArticle': 'dead',
      'mp.weixin.qq.com/s/CcCcExpiredLink': 'dead',
      'github.com/example-lab/old-bot': 'alive',
      'example-lab.org/blog/old-post': 'alive',
      'example-lab.org': 'alive',
      'papers.example.net/gone': 'dead',
      'zhuanlan.zhihu.com/p/111111': 'blocked',
      'youtube.com/watch?v=AbCdEfGh': 'alive',
    });
    expect(run.offline).toBe(false);
  });

  it('requests the paper once although the list links it as abs and as pdf', () => {
    expect(seen.filter((s) => s.includes('arxiv.org'))).toEqual(['HEAD arxiv.org/abs/2301.00001']);
  });

  it('writes the maintainer report: dead links by section with file:line, blocked and moved links collapsed', () => {
    const md = renderMarkdownReport(run);
    if (process.env.SHOW_REPORT) console.log(md);
    const dead = md.slice(md.indexOf('### Dead links (3)'), md.indexOf('<details>'));
    expect(dead).toContain('#### Big Models');
    expect(dead).toContain('`README.md:11`');
    expect(dead).toContain('WeChat: article deleted by its sender');
    expect(dead).toContain('`README.md:12`');
    expect(dead).toContain('WeChat: link expired');
    expect(dead).toContain('#### Surveys');
    expect(dead).toContain('[A survey of chat agents](https://papers.example.net/gone) — `README.md:21` · HTTP 404 · failing since');
    const collapsed = md.slice(md.indexOf('<details>'));
    expect(collapsed).toContain('Blocked links (1)');
    expect(collapsed).toContain('`README.md:22`');
    expect(collapsed).toContain('Moved permanently (1)');
    expect(collapsed).toContain('https://www.example-lab.org/blog/new-post');
  });
});
