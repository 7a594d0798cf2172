/** Which list file `/add` writes to when several are configured (the planning itself is core's). */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config/config-types.js';
import { planAdditionInLists } from '../../src/github/commands/add/plan-lists.js';
import { wechatPage } from '../core/add/helpers.js';

const list = (heading: string, entry: string): string => ['# Reading', '', `## ${heading}`, '', entry, ''].join('\n');

const LISTS = [
  { path: 'lists/blogs.md', text: list('Blogs', '- [Scaling laws](https://example.org/scaling) | Lab Notes 2023-01-05') },
  { path: 'lists/papers.md', text: `\uFEFF${list('Surveys', '- [A survey](https://example.org/survey) | arXiv 2023-01-07')}` },
];

const REQUEST = { url: 'https://example.org/new', title: 'New post', source: 'Lab Notes', date: '2023-02-01' };

function plan(to: string | undefined) {
  return planAdditionInLists({ lists: LISTS, page: null, request: { ...REQUEST, ...(to === undefined ? {} : { to }) }, config: defaultConfig() });
}

describe('/add across list files', () => {
  it('writes to the one file whose list the path names, keeping its BOM', () => {
    const result = plan('Surveys');
    expect(result).toMatchObject({ ok: true, path: 'lists/papers.md', bom: true, listPath: 'Surveys', line: 6 });
    if (!result.ok) return;
    expect(result.newText.split('\n')[5]).toBe('- [New post](https://example.org/new) | Lab Notes 2023-02-01');
  });

  it('takes the file named at the start of the path', () => {
    expect(plan('lists/blogs.md › Blogs')).toMatchObject({ ok: true, path: 'lists/blogs.md', listPath: 'Blogs' });
    expect(plan('lists/other.md › Blogs')).toMatchObject({ ok: false, kind: 'no-file' });
  });

  it('quotes the path as written, backticks included, in a code span', () => {
    expect(plan('lists/`odd`.md › Blogs')).toMatchObject({ ok: false, kind: 'no-file', message: 'no list file of the configuration is named ``lists/`odd`.md › Blogs``' });
  });

  it('refuses an article listed in any file, naming that file and line', () => {
    const result = plan('Blogs');
    expect(result.ok).toBe(true);
    const listed = planAdditionInLists({ lists: LISTS, page: null, request: { ...REQUEST, url: 'https://example.org/survey', to: 'Blogs' }, config: defaultConfig() });
    expect(listed).toMatchObject({ ok: false, kind: 'duplicate', path: 'lists/papers.md', line: 5 });
  });

  it('without a path, names the lists of every file to choose from', () => {
    const result = plan(undefined);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe('no-list');
  });
});

describe('/add of a WeChat article, whose listed short addresses say which article they are only through their pages', () => {
  const SHORT = 'https://mp.weixin.qq.com/s/SameDay';
  const LONG = 'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=1&idx=1';
  const lists = [
    { path: 'lists/blogs.md', text: list('Blogs', `- [ChatGLM 内测](${SHORT}) | 机器之心 2023-03-14`) },
    { path: 'lists/papers.md', text: list('Surveys', '- [Far away](https://mp.weixin.qq.com/s/OtherDay) | AINLP 2021-01-01') },
  ];
  const page = wechatPage(LONG, { title: 'ChatGLM-6B 开源', date: '2023-03-14', identity: 'wechat:MzA3MzI4MjgzMw==/1/1' });
  const input = { lists, page, request: { url: LONG, to: 'Blogs', source: '机器之心' }, config: defaultConfig() };

  it('asks first for the listed short addresses that could be it (dated within a day, or titled alike)', () => {
    expect(planAdditionInLists(input)).toEqual({ ok: false, kind: 'read-listed', pages: [SHORT] });
  });

  it('with what those pages name, refuses the same article naming its line, or adds another one', () => {
    const same = planAdditionInLists({ ...input, listed: new Map([[SHORT, 'wechat:MzA3MzI4MjgzMw==/1/1']]) });
    expect(same).toMatchObject({ ok: false, kind: 'duplicate', path: 'lists/blogs.md', line: 5 });
    const other = planAdditionInLists({ ...input, listed: new Map([[SHORT, 'wechat:MzA3MzI4MjgzMw==/9/1']]) });
    expect(other).toMatchObject({ ok: true, path: 'lists/blogs.md' });
  });

  it('asks for nothing when the page is not a WeChat article', () => {
    expect(planAdditionInLists({ ...input, page: null, request: { ...input.request, title: 'T', date: '2023-03-14' } })).toMatchObject({ ok: true });
  });
});
