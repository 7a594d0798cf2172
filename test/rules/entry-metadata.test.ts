import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config/config-types.js';
import { applyEdits } from '../../src/core/edits.js';
import { compareEntryWithPage, entryFactsOf, entryFactsOfDocuments, sameTitle, styleOfDate, type PageClaims } from '../../src/core/entry-metadata.js';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import type { Finding, TextEdit } from '../../src/core/types.js';
import { TODAY } from './helpers.js';

const URL_A = 'https://mp.weixin.qq.com/s/AbCdEf';

function page(parts: { title?: string; source?: string; date?: string }): PageClaims {
  return {
    title: parts.title === undefined ? null : { value: parts.title, from: 'og:title' },
    source: parts.source === undefined ? null : { value: parts.source, from: 'WeChat #js_name' },
    published: parts.date === undefined ? null : { value: { value: parts.date }, from: 'WeChat var ct' },
  };
}

/** Compare the list's entry on `line` with a page; the findings and the list with their fixes applied. */
function compare(text: string, claims: PageClaims, line = 3): { findings: Finding[]; fixed: string } {
  const doc = parseList(text, 'README.md');
  const item = doc.items.find((i) => i.line === line);
  if (!item) throw new Error(`no item on line ${line}`);
  const facts = entryFactsOf(doc, item);
  if (!facts) throw new Error(`no blog entry on line ${line}`);
  const findings = compareEntryWithPage(facts, claims);
  return { findings, fixed: applyEdits(text, findings.map((f) => f.fix as TextEdit)).text };
}

const list = (entry: string): string => `# List\n\n${entry}\n- [Other post](https://example.com/other) | Lab Notes 2023-02-01\n`;

describe('entry-metadata: comparing an entry with its page', () => {
  it('flags a date two days off, naming the page date and its evidence, and fixes it', () => {
    const text = list(`- [Sparse attention](${URL_A}) | 机器之心 2023-01-05`);
    const { findings, fixed } = compare(text, page({ title: 'Sparse attention', source: '机器之心', date: '2023-01-07' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'entry-metadata', severity: 'warning', start: { line: 3 } });
    expect(findings[0].reason).toBe("Date `2023-01-05` differs from the page's publish date `2023-01-07` (WeChat var ct)");
    expect(text.slice(findings[0].start.offset, findings[0].end.offset)).toBe('2023-01-05');
    expect(fixed).toContain(`| 机器之心 2023-01-07\n`);
  });

  it('says nothing for a date one day off (a time zone)', () => {
    const text = list(`- [Sparse attention](${URL_A}) | 机器之心 2023-01-05`);
    expect(compare(text, page({ date: '2023-01-06' })).findings).toEqual([]);
    expect(compare(text, page({ date: '2023-01-04' })).findings).toEqual([]);
  });

  it('writes the fixed date the way the entry writes its date', () => {
    const cn = compare(list(`- [Sparse attention](${URL_A}) | 机器之心 2023年1月5日`), page({ date: '2023-03-09' }));
    expect(cn.fixed).toContain('| 机器之心 2023年3月9日\n');
    const slashed = compare(list(`- [Sparse attention](${URL_A}) | 机器之心 2023/01/05`), page({ date: '2023-03-09' }));
    expect(slashed.fixed).toContain('| 机器之心 2023/03/09\n');
  });

  it('accepts a title that differs in case, spacing, punctuation or a site name the page adds', () => {
    const text = list(`- [如何看待 GPT-4？](https://zhuanlan.zhihu.com/p/1) | 知乎 2023-01-05`);
    expect(compare(text, page({ title: '如何看待GPT-4 - 知乎' })).findings).toEqual([]);
    expect(compare(text, page({ title: '如何看待 gpt-4' })).findings).toEqual([]);
    expect(sameTitle('Lab Blog | Scaling laws', 'scaling laws')).toBe(true);
    // A long part after a dash is a subtitle, not a site name.
    expect(sameTitle('Scaling laws', 'Scaling laws - what the loss curves of a thousand runs tell us')).toBe(false);
  });

  it('flags a different title and fixes it with the page title, escaped so the line stays one entry', () => {
    const text = list(`- [Old title](${URL_A}) | 机器之心 2023-01-05`);
    const { findings, fixed } = compare(text, page({ title: 'A [new] title | part 2' }));
    expect(findings.map((f) => f.reason)).toEqual(["Title `Old title` differs from the page's title `A [new] title | part 2` (og:title)"]);
    expect(fixed).toContain(String.raw`- [A \[new\] title \| part 2](${URL_A}) | 机器之心 2023-01-05`);
    const relinted = lintDocuments([parseList(fixed, 'README.md')], defaultConfig(), { today: TODAY });
    expect(relinted).toEqual([]);
  });

  it('does not take a bare <title> for the article title (many pages put only the site name there)', () => {
    const text = list(`- [Sparse attention](${URL_A}) | 机器之心 2023-01-05`);
    const weak = page({ title: 'Lab Notes' });
    expect(compare(text, { ...weak, title: { value: 'Lab Notes', from: '<title>' } }).findings).toEqual([]);
    expect(compare(text, weak).findings).toHaveLength(1);
  });

  it('flags a wrong source; the fix applies and the fixed line lints clean', () => {
    const text = list(`- [Sparse attention](${URL_A}) | 新智元 2023-01-05`);
    const { findings, fixed } = compare(text, page({ source: '机器之心', title: 'Sparse attention', date: '2023-01-05' }));
    expect(findings.map((f) => f.reason)).toEqual(["Source `新智元` differs from the page's publisher `机器之心` (WeChat #js_name)"]);
    expect(fixed).toBe(list(`- [Sparse attention](${URL_A}) | 机器之心 2023-01-05`));
    expect(lintDocuments([parseList(fixed, 'README.md')], defaultConfig(), { today: TODAY })).toEqual([]);
  });

  it('keeps page text in a message on one line', () => {
    const text = list(`- [Old title](${URL_A}) | 机器之心 2023-01-05`);
    const { findings, fixed } = compare(text, page({ title: 'New\n\n<img src=x>\ntitle' }));
    expect(findings[0].reason).not.toMatch(/\n/);
    expect(fixed).toContain(String.raw`- [New \<img src=x> title](`);
  });

  it('accepts a source that names the platform, or holds the publisher with more words, and skips arXiv and GitHub sources', () => {
    const zhihu = (source: string): string => list(`- [如何看待 GPT-4](https://zhuanlan.zhihu.com/p/1) | ${source} 2023-01-05`);
    const author = { ...page({ source: '刘鹏飞' }), site: 'zhihu', finalUrl: 'https://zhuanlan.zhihu.com/p/1' };
    for (const source of ['知乎', '知乎专栏', '刘鹏飞 知乎专栏', 'Zhihu']) expect(compare(zhihu(source), author).findings).toEqual([]);
    expect(compare(zhihu('张俊林'), author).findings.map((f) => f.reason)).toEqual([
      "Source `张俊林` differs from the page's publisher `刘鹏飞` (WeChat #js_name)",
    ]);
    const paper = list('- [Scaling laws for neural language models](https://arxiv.org/abs/2001.08361) | OpenAI 2020-01-23');
    expect(compare(paper, { ...page({ source: 'arXiv' }), site: 'arxiv' }).findings).toEqual([]);
  });

  it('does not compare a title written in another script (a translation)', () => {
    const text = list('- [神经语言模型的缩放定律](https://arxiv.org/abs/2001.08361) | OpenAI 2020-01-23');
    expect(compare(text, page({ title: 'Scaling Laws for Neural Language Models' })).findings).toEqual([]);
  });

  it('ignores case and spacing in sources', () => {
    const text = list(`- [Sparse attention](${URL_A}) | Lab  notes 2023-01-05`);
    expect(compare(text, page({ source: 'lab Notes' })).findings).toEqual([]);
  });

  it('says nothing where the page gave no value', () => {
    const text = list(`- [Old title](${URL_A}) | 新智元 2023-01-05`);
    expect(compare(text, page({})).findings).toEqual([]);
  });

  it('checks a repost on its own date and source, not on its title', () => {
    const text = [
      '# List',
      '',
      '- [Sparse attention](https://example.com/original) | Lab Notes 2023-01-01',
      `  - [Sparse attention](${URL_A}) | 机器之心 2023-01-05`,
      '',
    ].join('\n');
    const { findings } = compare(text, page({ title: '转载｜稀疏注意力', source: '新智元', date: '2023-01-09' }), 4);
    expect(findings.map((f) => f.reason.split(' ')[0])).toEqual(['Date', 'Source']);
  });

  it('reads a date style from how the date is written', () => {
    expect(styleOfDate('2023-01-05')).toBe('YYYY-MM-DD');
    expect(styleOfDate('2023年01月05日')).toBe('YYYY年MM月DD日');
    expect(styleOfDate('2023年1月5日')).toBe('YYYY年M月D日');
    expect(styleOfDate('2023年10月12日', 'YYYY年MM月DD日')).toBe('YYYY年MM月DD日');
    expect(styleOfDate('2023-1-5')).toBeNull();
  });

  it('does not run in plain lint, even when configured', () => {
    const config = defaultConfig();
    config.rules['entry-metadata'].severity = 'error';
    const text = list(`- [Sparse attention](${URL_A}) | 机器之心 2023-01-05`);
    expect(lintDocuments([parseList(text, 'README.md')], config, { today: TODAY })).toEqual([]);
  });

  it('takes no entry that a comment silences for entry-metadata, and lint knows the rule name', () => {
    const text = [
      '# List',
      '',
      '<!-- listkeeper ignore entry-metadata -->',
      `- [Sparse attention](${URL_A}) | 机器之心 2023-01-05`,
      '',
      '## More',
      '',
      '- [Dense attention](https://example.com/dense) | Lab Notes 2023-01-06',
      '',
    ].join('\n');
    const doc = parseList(text, 'README.md');
    expect(entryFactsOfDocuments([doc], defaultConfig()).map((f) => f.line)).toEqual([8]);
    // An unknown rule name after `listkeeper` is reported; this one is known.
    expect(lintDocuments([doc], defaultConfig(), { today: TODAY }).filter((f) => f.ruleId === 'lint-comment')).toEqual([]);
    const off = defaultConfig();
    off.rules['entry-metadata'].severity = 'off';
    expect(entryFactsOfDocuments([doc], off)).toEqual([]);
  });
});
