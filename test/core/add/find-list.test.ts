import { describe, expect, it } from 'vitest';
import { findList, pathOf, targetLists } from '../../../src/core/add/find-list.js';
import { suggestLists } from '../../../src/core/add/suggest-lists.js';
import { parseList } from '../../../src/core/parse.js';

const LIST = [
  '## **Dialogue Methods/ChatBot**',
  '',
  '### Large Models',
  '  * ChatGPT',
  '    - author: OpenAI',
  '    - blog:',
  '      - [ChatGPT 原理](https://mp.weixin.qq.com/s/A1) | AINLP 2023-01-01',
  '    - expand methods:',
  '      - LLaMA(Meta): ',
  '        - [code](https://github.com/facebookresearch/llama)',
  '        - blog:',
  '          - [LLaMA 解读](https://mp.weixin.qq.com/s/B1) | 机器之心 2023-02-25',
  '      - P-Tuning（PET）:',
  '        - [P-tuning 实测](https://mp.weixin.qq.com/s/C1) | 苏剑林 2021-04-03',
  '        - [P-tuning 再测](https://mp.weixin.qq.com/s/C2) | 苏剑林 2021-05-03',
  '',
  '### Blogs & Reviews',
  '  * [对话技术梳理](https://mp.weixin.qq.com/s/D1) | 李rumor 2022-11-08',
  '',
].join('\n');

const targets = targetLists(parseList(LIST));
const lineOf = (query: string): number | string => {
  const found = findList(targets, query);
  return found.kind === 'found' ? found.target.list.items[0].line : found.kind;
};

describe('findList', () => {
  it('finds a list by its label path, with any of the separators, case and spaces aside', () => {
    expect(lineOf('ChatGPT › blog')).toBe(7);
    expect(lineOf('chatgpt > BLOG')).toBe(7);
    expect(lineOf('Chat GPT/blog')).toBe(7);
    expect(lineOf('Large Models › ChatGPT › blog')).toBe(7);
  });

  it('reads the tightest match: `ChatGPT › blog` is ChatGPT’s blog, not that of a project listed under it', () => {
    expect(lineOf('LLaMA › blog')).toBe(12);
    expect(lineOf('expand methods › blog')).toBe(12);
  });

  it('takes a project name without its parenthesised maker, and a heading that holds a slash', () => {
    expect(lineOf('P-Tuning')).toBe(14);
    expect(lineOf('LLaMA(Meta) › blog')).toBe(12);
    expect(lineOf('Dialogue Methods/ChatBot › Blogs & Reviews')).toBe(18);
    expect(lineOf('Blogs & Reviews')).toBe(18);
  });

  it('says ambiguous when a name covers several lists, and takes the one list under a project', () => {
    expect(lineOf('blog')).toBe('ambiguous');
    expect(lineOf('ChatGPT')).toBe('ambiguous');
    expect(lineOf('LLaMA')).toBe(12);
    expect(lineOf('Gemini › blog')).toBe('not-found');
  });

  it('leaves out lists that are not lists of entries (a project’s own items) and lists of reposts', () => {
    const names = targets.map((target) => target.names.join(' › '));
    expect(names).toEqual([
      'Dialogue Methods/ChatBot › Large Models › ChatGPT › blog',
      'Dialogue Methods/ChatBot › Large Models › ChatGPT › expand methods › LLaMA(Meta) › blog',
      'Dialogue Methods/ChatBot › Large Models › ChatGPT › expand methods › P-Tuning（PET）',
      'Dialogue Methods/ChatBot › Blogs & Reviews',
    ]);
  });

  it('names each list by the shortest path that finds it alone', () => {
    expect(targets.map((target) => pathOf(target, targets))).toEqual(['ChatGPT › blog', 'LLaMA(Meta) › blog', 'P-Tuning（PET）', 'Blogs & Reviews']);
  });
});

describe('suggestLists', () => {
  it('ranks the lists whose project names share words with the title first', () => {
    expect(suggestLists(targets, 'Meta 开源 LLaMA 2').map((target) => pathOf(target, targets))[0]).toBe('LLaMA(Meta) › blog');
    expect(suggestLists(targets, 'P-tuning v2 复现').map((target) => pathOf(target, targets))[0]).toBe('P-Tuning（PET）');
    expect(suggestLists(targets, 'Quantum gravity')).toEqual([]);
  });
});
