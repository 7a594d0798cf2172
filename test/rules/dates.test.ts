import { describe, expect, it } from 'vitest';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import { applyFixes, configWith, lintText, spanText } from './helpers.js';

const doc = (...items: string[]): string => `# Posts\n\n${items.join('\n')}\n`;
const entry = (date: string): string => `- [Sparse attention](https://example.com/sparse) | Lab Notes ${date}`;

describe('date-format', () => {
  const lint = (text: string) => lintText(text, ['date-format']);

  it.each([
    ['2023-1-5', '2023-01-05'],
    ['2023/01/05', '2023-01-05'],
    ['2023.01.05', '2023-01-05'],
    ['2023/1/5', '2023-01-05'],
  ])('rewrites %s as %s', (raw, value) => {
    const text = doc(entry(raw));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe(raw);
    expect(findings[0].reason).toContain(`\`${value}\``);
    expect(findings[0].fix?.text).toBe(value);
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(doc(entry(value)));
    expect(lint(fixed)).toEqual([]);
  });

  it.each(['2023-02-30', '2023-13-01', '2023/02/29', '2023-00-10', '2100-02-29', '2023-04-31'])('reports %s as not a calendar date, without a fix', (raw) => {
    const text = doc(entry(raw));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/not a calendar date/);
    expect(findings[0].fix).toBeNull();
    expect(spanText(text, findings[0])).toBe(raw);
  });

  it('accepts leap days and marker-followed dates', () => {
    expect(lint(doc(entry('2024-02-29'), `${entry('2023-03-01')} :thumbsup:`))).toEqual([]);
    // Leap years by the Gregorian rule: 2000 is one, 2100 (above) is not.
    expect(lint(doc(entry('2000-02-29'), entry('2000-12-31')))).toEqual([]);
  });
});

describe('future-date', () => {
  const run = (text: string, today: string) =>
    lintDocuments([parseList(text, 'list.md')], configWith(['future-date']), { today });

  it('warns about a date after today, at the date', () => {
    const text = doc(entry('2023-06-02'));
    const findings = run(text, '2023-06-01');
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].reason).toContain('2023-06-01');
    expect(spanText(text, findings[0])).toBe('2023-06-02');
  });

  it('accepts today and the past', () => {
    expect(run(doc(entry('2023-06-01'), entry('2020-01-01')), '2023-06-01')).toEqual([]);
  });

  it('reads malformed but valid dates, and leaves impossible ones to date-format', () => {
    expect(run(doc(entry('2023/6/2')), '2023-06-01')).toHaveLength(1);
    expect(run(doc(entry('2099-02-30')), '2023-06-01')).toEqual([]);
  });

  it('uses the UTC date of the run when no date is given', () => {
    const text = doc(entry('2999-01-01'));
    expect(lintDocuments([parseList(text, 'list.md')], configWith(['future-date']))).toHaveLength(1);
  });
});

describe('dates as people write them', () => {
  const lint = (text: string, options: Record<string, unknown> = {}) =>
    lintText(text, ['date-format', 'entry-format', 'future-date'], { 'date-format': options });
  const dated = (date: string): string => `- [Prompt tuning](https://example.com/prompt) | AINLP ${date}`;

  it.each([
    ['2023年4月5日', '2023-04-05'],
    ['2023年04月05日', '2023-04-05'],
    ['2023.4.5', '2023-04-05'],
    ['2023/4/5', '2023-04-05'],
    ['2023-4-5', '2023-04-05'],
    ['2021年12月22日', '2021-12-22'],
  ])('reads %s as the date (no "lacks its date"), and date-format rewrites it as %s', (raw, value) => {
    const text = doc(entry('2023-01-01'), dated(raw));
    const findings = lint(text);
    expect(findings.map((f) => f.ruleId)).toEqual(['date-format']);
    expect(spanText(text, findings[0])).toBe(raw);
    expect(findings[0].reason).toContain(`\`${value}\``);
    expect(applyFixes(text, findings)).toBe(doc(entry('2023-01-01'), dated(value)));
    expect(parseList(text).items[1].entry?.date?.value).toBe(value);
  });

  it('rewrites dates in the configured style, and accepts dates written in it', () => {
    const style = { style: 'YYYY年MM月DD日' };
    const text = doc(dated('2023年04月05日'), dated('2023-4-6'), dated('2023年4月7日'));
    const findings = lint(text, style);
    expect(findings.map((f) => spanText(text, f))).toEqual(['2023-4-6', '2023年4月7日']);
    expect(findings[0].reason).toBe('Date `2023-4-6` is not written `YYYY年MM月DD日`: expected `2023年04月06日`');
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(doc(dated('2023年04月05日'), dated('2023年04月06日'), dated('2023年04月07日')));
    expect(lint(fixed, style)).toEqual([]);
  });

  it('reports a month and day without a year as such, without a fix and without "lacks its date"', () => {
    const text = doc(dated('2021-09-01'), dated('9月9日'));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].ruleId).toBe('date-format');
    expect(findings[0].reason).toBe('Date `9月9日` lacks its year (expected `YYYY-MM-DD`)');
    expect(spanText(text, findings[0])).toBe('9月9日');
    expect(findings[0].fix).toBeNull();
  });

  it('reports an impossible date written with 年月日 as not a calendar date', () => {
    const findings = lint(doc(dated('2023年2月30日')));
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/not a calendar date/);
    expect(findings[0].fix).toBeNull();
  });

  it.each(['转载', 'repost', '(updated)', '（[paper](https://example.com/paper.pdf)）'])(
    'reads the date before a note such as %s, and says nothing about the note',
    (note) => {
      const text = doc(dated(`2021-12-22 ${note}`), dated('2021-12-23'));
      expect(lint(text)).toEqual([]);
      const entryOf = parseList(text).items[0].entry;
      expect(entryOf?.date?.value).toBe('2021-12-22');
      expect(entryOf?.source?.text).toBe('AINLP');
      expect(entryOf?.note?.text).toBe(note);
    },
  );

  it('fixes only the date, not the note after it', () => {
    const text = doc(dated('2021年12月22日 转载'));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe('2021年12月22日');
    expect(applyFixes(text, findings)).toBe(doc(dated('2021-12-22 转载')));
  });

  it('takes the last date, not an earlier one followed by words with a date', () => {
    const e = parseList(doc(dated('2022-01-01 review 2023-01-05'))).items[0].entry;
    expect(e?.date?.raw).toBe('2023-01-05');
  });

  it('warns about a future date written with 年月日', () => {
    const findings = lint(doc(dated('2099年1月2日')), { style: 'YYYY年M月D日' });
    expect(findings.map((f) => f.ruleId)).toEqual(['future-date']);
  });
});
