import { describe, expect, it } from 'vitest';
import { cleanTitle, formatEntry, keptUrl } from '../../../src/core/add/format-entry.js';
import { parseList } from '../../../src/core/parse.js';

describe('keptUrl', () => {
  it('drops tracking parameters and WeChat share fragments, keeping the rest as typed', () => {
    expect(keptUrl('https://mp.weixin.qq.com/s/AbC-d_9?scene=21&chksm=1#wechat_redirect')).toBe('https://mp.weixin.qq.com/s/AbC-d_9');
    expect(keptUrl('https://mp.weixin.qq.com/s?__biz=MzA3==&mid=26&idx=1&sn=ab&chksm=84&scene=21#rd')).toBe('https://mp.weixin.qq.com/s?__biz=MzA3==&mid=26&idx=1&sn=ab');
    expect(keptUrl('https://example.com/文章?utm_source=x&id=3#part-2')).toBe('https://example.com/文章?id=3#part-2');
    expect(keptUrl('example.com/post')).toBe('https://example.com/post');
  });

  it('keeps a parameter that only WeChat treats as tracking on other sites', () => {
    expect(keptUrl('https://example.com/search?from=2020&scene=3')).toBe('https://example.com/search?from=2020&scene=3');
  });

  it('encodes what would end the Markdown link, and refuses what is no http(s) URL', () => {
    expect(keptUrl('https://example.com/a b(c')).toBe('https://example.com/a%20b%28c');
    expect(keptUrl('https://en.wikipedia.org/wiki/Bert_(model)')).toBe('https://en.wikipedia.org/wiki/Bert_(model)');
    expect(keptUrl('mailto:a@example.com')).toBeNull();
    expect(keptUrl('not a url at all')).toBeNull();
  });
});

describe('cleanTitle', () => {
  it('drops a site or publisher suffix, never a bar that is part of the title', () => {
    expect(cleanTitle('大模型综述 - 知乎', [])).toBe('大模型综述');
    expect(cleanTitle('Scaling laws | Lab Notes', ['Lab Notes'])).toBe('Scaling laws');
    expect(cleanTitle('RLHF | 附12篇必刷论文', ['AINLP'])).toBe('RLHF | 附12篇必刷论文');
    expect(cleanTitle('知乎', [])).toBe('知乎');
  });

  it('makes one line of single spaces without invisible characters', () => {
    expect(cleanTitle(' Chat\u200BGLM\n  发布 ', [])).toBe('ChatGLM 发布');
  });
});

describe('formatEntry', () => {
  it('writes an entry that reads back as its title, link, source and date', () => {
    const fields = { title: 'a [b] | c \\ <d>', url: 'https://example.com/x', source: 'Lab | Notes', date: '2023-04-05' };
    const line = formatEntry(fields, 'YYYY-MM-DD');
    const entry = parseList(`- ${line}\n`).items[0].entry;
    expect(entry?.kind).toBe('blog');
    expect(entry?.link?.title).toBe('a [b] | c \\ <d>');
    expect(entry?.link?.url).toBe('https://example.com/x');
    expect(entry?.date?.value).toBe('2023-04-05');
    expect(entry?.source?.text).toBe('Lab \\| Notes');
  });
});
