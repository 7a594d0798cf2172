import { describe, expect, it } from 'vitest';
import { arxivId, isTracking, normalizeUrl, parsesAsUrl, requestUrl, withScheme } from '../src/core/url.js';

describe('normalizeUrl', () => {
  const same = (a: string, b: string) => expect(normalizeUrl(a)).toBe(normalizeUrl(b));
  const differ = (a: string, b: string) => expect(normalizeUrl(a)).not.toBe(normalizeUrl(b));

  it('treats http and https, www., a trailing slash, the default port and the fragment as the same resource', () => {
    same('http://example.com/post/', 'https://www.example.com/post');
    same('https://Example.COM:443/post#comments', 'https://example.com/post');
    same('http://example.com:80/', 'https://example.com');
    differ('https://example.com:8080/post', 'https://example.com/post');
  });

  it('drops tracking parameters and ignores the order of the others', () => {
    same('https://blog.example.com/a?utm_source=x&utm_medium=y&id=3', 'https://blog.example.com/a?id=3');
    same('https://example.com/a?fbclid=abc', 'https://example.com/a');
    same('https://example.com/a?spm=a2c6h.1&b=2&a=1', 'https://example.com/a?a=1&b=2');
    differ('https://example.com/a?id=3', 'https://example.com/a?id=4');
  });

  it("drops WeChat's share parameters only on WeChat, where they never name another article", () => {
    same(
      'https://mp.weixin.qq.com/s?__biz=MzA&mid=22&idx=1&sn=ab&chksm=84&scene=21#wechat_redirect',
      'https://mp.weixin.qq.com/s?__biz=MzA&mid=22&idx=1&sn=ab',
    );
    differ('https://docs.example.com/page?version=2', 'https://docs.example.com/page?version=3');
    same('https://baijiahao.baidu.com/s?id=175&wfr=spider&for=pc', 'https://baijiahao.baidu.com/s?id=175');
  });

  it('names one arXiv paper by its ID whatever the form: abs, pdf, .pdf, version', () => {
    expect(normalizeUrl('https://arxiv.org/abs/2201.08239')).toBe('arxiv.org/abs/2201.08239');
    same('https://arxiv.org/pdf/2201.08239v3.pdf', 'http://arxiv.org/abs/2201.08239');
    same('https://arxiv.org/pdf/2201.08239', 'https://arxiv.org/abs/2201.08239v1');
    differ('https://arxiv.org/abs/2201.08239', 'https://arxiv.org/abs/2201.08240');
  });

  it('reads a link written without a scheme as https, and refuses other schemes and garbage', () => {
    same('xiezuocat.com/chat', 'https://xiezuocat.com/chat');
    expect(normalizeUrl('mailto:someone@example.com')).toBeNull();
    expect(normalizeUrl('ftp://example.com/file')).toBeNull();
    expect(normalizeUrl('http://')).toBeNull();
  });
});

describe('URL helpers', () => {
  it('withScheme adds https:// only where no scheme is written', () => {
    expect(withScheme('example.com/x')).toBe('https://example.com/x');
    expect(withScheme('//cdn.example.com/x')).toBe('https://cdn.example.com/x');
    expect(withScheme('http://example.com')).toBe('http://example.com');
  });

  it('requestUrl keeps the written scheme and query but not the fragment', () => {
    expect(requestUrl('http://example.com/a?b=1#top')).toBe('http://example.com/a?b=1');
    expect(requestUrl('javascript:alert(1)')).toBeNull();
  });

  it('arxivId reads only arxiv.org paths', () => {
    expect(arxivId('arxiv.org', '/pdf/2302.14045v2.pdf')).toBe('2302.14045');
    expect(arxivId('example.org', '/abs/2302.14045')).toBeNull();
  });
});

/** normalizeUrl as it was written before its fast path: every URL through the URL parser. */
function normalizedByParser(raw: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(withScheme(raw.trim()));
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  let host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  if (host === 'm.thepaper.cn') host = 'thepaper.cn';
  const arxiv = arxivId(host, parsed.pathname);
  if (arxiv) return `arxiv.org/abs/${arxiv}`;
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  const params = [...parsed.searchParams.entries()].filter(([name]) => !isTracking(name, host));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

describe('normalizeUrl without the URL parser', () => {
  // Pieces a link is made of, with the ones the parser rewrites or refuses: case, punycode,
  // numeric hosts, ports, users, dot segments, encodings, `=` and `+` in a query, tabs.
  const schemes = ['https://', 'http://', 'HTTPS://', '', '//', 'ftp://'];
  const hosts = ['example.com', 'WWW.Example.COM', 'm.thepaper.cn', 'xn--fsq.com', 'a.XN--fsq', 'arxiv.org', 'mp.weixin.qq.com', '1.2.3.4', 'a.123', 'a.0x1f', 'a..b', 'example.com.', 'ex_ample.com', 'a-.b', '例子.com', 'user@host.com', 'host.com:443', 'host.com:8080', 'localhost', '-a.com'];
  const paths = ['', '/', '/a/b/', '/a//', '/s/AbC-_d', '/abs/2201.08239v2', '/pdf/2201.08239.pdf', '/./a', '/a/../b', '/a/.', '/%7Euser', "/it's", '/a b', '/a\\b', '/a|b', '/文章', '/a;b=c&d', '/~x/(y)*'];
  const queries = ['', '?', '?b=2&a=1', '?utm_source=x&id=3', '?a=b=c', '?a+b=c', '?a=%20', '?chksm=1&mid=2', '?&&x&y=', '?q=a*b.c-d_e', "?q='", '?A=1&a=2&A=0', '?x=1#?y=2'];
  const fragments = ['', '#top', '#a b', '#\tx'];
  it('gives the key the URL parser gives, for every mix of those pieces', () => {
    let compared = 0;
    for (const scheme of schemes) for (const host of hosts) for (const path of paths) for (const query of queries) for (const fragment of fragments) {
      const raw = `${scheme}${host}${path}${query}${fragment}`;
      expect(normalizeUrl(raw), raw).toBe(normalizedByParser(raw));
      expect(parsesAsUrl(raw), raw).toBe(parsesByParser(raw));
      compared++;
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

function parsesByParser(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
