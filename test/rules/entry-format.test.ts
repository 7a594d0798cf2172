import { describe, expect, it } from 'vitest';
import { applyFixes, lintText, spanText } from './helpers.js';

const doc = (...items: string[]): string => `# Posts\n\n## Articles\n\n${items.join('\n')}\n`;
const good = '- [Sparse attention](https://example.com/sparse) | Lab Notes 2023-01-05';
const lint = (text: string) => lintText(text, ['entry-format']);

describe('entry-format', () => {
  it('accepts entries with labels, link sources and markers', () => {
    const text = doc(
      good,
      '- Davinci(OpenAI): [Davinci writes better](https://example.com/davinci) | AI Weekly 2022-12-23',
      '- [Why RLHF works](https://example.com/rlhf) | [Example Blog](https://blog.example.com/) 2023-02-03 :thumbsup:',
      '- [A repost](https://example.com/repost) | 机器之心 2023-02-19 :thumbsup: :fire:',
    );
    expect(lint(text)).toEqual([]);
  });

  it.each([
    ['a full-width bar', '｜'],
    ['a bar without spaces', '|'],
    ['a bar with a space on one side only', '| '],
  ])('replaces %s with ` | `', (_name, sep) => {
    const text = doc(good, `- [Dense attention](https://example.com/dense)${sep}Lab Notes 2023-01-06`);
    const [finding, ...rest] = lint(text);
    expect(rest).toEqual([]);
    expect(finding.start.line).toBe(6);
    expect(spanText(text, finding)).toBe(sep);
    expect(finding.severity).toBe('error');
    expect(finding.reason).toMatch(/separator/);
    const fixed = applyFixes(text, [finding]);
    expect(fixed).toBe(doc(good, '- [Dense attention](https://example.com/dense) | Lab Notes 2023-01-06'));
    expect(lint(fixed)).toEqual([]);
  });

  it('removes stray text between the link and the separator', () => {
    const text = doc(good, '- [Mixture of experts](https://example.com/moe)) | Lab Notes 2023-01-07');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe(')');
    expect(findings[0].reason).toContain('`)`');
    expect(applyFixes(text, findings)).toBe(doc(good, '- [Mixture of experts](https://example.com/moe) | Lab Notes 2023-01-07'));
  });

  it('removes stray text and fixes a look-alike separator in one pass', () => {
    const text = doc(good, '- [Mixture of experts](https://example.com/moe)) ｜Lab Notes 2023-01-07');
    const findings = lint(text);
    expect(findings.map((f) => spanText(text, f))).toEqual([')', ' ｜']);
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(doc(good, '- [Mixture of experts](https://example.com/moe) | Lab Notes 2023-01-07'));
    expect(lint(fixed)).toEqual([]);
  });

  it.each([
    ['||  ', '|'],
    ['| | ', '|'],
    ['｜| ', '|'],
    ['|  | ', '|'],
    ['| || ', '||'],
  ])('reports and removes the bars after the separator in ` %s`', (bars, stray) => {
    const text = doc(good, `- [Dense attention](https://example.com/dense) ${bars}Lab Notes 2023-01-06`);
    const all = lintText(text, ['entry-format', 'whitespace']);
    const extra = all.filter((f) => /after the separator/.test(f.reason));
    expect(extra).toHaveLength(1);
    expect(extra[0].ruleId).toBe('entry-format');
    expect(extra[0].start.line).toBe(6);
    expect(spanText(text, extra[0]).replace(/\s/g, '')).toBe(stray);
    const fixed = applyFixes(text, all);
    expect(fixed).toBe(doc(good, '- [Dense attention](https://example.com/dense) | Lab Notes 2023-01-06'));
    expect(lintText(fixed, ['entry-format', 'whitespace'])).toEqual([]);
  });

  it.each(['|| ', '||  ', '||\t'])('` %s` with spaces around both bars is one message, about the second bar, not also a separator "without spaces"', (bars) => {
    const text = doc(good, `- [Dense attention](https://example.com/dense) ${bars}Lab Notes 2023-01-06`);
    const all = lintText(text, ['entry-format', 'whitespace']);
    expect(all.map((f) => f.reason)).toEqual(['Unexpected `|` after the separator: expected ` | ` once']);
    expect(all[0].start).toMatchObject({ line: 6, column: 49 });
    expect(applyFixes(text, all)).toBe(doc(good, '- [Dense attention](https://example.com/dense) | Lab Notes 2023-01-06'));
  });

  it.each(['||', ' ||', '| |  ', '｜|', '|| :thumbsup:'])('removes the extra bars of `%s` with no source after, leaving what a person must add', (bars) => {
    const text = doc(good, `- [Dense attention](https://example.com/dense)${bars}`);
    const fixed = applyFixes(text, lintText(text, ['entry-format', 'whitespace']));
    const marker = bars.includes(':thumbsup:') ? ' :thumbsup:' : '';
    expect(fixed).toBe(doc(good, `- [Dense attention](https://example.com/dense) |${marker}`));
    const left = lintText(fixed, ['entry-format', 'whitespace']);
    expect(left.map((f) => [f.reason, f.fix])).toEqual([[expect.stringMatching(/lacks its source and date/), null]]);
  });

  it('keeps a lone bar at the end of the line as it is (a space after it would be trailing)', () => {
    const text = doc(good, '- [Dense attention](https://example.com/dense) |');
    const findings = lintText(text, ['entry-format', 'whitespace']);
    expect(findings.map((f) => f.fix)).toEqual([null]);
  });

  it('inserts a missing separator', () => {
    const text = doc(good, '- [Long context](https://example.com/long) Lab Notes 2023-01-09');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/Missing ` \| `/);
    expect(applyFixes(text, findings)).toBe(doc(good, '- [Long context](https://example.com/long) | Lab Notes 2023-01-09'));
  });

  it('offers no separator fix when a bar follows text after the link (it would double the separator)', () => {
    const text = doc(good, '- [Long context](https://example.com/long) (via Bob) | Lab Notes 2023-01-09');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].fix).toBeNull();
    expect(applyFixes(text, findings)).toBe(text);
  });

  it('points at the source when the date is missing, and has no fix', () => {
    const text = doc(good, '- [Retrieval](https://example.com/retrieval) | [Example Blog](https://blog.example.com/) :thumbsup:');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe('[Example Blog](https://blog.example.com/)');
    expect(findings[0].reason).toMatch(/lacks its date/);
    expect(findings[0].fix).toBeNull();
  });

  it('points at the date when the source is missing', () => {
    const text = doc(good, '- [Speculative decoding](https://example.com/spec) | 2023-01-11');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe('2023-01-11');
    expect(findings[0].reason).toMatch(/lacks its source/);
  });

  it('reports an empty title at the link', () => {
    const text = doc(good, '- [](https://example.com/untitled) | Lab Notes 2023-01-22');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/empty title/);
    expect(spanText(text, findings[0])).toBe('[](https://example.com/untitled)');
  });

  it('reports a bare link in a list of blog entries, at the link', () => {
    const text = doc(good, '- [Why RLHF works](https://example.com/rlhf)', '- [Dense attention](https://example.com/dense) | Lab Notes 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(6);
    expect(spanText(text, findings[0])).toBe('[Why RLHF works](https://example.com/rlhf)');
    expect(findings[0].reason).toMatch(/source and date/);
  });

  it('leaves items that are not blog entries alone', () => {
    const text = doc(
      '- [paper](https://arxiv.org/abs/2301.00001): Sparse Attention',
      '- code: https://github.com/example/sparse',
      '- author: Example Lab',
      '- [demo(official)](https://demo.example.com/)',
      '- [sparse-kit](https://github.com/example/sparse-kit) by example',
      '- Plain words, no link',
    );
    expect(lint(text)).toEqual([]);
  });

  it('checks nested reposts like top-level entries', () => {
    const text = doc(good, '  - [A nested repost](https://example.com/nested)｜AINLP 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(6);
  });

  it('does not call a date written 年月日, or followed by a note, missing', () => {
    const text = doc(
      good,
      '- [In-Context Learning](https://mp.weixin.qq.com/s/a) |  李rumor 2023年04月24日',
      '- [Prompt tuning](https://mp.weixin.qq.com/s/b) | AINLP 2021年12月22日 转载',
      '- [P-tuning](https://mp.weixin.qq.com/s/c) | 苏剑林 PaperWeekly 2021年8月13日',
    );
    expect(lint(text).filter((f) => /lacks/.test(f.reason))).toEqual([]);
  });
});

describe('entry-format: conventions come from the document', () => {
  it('says nothing about dates in a digest whose entries never carry them', () => {
    const text = [
      '# Digest',
      '',
      '## Week 1',
      '',
      '- [Scaling laws](https://example.com/a) | Jane Doe | Lab Notes',
      '- [Why RLHF works](https://example.com/b) | John Roe | AI Weekly',
      '- [Sparse attention](https://example.com/c) | Ann Lee | Example Blog',
      '',
      '## Week 2',
      '',
      '- [Mixture of experts](https://example.com/d) | Jane Doe | Lab Notes',
      '',
    ].join('\n');
    expect(lintText(text, ['entry-format', 'date-format'])).toEqual([]);
  });

  it('reports an undated entry among dated ones, but not a dated one among undated ones', () => {
    const dated = doc(good, '- [Retrieval](https://example.com/r) | Lab Notes', '- [Decoding](https://example.com/d) | Lab Notes 2023-01-09');
    expect(lint(dated).map((f) => f.reason)).toEqual(['Entry lacks its date: expected `source YYYY-MM-DD` after the separator']);
    const undated = doc(good, '- [Retrieval](https://example.com/r) | Lab Notes', '- [Decoding](https://example.com/d) | Lab Notes');
    expect(lint(undated)).toEqual([]);
  });

  it('does not ask for a source where entries are `[title](url) | date` throughout', () => {
    const text = doc(
      '- [Retrieval](https://example.com/r) | 2023-01-08',
      '- [Decoding](https://example.com/d) | 2023-01-09',
      '- [Distillation](https://example.com/x) | 2023-01-10',
    );
    expect(lint(text)).toEqual([]);
  });

  it('judges a short list by its section, and a short section by the whole document', () => {
    const text = [
      '# Posts',
      '',
      '## Dated',
      '',
      good,
      '- [Decoding](https://example.com/d) | Lab Notes 2023-01-09',
      '- [Distillation](https://example.com/x) | Lab Notes 2023-01-10',
      '',
      '## One more',
      '',
      '- [Retrieval](https://example.com/r) | Lab Notes',
      '',
    ].join('\n');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(11);
    expect(findings[0].reason).toMatch(/lacks its date/);
  });
});

describe('entry-format: blog lists', () => {
  it('reports a lone blog link where only some siblings are dated entries', () => {
    const text = doc(
      '- [Prompt tuning](https://mp.weixin.qq.com/s/a) | AINLP 2023-02-22',
      '- [In-Context Learning](https://mp.weixin.qq.com/s/b)',
      '- [Learning Prompt](https://learningprompt.wiki/): a course',
      '- note: reposts are marked',
    );
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe('[In-Context Learning](https://mp.weixin.qq.com/s/b)');
    expect(findings[0].reason).toBe('Entry lacks its source and date: expected `[title](url) | source YYYY-MM-DD`');
  });

  it("leaves a project's home page beside dated articles about it alone", () => {
    const text = doc(
      '- code: https://github.com/example/chat',
      '- [ChatKit: a dialogue model](https://github.com/example/chat)',
      '- [ChatKit, reviewed](https://mp.weixin.qq.com/s/a) | 新智元 2023-02-03',
      '- [ChatKit upgraded](https://mp.weixin.qq.com/s/b) | 机器之心 2023-02-21',
    );
    expect(lint(text)).toEqual([]);
  });

  it('asks a lone link only for what its siblings carry', () => {
    const text = doc(
      '- [Retrieval](https://example.com/r) | 2023-01-08',
      '- [Decoding](https://example.com/d)',
      '- [Distillation](https://example.com/x) | 2023-01-10',
    );
    expect(lint(text).map((f) => f.reason)).toEqual(['Entry lacks its date: expected `[title](url) | YYYY-MM-DD`']);
  });
});
