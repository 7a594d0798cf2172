import { describe, expect, it } from 'vitest';
import { addressIdentity, identityAddress, isShortWechatAddress, urlIdentity, wechatArticleIdentity } from '../src/core/url-identity.js';

describe('urlIdentity', () => {
  it('names a long WeChat article address by __biz, mid and idx, whatever else it carries', () => {
    const a = 'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=abc&chksm=84e5&scene=21#wechat_redirect';
    const b = 'http://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw%3D%3D&idx=1&mid=2650867323&sn=abc';
    expect(urlIdentity(a)).toBe('wechat:MzA3MzI4MjgzMw==/2650867323/1');
    expect(urlIdentity(b)).toBe(urlIdentity(a));
    expect(urlIdentity(a.replace('idx=1', 'idx=2'))).not.toBe(urlIdentity(a));
  });
  it('cannot name a short WeChat address without reading the page', () => {
    expect(wechatArticleIdentity('https://mp.weixin.qq.com/s/AbCdEf123')).toBeNull();
    expect(isShortWechatAddress('https://mp.weixin.qq.com/s/AbCdEf123')).toBe(true);
    expect(isShortWechatAddress('https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1')).toBe(false);
  });
  it('names arXiv papers and GitHub repositories', () => {
    expect(urlIdentity('https://arxiv.org/pdf/2303.08774v3.pdf')).toBe('arxiv:2303.08774');
    expect(urlIdentity('arxiv.org/abs/2303.08774')).toBe('arxiv:2303.08774');
    expect(urlIdentity('https://github.com/THUDM/ChatGLM-6B')).toBe('github:thudm/chatglm-6b');
    expect(urlIdentity('https://github.com/THUDM/ChatGLM-6B/tree/main')).toBeNull();
    expect(urlIdentity('https://example.org/post')).toBeNull();
  });
});

describe('identityAddress', () => {
  it('gives the address of a url: identity or a bare URL, and none for an article id', () => {
    expect(identityAddress('url:example.org/post')).toBe('example.org/post');
    expect(identityAddress('https://example.org/post')).toBe('https://example.org/post');
    expect(identityAddress('wechat:MzA3MzI4MjgzMw==/2650867323/1')).toBeNull();
    expect(identityAddress('arxiv:2303.08774')).toBeNull();
    expect(identityAddress('github:thudm/chatglm-6b')).toBeNull();
  });
});

describe('addressIdentity', () => {
  it('names an article id where the address says one, else url: and the normalized address, which identityAddress reads back', () => {
    expect(addressIdentity('https://arxiv.org/pdf/2303.08774v2.pdf')).toBe('arxiv:2303.08774');
    expect(addressIdentity('https://www.example.org/post/?utm_source=x')).toBe('url:example.org/post');
    expect(identityAddress(addressIdentity('https://www.example.org/post/')!)).toBe('example.org/post');
    expect(addressIdentity('mailto:a@example.org')).toBeNull();
  });
});
