import { describe, expect, it } from 'vitest';
import { findSameArticles } from '../../src/links/same-article.js';
import { normalizeUrl } from '../../src/core/url.js';
import type { LinkResult, Verdict } from '../../src/links/types.js';
import { resultFor } from './runs.js';

function result(url: string, line: number, extra: { finalUrl?: string; verdict?: Verdict; file?: string } = {}): LinkResult {
  return resultFor(normalizeUrl(url) ?? url, extra.verdict ?? 'alive', '2024-06-30T00:00:00.000Z', {
    requestUrl: url,
    occurrences: [{ file: extra.file ?? 'README.md', line, section: null, url, title: 'x' }],
    finalUrl: extra.finalUrl ?? null,
  });
}

const LONG = 'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867000&idx=2&sn=abc';

describe('findSameArticles', () => {
  it('names two long WeChat addresses of one article (old and new form) as the same article, after the first', () => {
    const old = 'https://mp.weixin.qq.com/mp/appmsg/show?__biz=MzA3MzI4MjgzMw==&appmsgid=2650867000&itemidx=2&sn=abc';
    const found = findSameArticles([result(LONG, 5), result(old, 9)]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 9, first: { line: 5 }, identity: 'wechat:MzA3MzI4MjgzMw==/2650867000/2' });
    expect(found[0].reason).toBe('Same article as line 5 (both are wechat:MzA3MzI4MjgzMw==/2650867000/2)');
  });

  it('links a short WeChat address to the long one through the identity its page gave, across files', () => {
    const short = result('https://mp.weixin.qq.com/s/AbCdEf', 3, { file: 'a.md' });
    const found = findSameArticles([result(LONG, 12, { file: 'b.md' }), short], new Map([[short.url, 'wechat:MzA3MzI4MjgzMw==/2650867000/2']]));
    expect(found.map((f) => f.reason)).toEqual(['Same article as a.md:3 (both are wechat:MzA3MzI4MjgzMw==/2650867000/2)']);
    expect(found[0]).toMatchObject({ file: 'b.md', line: 12 });
  });

  it('follows a permanent redirect to another listed address, but not one to a home page or from a dead link', () => {
    const found = findSameArticles([
      result('https://blog.example/2023/post', 4),
      result('https://old.example/p/1', 8, { finalUrl: 'https://blog.example/2023/post/' }),
      result('https://old.example/p/2', 9, { finalUrl: 'https://blog.example/' }),
      result('https://old.example/p/3', 10, { finalUrl: 'https://blog.example/' }),
      result('https://old.example/p/4', 11, { finalUrl: 'https://blog.example/2023/post', verdict: 'dead' }),
    ]);
    expect(found.map((f) => [f.line, f.reason])).toEqual([[8, 'Same article as line 4 (both lead to blog.example/2023/post)']]);
  });
});
