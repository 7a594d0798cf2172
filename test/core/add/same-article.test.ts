import { describe, expect, it } from 'vitest';
import { listedPagesToRead } from '../../../src/core/add/same-article.js';
import { parseList } from '../../../src/core/parse.js';
import { wechatPage } from './helpers.js';

const LIST = [
  '## Blogs',
  '',
  '* [ChatGLM 内测](https://mp.weixin.qq.com/s/DayBefore) | 机器之心 2023-03-13',
  '* [Another article](https://mp.weixin.qq.com/s/TwoDaysOff) | 量子位 2023-03-16',
  '* [chatglm: 6b, open-sourced!](https://mp.weixin.qq.com/s/SameTitle) | AINLP 2022-01-01',
  '* [ChatGLM 内测](https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=abc) | 量子位 2023-03-14',
  '* [ChatGLM 内测](https://example.org/chatglm) | Example 2023-03-14',
  '',
].join('\n');

const PAGE = wechatPage('https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=1&idx=1', {
  title: 'ChatGLM-6B Open-Sourced',
  date: '2023-03-14',
  identity: 'wechat:MzA3MzI4MjgzMw==/1/1',
});

describe('listedPagesToRead', () => {
  it('reads the listed short WeChat addresses dated within a day of the page or with its title, and no other', () => {
    expect(listedPagesToRead(parseList(LIST, 'README.md'), PAGE)).toEqual([
      'https://mp.weixin.qq.com/s/DayBefore',
      'https://mp.weixin.qq.com/s/SameTitle',
    ]);
  });
  it('reads nothing for a page without a WeChat identity', () => {
    const page = { ...PAGE, identity: { value: 'url:example.org/chatglm', from: 'canonical' } };
    expect(listedPagesToRead(parseList(LIST, 'README.md'), page)).toEqual([]);
  });
});
