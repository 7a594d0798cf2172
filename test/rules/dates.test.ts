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

  it.each(['2023-02-30', '2023-13-01', '2023/02/29', '2023-00-10'])('reports %s as not a calendar date, without a fix', (raw) => {
    const text = doc(entry(raw));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/not a calendar date/);
    expect(findings[0].fix).toBeNull();
    expect(spanText(text, findings[0])).toBe(raw);
  });

  it('accepts leap days and marker-followed dates', () => {
    expect(lint(doc(entry('2024-02-29'), `${entry('2023-03-01')} :thumbsup:`))).toEqual([]);
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
