/**
 * extractPageMetadata on the hand-written pages in examples/pages (the shapes
 * WeChat, Zhihu, arXiv and a JSON-LD blog really use): every field and where
 * it came from, without any network.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wechatArticleIdentity } from '../../../src/core/url-identity.js';
import { extractPageMetadata } from '../../../src/links/index.js';

const page = (name: string) => readFileSync(new URL(`../../../examples/pages/${name}`, import.meta.url), 'utf8');
const fieldsOf = (url: string, html: string, finalUrl = url) => {
  const { site, title, source, published, identity } = extractPageMetadata(url, finalUrl, html);
  return { site, title, source, published: published && { value: published.value.value, from: published.from }, identity };
};

const WECHAT_LONG = 'http://mp.weixin.qq.com/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d';

describe('WeChat article', () => {
  it('reads title, account, publish day in UTC+8 and the __biz/mid/idx identity from a short /s/ address', () => {
    expect(fieldsOf('https://mp.weixin.qq.com/s/I6EV6cmlql5kYiwAuwxXEg', page('wechat-article.html'))).toEqual({
      site: 'wechat',
      title: { value: '聊聊对话大模型的数据配比 & 训练细节', from: 'og:title' },
      // Not og:site_name (微信公众平台) and not the article's author (张三): the account.
      source: { value: 'AINLP', from: 'WeChat #js_name' },
      // ct is 2023-04-11 17:00 UTC, 01:00 on the 12th in Beijing.
      published: { value: '2023-04-12', from: 'WeChat var ct (UTC+8)' },
      identity: { value: 'wechat:MzIzNjc1NzUzMw==/2247623001/2', from: 'WeChat og:url' },
    });
  });

  it('gives the short form the identity the long address has, so the two are one article', () => {
    const short = extractPageMetadata('https://mp.weixin.qq.com/s/I6EV6cmlql5kYiwAuwxXEg', 'https://mp.weixin.qq.com/s/I6EV6cmlql5kYiwAuwxXEg', page('wechat-article.html'));
    expect(short.identity?.value).toBe(wechatArticleIdentity(WECHAT_LONG));
  });

  it('falls back to msg_link (JavaScript-escaped, with &amp;) when og:url is missing', () => {
    const html = page('wechat-article.html').replace(/<meta property="og:url"[^>]*>/, '');
    expect(fieldsOf('https://mp.weixin.qq.com/s/x', html).identity).toEqual({ value: 'wechat:MzIzNjc1NzUzMw==/2247623001/2', from: 'WeChat var msg_link' });
  });

  it('falls back to var biz/mid/idx when neither og:url nor msg_link is there', () => {
    const html = page('wechat-article.html').replace(/<meta property="og:url"[^>]*>/, '').replace(/var msg_link = .*;/, '');
    expect(fieldsOf('https://mp.weixin.qq.com/s/x', html).identity).toEqual({ value: 'wechat:MzIzNjc1NzUzMw==/2247623001/2', from: 'WeChat var biz/mid/idx' });
  });

  it('reads the account from var nickname and the title from #activity-name when the tags are missing', () => {
    const html = page('wechat-article.html')
      .replace(/<meta property="og:title"[^>]*>/, '')
      .replace('id="js_name"', '')
      .replace(/<strong class="profile_nickname">AINLP<\/strong>/, '');
    const fields = fieldsOf('https://mp.weixin.qq.com/s/x', html);
    expect(fields.title).toEqual({ value: '聊聊对话大模型的数据配比 & 训练细节', from: 'WeChat #activity-name' });
    expect(fields.source).toEqual({ value: 'AINLP', from: 'WeChat var nickname' });
  });

  it('reads create_time when var ct is empty', () => {
    const html = page('wechat-article.html').replace('var ct = "1681232400";', 'var ct = "";');
    expect(fieldsOf('https://mp.weixin.qq.com/s/x', html).published).toEqual({ value: '2023-04-12', from: 'WeChat create_time (UTC+8)' });
  });

  it("reads a newer page's create_time written as a Beijing date-time", () => {
    const html = page('wechat-article.html')
      .replace('var ct = "1681232400";', '')
      .replace('var publish_time = "2023-04-12" || "";', '')
      .replace('var create_time = "1681232400" * 1;', "create_time: JsDecode('2023-04-12 01:00'),");
    expect(fieldsOf('https://mp.weixin.qq.com/s/x', html).published).toEqual({ value: '2023-04-12', from: 'WeChat create_time (UTC+8)' });
  });

  it('finds nothing on a deleted article page but its address', () => {
    expect(fieldsOf('https://mp.weixin.qq.com/s/Gone', page('wechat-deleted.html'))).toEqual({
      site: 'wechat',
      title: null,
      source: null,
      published: null,
      identity: { value: 'url:mp.weixin.qq.com/s/Gone', from: 'final URL' },
    });
  });
});

describe('Zhihu article', () => {
  const url = 'https://zhuanlan.zhihu.com/p/612345678';

  it('reads the author, and the publish day in UTC+8 from a UTC datePublished', () => {
    expect(fieldsOf(url, page('zhihu-article.html'))).toEqual({
      site: 'zhihu',
      title: { value: '对话系统评测方法综述：从 BLEU 到 LLM-as-a-Judge', from: 'og:title' },
      // Not og:site_name (知乎专栏).
      source: { value: '李四', from: 'Zhihu itemprop author' },
      // 2023-01-17T16:30Z is 00:30 on the 18th in Beijing; the page's 编辑于 line is a later edit.
      published: { value: '2023-01-18', from: 'Zhihu itemprop datePublished (UTC+8)' },
      identity: { value: 'url:zhuanlan.zhihu.com/p/612345678', from: 'link rel=canonical' },
    });
  });

  it('strips " - 知乎" from the <title> when that is all there is', () => {
    const html = page('zhihu-article.html').replace(/<meta data-rh="true" property="og:title"[^>]*>/, '').replace(/<meta itemProp="headline"[^>]*>/, '');
    const withoutState = html.replace(/<script id="js-initialData"[\s\S]*?<\/script>/, '');
    expect(fieldsOf(url, withoutState).title).toEqual({ value: '对话系统评测方法综述：从 BLEU 到 LLM-as-a-Judge', from: '<title>' });
  });

  it('falls back to the page state: author, then column, and created as a day in UTC+8', () => {
    const html = page('zhihu-article.html').replace(/<meta itemProp="name" content="李四"\/>/, '').replace(/<meta itemProp="datePublished"[^>]*>/, '');
    const fields = fieldsOf(url, html);
    expect(fields.source).toEqual({ value: '李四', from: 'Zhihu js-initialData author' });
    expect(fields.published).toEqual({ value: '2023-01-18', from: 'Zhihu js-initialData created (UTC+8)' });
    const noAuthor = html.replace('"author":{"name":"李四","urlToken":"li-si-dialogue","type":"people"},', '');
    expect(fieldsOf(url, noAuthor).source).toEqual({ value: '对话系统笔记', from: 'Zhihu js-initialData column' });
  });
});

describe('arXiv abstract page', () => {
  it('reads citation_title, the first version day, arXiv as the source and the versionless id', () => {
    expect(fieldsOf('https://arxiv.org/abs/2303.01234v3', page('arxiv-abs.html'))).toEqual({
      site: 'arxiv',
      title: { value: 'Measuring Dialogue Coherence with Contrastive Probes', from: 'citation_title' },
      source: { value: 'arXiv', from: 'arXiv abstract page' },
      published: { value: '2023-03-02', from: 'citation_date' },
      identity: { value: 'arxiv:2303.01234', from: 'citation_arxiv_id' },
    });
  });

  it('takes citation_online_date when citation_date is missing, and the id from the canonical link', () => {
    const html = page('arxiv-abs.html').replace(/<meta name="citation_date"[^>]*>/, '').replace(/<meta name="citation_arxiv_id"[^>]*>/, '');
    const fields = fieldsOf('https://arxiv.org/abs/2303.01234', html);
    expect(fields.published).toEqual({ value: '2023-11-20', from: 'citation_online_date' });
    expect(fields.identity).toEqual({ value: 'arxiv:2303.01234', from: 'link rel=canonical' });
  });
});

describe('generic pages', () => {
  it('reads a blog post from JSON-LD: publisher, the day in the offset it was written in, the canonical address', () => {
    expect(fieldsOf('https://blog.example-lab.org/posts/eval-without-humans/?utm_source=feed', page('blog-jsonld.html'))).toEqual({
      site: 'generic',
      // og:title ends in " | Example Lab", the publisher's name.
      title: { value: 'Evaluating chat models without humans', from: 'og:title' },
      source: { value: 'Example Lab', from: 'JSON-LD Article.publisher' },
      // 2023-04-12T23:30-07:00 is the 13th in UTC; the post says the 12th. Not the <time> of the update.
      published: { value: '2023-04-12', from: 'JSON-LD Article.datePublished' },
      identity: { value: 'url:blog.example-lab.org/posts/eval-without-humans', from: 'link rel=canonical' },
    });
  });

  it('prefers og:site_name and article:published_time when a page has them', () => {
    const html = page('blog-jsonld.html').replace(
      '<meta property="og:locale" content="en_US">',
      '<meta property="og:site_name" content="The Example Lab Blog"><meta property="article:published_time" content="2023-04-11T10:00:00+00:00">',
    );
    const fields = fieldsOf('https://blog.example-lab.org/posts/eval-without-humans/', html);
    expect(fields.source).toEqual({ value: 'The Example Lab Blog', from: 'og:site_name' });
    expect(fields.published).toEqual({ value: '2023-04-11', from: 'article:published_time' });
  });

  it('reads a page with only a <title>: entities decoded, whitespace collapsed, nothing else invented', () => {
    expect(fieldsOf('http://notes.example.net/dialogue', page('only-title.html'), 'http://notes.example.net/dialogue/')).toEqual({
      site: 'generic',
      title: { value: 'Notes on dialogue evaluation — metrics & pitfalls', from: '<title>' },
      source: null,
      published: null,
      identity: { value: 'url:notes.example.net/dialogue', from: 'final URL' },
    });
  });

  it('keeps a title part that is not the site name, and strips one that repeats the heading', () => {
    const html = (title: string, h1 = '') => `<html><head><title>${title}</title><meta property="og:site_name" content="Example Lab"></head><body>${h1}</body></html>`;
    expect(fieldsOf('https://e.example/a', html('Scaling laws | Part 2')).title?.value).toBe('Scaling laws | Part 2');
    expect(fieldsOf('https://e.example/a', html('Scaling laws - Example Lab')).title?.value).toBe('Scaling laws');
    expect(fieldsOf('https://e.example/a', html('Scaling laws · Jane’s notes', '<h1>Scaling laws</h1>')).title?.value).toBe('Scaling laws');
  });

  it('does not take a home page declared as every page’s canonical or og:url for the post’s identity', () => {
    const html = '<html><head><title>Post</title><link rel="canonical" href="https://blog.example.net/"><meta property="og:url" content="https://blog.example.net"></head></html>';
    expect(fieldsOf('https://blog.example.net/2023/04/post?utm_source=x', html).identity).toEqual({ value: 'url:blog.example.net/2023/04/post', from: 'final URL' });
    expect(fieldsOf('https://www.blog.example.net/', html).identity).toEqual({ value: 'url:blog.example.net', from: 'link rel=canonical' });
  });

  it('reads <time datetime> and ignores dates that are not calendar days', () => {
    const html = (time: string) => `<html><head><title>t</title></head><body><article><time datetime="${time}">x</time></article></body></html>`;
    expect(fieldsOf('https://e.example/a', html('2023-02-19T08:00:00+08:00')).published).toEqual({ value: '2023-02-19', from: '<time datetime>' });
    expect(fieldsOf('https://e.example/a', html('2023-02-30')).published).toBeNull();
  });

  it('skips a JSON-LD block it cannot parse and still reads the rest of the page', () => {
    const html = page('blog-jsonld.html').replace('{"@context"', '{"@context" oops');
    const fields = fieldsOf('https://blog.example-lab.org/posts/eval-without-humans/', html);
    expect(fields.published).toEqual({ value: '2023-04-20', from: '<time datetime>' });
    // No publisher to name the suffix now; the page's <h1> still shows where the title ends.
    expect(fields.title?.value).toBe('Evaluating chat models without humans');
  });
});
