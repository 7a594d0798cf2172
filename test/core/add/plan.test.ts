import { describe, expect, it } from 'vitest';
import { planAddition, type AddRequest } from '../../../src/core/add/plan.js';
import { defaultConfig } from '../../../src/core/config/config-types.js';
import { loadConfig } from '../../../src/core/config/config.js';
import type { PageMetadata } from '../../../src/links/metadata/types.js';
import { applied, expectLintAndSortClean, wechatPage } from './helpers.js';

/** A list in the seed's shape: projects under a heading, `blog:` and `其他:` labels, a repost nested under its original. */
const SEED = [
  '## Dialogue',
  '',
  '### Large Models',
  '  * ChatGLM',
  '    - author: THUDM',
  '    - blog:',
  '      - [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14',
  '        - [ChatGLM 内测解读](https://mp.weixin.qq.com/s/AAAB) | AINLP 2023-03-15',
  '      - [ChatGLM-6B 开源](https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=abc) | 量子位 2023-03-20',
  '    - 其他:',
  '      - [清华 ChatGLM 访谈](https://mp.weixin.qq.com/s/CCCC) | 新智元 2023-03-18',
  '  * MOSS',
  '    - blog:',
  '      - [复旦 MOSS 开放测试](https://mp.weixin.qq.com/s/DDDD) | 机器之心 2023-02-21',
  '      - [MOSS 团队访谈](https://mp.weixin.qq.com/s/EEEE) | 深度学习自然语言处理 2023-03-02',
  '',
  '### Blogs & Reviews',
  '  * [2022年对话技术梳理](https://mp.weixin.qq.com/s/FFFF) | 李rumor 2022-11-08',
  '  * [大型语言模型技术精要](https://zhuanlan.zhihu.com/p/597586623) | 张俊林 2023-01-18',
  '',
].join('\n');

const NEW_URL = 'https://mp.weixin.qq.com/s/NewArticle1';

function plan(text: string, request: Partial<AddRequest>, page: PageMetadata | null = null, config = defaultConfig()) {
  return planAddition(text, 'README.md', page, { url: NEW_URL, ...request }, config);
}

describe('planAddition: where the entry goes', () => {
  it('puts the entry at its date in the named list, after an earlier item together with its nested repost', () => {
    expectLintAndSortClean(SEED);
    const page = wechatPage(NEW_URL, { title: 'ChatGLM 推理加速', source: '机器之心', date: '2023-03-16' });
    const result = plan(SEED, { to: 'ChatGLM › blog' }, page);
    expect(result).toMatchObject({ ok: true, entry: `[ChatGLM 推理加速](${NEW_URL}) | 机器之心 2023-03-16`, listPath: 'ChatGLM › blog', line: 9 });
    const text = applied(SEED, result);
    expect(text.split('\n').slice(6, 10)).toEqual([
      '      - [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14',
      '        - [ChatGLM 内测解读](https://mp.weixin.qq.com/s/AAAB) | AINLP 2023-03-15',
      `      - [ChatGLM 推理加速](${NEW_URL}) | 机器之心 2023-03-16`,
      '      - [ChatGLM-6B 开源](https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=abc) | 量子位 2023-03-20',
    ]);
    // Nothing else changed: removing the new line gives the old text back.
    expect(text.replace(`      - [ChatGLM 推理加速](${NEW_URL}) | 机器之心 2023-03-16\n`, '')).toBe(SEED);
    expectLintAndSortClean(text);
  });

  it('puts the oldest entry first and the newest last, and the same day after the entries already there', () => {
    const fields = { title: 'x', source: 'y' };
    const first = applied(SEED, plan(SEED, { to: 'MOSS › blog', ...fields, date: '2023-01-01' }));
    expect(first.split('\n')[13]).toBe(`      - [x](${NEW_URL}) | y 2023-01-01`);
    expectLintAndSortClean(first);
    const last = applied(SEED, plan(SEED, { to: 'MOSS › blog', ...fields, date: '2023-04-01' }));
    expect(last.split('\n')[15]).toBe(`      - [x](${NEW_URL}) | y 2023-04-01`);
    expectLintAndSortClean(last);
    const sameDay = applied(SEED, plan(SEED, { to: 'MOSS › blog', ...fields, date: '2023-02-21' }));
    expect(sameDay.split('\n')[14]).toBe(`      - [x](${NEW_URL}) | y 2023-02-21`);
  });

  it('keeps a newest-first list newest first', () => {
    const desc = [
      '## News',
      '',
      '- [d](https://example.com/d) | Lab 2023-04-01',
      '- [c](https://example.com/c) | Lab 2023-03-01',
      '- [b](https://example.com/b) | Lab 2023-02-01',
      '- [a](https://example.com/a) | Lab 2023-01-01',
      '',
    ].join('\n');
    const result = plan(desc, { to: 'News', title: 'new', source: 'Lab', date: '2023-02-15' });
    expect(result).toMatchObject({ ok: true, line: 5 });
    const text = applied(desc, result);
    expect(text.split('\n')[4]).toBe(`- [new](${NEW_URL}) | Lab 2023-02-15`);
    expectLintAndSortClean(text);
  });

  it('writes the siblings’ marker and indentation (`+`, four spaces) and keeps a loose list loose', () => {
    const plus = [
      '# Reading',
      '',
      '* Models',
      '',
      '    + [one](https://example.com/1) | Lab 2023-01-01',
      '',
      '    + [two](https://example.com/2) | Lab 2023-03-01',
      '',
    ].join('\n');
    const text = applied(plus, plan(plus, { to: 'Models', title: 'mid', source: 'Lab', date: '2023-02-01' }));
    expect(text).toBe(plus.replace('\n    + [two]', `\n    + [mid](${NEW_URL}) | Lab 2023-02-01\n\n    + [two]`));
    expectLintAndSortClean(text);
  });

  it('keeps CRLF line endings; offsets are in the text without the BOM, as every core edit', () => {
    const crlf = `\uFEFF${SEED.replace(/\n/g, '\r\n')}`;
    const result = plan(crlf, { to: 'Blogs & Reviews', title: 'x', source: 'y', date: '2022-12-01' });
    const text = applied(crlf, result);
    expect(text).toBe(SEED.replace('\n  * [大型', `\n  * [x](${NEW_URL}) | y 2022-12-01\n  * [大型`).replace(/\n/g, '\r\n'));
    expectLintAndSortClean(text);
  });

  it('adds a newest entry before a `</br>` joined to the last item, so the list still ends with it', () => {
    const closed = ['## Blog', '', '- [a](https://example.com/a) | Lab 2023-01-05', '- [b](https://example.com/b) | Lab 2023-03-05', '</br>', '', '## Next', ''].join('\n');
    const text = applied(closed, plan(closed, { to: 'Blog', title: 'c', source: 'Lab', date: '2023-04-01' }));
    expect(text).toBe(closed.replace('\n</br>', `\n- [c](${NEW_URL}) | Lab 2023-04-01\n</br>`));
  });

  it('appends to a list without dated entries', () => {
    const undated = ['## Reading', '', '- blog:', '  - [one](https://example.com/1)', '  - [two](https://example.com/2)', ''].join('\n');
    const text = applied(undated, plan(undated, { to: 'blog', title: 'three', source: 'Lab', date: '2023-01-01' }));
    expect(text.split('\n')[5]).toBe(`  - [three](${NEW_URL}) | Lab 2023-01-01`);
  });

  it('writes only the parts the list’s entries carry: no date in a list of `title | source` digests', () => {
    const digest = ['## Digest', '', '- [a](https://example.com/a) | Alice | Lab', '- [b](https://example.com/b) | Bob | Lab', '- [c](https://example.com/c) | Carol | Lab', ''].join('\n');
    const result = plan(digest, { to: 'Digest', title: 'd', source: 'Dan' });
    expect(result).toMatchObject({ ok: true, entry: `[d](${NEW_URL}) | Dan` });
    expectLintAndSortClean(applied(digest, result));
  });

  it('writes the date in the configured style', () => {
    const loaded = loadConfig('rules:\n  date-format:\n    style: YYYY年MM月DD日\n', 'lk.yml');
    if (!loaded.ok) throw new Error(loaded.error);
    const cn = ['## Blog', '', '- [a](https://example.com/a) | Lab 2023年01月05日', '- [b](https://example.com/b) | Lab 2023年03月05日', ''].join('\n');
    const text = applied(cn, plan(cn, { to: 'Blog', title: 'new', source: 'Lab', date: '2023-02-01' }, null, loaded.config));
    expect(text.split('\n')[3]).toBe(`- [new](${NEW_URL}) | Lab 2023年02月01日`);
    expectLintAndSortClean(text, loaded.config);
  });
});

describe('planAddition: refusals', () => {
  it('refuses an address already listed, naming the first copy, whatever the tracking parameters or scheme', () => {
    const result = plan(SEED, { url: 'http://mp.weixin.qq.com/s/CCCC?scene=21#wechat_redirect', to: 'ChatGLM › blog', title: 'x', source: 'y', date: '2023-03-16' });
    expect(result).toMatchObject({ ok: false, kind: 'duplicate', line: 11 });
    if (result.ok) return;
    expect(result.message).toBe("already listed at README.md:11: '清华 ChatGLM 访谈' (2023-03-18), https://mp.weixin.qq.com/s/CCCC: the same address (after normalizing)");
  });

  it('refuses the short WeChat address of an article listed under its long address (the page’s og:url identity)', () => {
    const page = wechatPage(NEW_URL, { title: 'ChatGLM-6B 开源', source: '量子位', date: '2023-03-20', identity: 'wechat:MzA3MzI4MjgzMw==/2650867323/1' });
    const result = plan(SEED, { to: 'ChatGLM › blog' }, page);
    expect(result).toMatchObject({ ok: false, kind: 'duplicate', line: 9 });
    if (result.ok) return;
    expect(result.message).toMatch(/^already listed at README\.md:9: 'ChatGLM-6B 开源' \(2023-03-20\), .*: the same WeChat article \(wechat:MzA3MzI4MjgzMw==\/2650867323\/1, from the page's og:url\)$/);
  });

  it('refuses the long WeChat address of a listed article given with other parameters', () => {
    const long = 'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=other&chksm=1#rd';
    expect(plan(SEED, { url: long, to: 'MOSS › blog', title: 'x', source: 'y', date: '2023-03-01' })).toMatchObject({ ok: false, kind: 'duplicate', line: 9 });
  });

  it('takes neither a publisher’s home linked as a source nor a link `duplicate-link` allows for a duplicate', () => {
    const sourced = ['## Blog', '', '- [a](https://openai.com/blog/a) | [OpenAI](https://openai.com/) 2023-01-05', ''].join('\n');
    expect(plan(sourced, { url: 'https://openai.com/', to: 'Blog', title: 'OpenAI', source: 'OpenAI', date: '2023-02-01' })).toMatchObject({ ok: true });
    const loaded = loadConfig("rules:\n  duplicate-link:\n    allow: ['^https://mp\\.weixin\\.qq\\.com/s/CCCC$']\n", 'lk.yml');
    if (!loaded.ok) throw new Error(loaded.error);
    const again = plan(SEED, { url: 'https://mp.weixin.qq.com/s/CCCC', to: 'MOSS › blog', title: 'x', source: 'y', date: '2023-03-01' }, null, loaded.config);
    expect(again).toMatchObject({ ok: true });
  });

  it('asks by flag for what the page does not say, and never invents it', () => {
    const page = wechatPage(NEW_URL, { title: 'ChatGLM 推理加速' });
    const result = plan(SEED, { to: 'ChatGLM › blog' }, page);
    expect(result).toEqual({ ok: false, kind: 'missing', missing: ['source', 'date'], entry: null, message: 'the page does not say its source, date: pass --source S, --date YYYY-MM-DD' });
    expect(plan(SEED, { to: 'ChatGLM › blog', source: '机器之心', date: '2023-03-16' }, page)).toMatchObject({ ok: true });
  });

  it('names the lists a --to path could mean, and the near names of one it does not find', () => {
    const ambiguous = plan(SEED, { to: 'blog', title: 'x', source: 'y', date: '2023-03-16' });
    expect(ambiguous).toMatchObject({ ok: false, kind: 'ambiguous', candidates: ['ChatGLM › blog', 'MOSS › blog'] });
    if (!ambiguous.ok) expect(ambiguous.message).toBe('--to "blog" names 2 lists: "ChatGLM › blog" (line 7), "MOSS › blog" (line 14); name one of them');
    const notFound = plan(SEED, { to: 'ChatGLM › news', title: 'x', source: 'y', date: '2023-03-16' });
    expect(notFound).toMatchObject({ ok: false, kind: 'no-list', candidates: ['ChatGLM › blog', '其他'] });
  });

  it('without --to, prints the entry and suggests the lists whose names share words with the title', () => {
    const page = wechatPage(NEW_URL, { title: '复旦 MOSS 开源了', source: '机器之心', date: '2023-04-21' });
    const result = plan(SEED, {}, page);
    expect(result).toMatchObject({ ok: false, kind: 'no-list', entry: `[复旦 MOSS 开源了](${NEW_URL}) | 机器之心 2023-04-21` });
    if (!result.ok && result.kind === 'no-list') expect(result.candidates[0]).toBe('MOSS › blog');
  });

  it('refuses what is not a URL or not a date, and a file without a list of entries, as bad input', () => {
    expect(plan(SEED, { url: 'ftp://example.com/x', to: 'MOSS › blog' })).toMatchObject({ ok: false, kind: 'bad-input' });
    const awesome = ['# Awesome', '', '- [Rust](https://github.com/rust-unofficial/awesome-rust) - Systems programming.', ''].join('\n');
    expect(plan(awesome, { title: 'x', source: 'y', date: '2023-01-01' })).toMatchObject({ ok: false, kind: 'bad-input', message: expect.stringMatching(/^no list here holds entries like/) });
    expect(plan(SEED, { to: 'MOSS › blog', title: 'x', source: 'y', date: '2023-02-30' })).toEqual({
      ok: false,
      kind: 'bad-input',
      message: '--date "2023-02-30" is not a calendar date (write YYYY-MM-DD)',
    });
  });
});

describe('planAddition: the entry as written', () => {
  it('cleans the page title of its site suffix, escapes bars and brackets, and drops tracking parameters', () => {
    const url = 'https://zhuanlan.zhihu.com/p/123456?utm_source=wechat&utm_medium=social';
    const page: PageMetadata = { ...wechatPage(url, { title: 'ChatGLM | 推理 [实测] - 知乎', source: '张三', date: '2023-03-16' }), site: 'zhihu' };
    const result = plan(SEED, { url, to: 'ChatGLM › 其他' }, page);
    expect(result).toMatchObject({ ok: true, entry: '[ChatGLM \\| 推理 \\[实测\\]](https://zhuanlan.zhihu.com/p/123456) | 张三 2023-03-16' });
    expectLintAndSortClean(applied(SEED, result));
  });

  it('keeps the WeChat short form as given, without its share parameters', () => {
    const result = plan(SEED, { url: `${NEW_URL}?scene=1&from=timeline#rd`, to: 'MOSS › blog', title: 'x', source: 'y', date: '2023-03-03' });
    expect(result).toMatchObject({ ok: true, entry: `[x](${NEW_URL}) | y 2023-03-03` });
  });

  it('passes on lint warnings on the new line, such as a title already listed under another link', () => {
    const result = plan(SEED, { to: 'MOSS › blog', title: 'ChatGLM 内测', source: 'y', date: '2023-03-03' });
    expect(result.ok && result.warnings).toEqual([{ line: 16, message: expect.stringMatching(/^Title `ChatGLM 内测` is already used for another link at README\.md:7 .*\(duplicate-title\)$/) }]);
  });

  it('warns, naming the line, when the new entry makes lint read another line differently', () => {
    // Two dated entries of four items: the repository link is a project link. A third makes it a lone link among entries.
    const project = [
      '## Models',
      '',
      '- ChatYuan:',
      '  - code: https://github.com/clue-ai/ChatYuan',
      '  - [ChatYuan: 元语功能型对话大模型](https://github.com/clue-ai/ChatYuan-7B)',
      '  - [部署 ChatYuan 仅需 6G 显存](https://mp.weixin.qq.com/s/G1) | 新智元 2023-02-03',
      '  - [ChatYuan 元语对话大模型升级](https://mp.weixin.qq.com/s/G2) | 机器之心 2023-02-21',
      '',
    ].join('\n');
    expectLintAndSortClean(project);
    const result = plan(project, { to: 'ChatYuan', title: 'x', source: 'y', date: '2023-03-01' });
    expect(result.ok && result.warnings).toEqual([{ line: 5, message: expect.stringMatching(/\(entry-format\)$/) }]);
  });
});
