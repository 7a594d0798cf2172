import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/core/parse.js';
import { lintDocuments } from '../../src/core/lint.js';
import { applyFixes, configWith, fixture, lintText, spanText, TODAY } from './helpers.js';

const doc = (...items: string[]): string => `# Posts\n\n${items.join('\n')}\n`;
const lint = (text: string) => lintText(text, ['whitespace']);

describe('whitespace', () => {
  it('removes trailing whitespace from item lines', () => {
    const text = doc('- [A](https://example.com/a) | Lab 2023-01-05 \t', '- author: Example Lab  ');
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, JSON.stringify(spanText(text, f))])).toEqual([
      [3, '" \\t"'],
      [4, '"  "'],
    ]);
    expect(applyFixes(text, findings)).toBe(doc('- [A](https://example.com/a) | Lab 2023-01-05', '- author: Example Lab'));
  });

  it('keeps two trailing spaces that make a hard line break', () => {
    expect(lint('# P\n\n- first line of the item  \n  second line of the item\n')).toEqual([]);
  });

  it('removes a single trailing space before a continuation line: only two or more make a hard break', () => {
    const text = '# P\n\n- first line of the item \n  second line of the item\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, JSON.stringify(spanText(text, f))])).toEqual([[3, '" "']]);
    expect(applyFixes(text, findings)).toBe('# P\n\n- first line of the item\n  second line of the item\n');
  });

  it('still removes trailing spaces before a nested list', () => {
    expect(lint('# P\n\n- blog:  \n  - [A](https://example.com/a) | Lab 2023-01-05\n')).toHaveLength(1);
  });

  it.each(['  |  ', ' |  ', '\t|\t', '  | '])('normalizes the separator %j to ` | `', (sep) => {
    const text = doc(`- [A](https://example.com/a)${sep}Lab 2023-01-05`);
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe(sep);
    expect(applyFixes(text, findings)).toBe(doc('- [A](https://example.com/a) | Lab 2023-01-05'));
  });

  it('normalizes the gap between source and date', () => {
    const text = doc('- [A](https://example.com/a) | Lab Notes   2023-01-05');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(applyFixes(text, findings)).toBe(doc('- [A](https://example.com/a) | Lab Notes 2023-01-05'));
  });

  it('puts a space between a source and a date written together', () => {
    const text = doc('- [A](https://example.com/a) | AINLP2023-01-05');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(applyFixes(text, findings)).toBe(doc('- [A](https://example.com/a) | AINLP 2023-01-05'));
  });

  it('keeps CRLF line endings when removing trailing whitespace', () => {
    const text = '# P\r\n\r\n- [A](https://example.com/a) | Lab 2023-01-05  \r\n- [B](https://example.com/b) | Lab 2023-01-06\r\n';
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(applyFixes(text, findings)).toBe('# P\r\n\r\n- [A](https://example.com/a) | Lab 2023-01-05\r\n- [B](https://example.com/b) | Lab 2023-01-06\r\n');
  });

  it('fixes the tabbed fixture clean', () => {
    const text = fixture('tabs.md');
    const findings = lintDocuments([parseList(text, 'tabs.md')], configWith(['whitespace']), { today: TODAY });
    expect(findings).toHaveLength(1);
    const fixed = applyFixes(text, findings);
    expect(lintDocuments([parseList(fixed, 'tabs.md')], configWith(['whitespace']), { today: TODAY })).toEqual([]);
  });
});

describe('whitespace: invisible characters in titles', () => {
  it.each([
    ['zero-width space', '\u200B', 'Sparse attention'],
    ['zero-width joiner', '\u200D', 'Sparse attention'],
    ['soft hyphen', '\u00AD', 'Sparse attention'],
    ['byte order mark', '\uFEFF', 'Sparse attention'],
  ])('warns about a %s in a title and removes it', (name, char, clean) => {
    const text = doc(`- [Sparse${char} attention](https://example.com/sparse) | Lab 2023-01-05`);
    const findings = lint(text);
    expect(findings.map((f) => [f.severity, spanText(text, f)])).toEqual([['warning', `Sparse${char} attention`]]);
    expect(findings[0].reason).toContain(name);
    expect(applyFixes(text, findings)).toBe(doc(`- [${clean}](https://example.com/sparse) | Lab 2023-01-05`));
  });

  it('turns a no-break space in a title into a space', () => {
    const text = doc('- 播客 [Sparse\u00A0attention](https://example.com/sparse)');
    const findings = lint(text);
    expect(findings[0].reason).toContain('no-break space (U+00A0)');
    expect(applyFixes(text, findings)).toBe(doc('- 播客 [Sparse attention](https://example.com/sparse)'));
  });

  // Seen on a real list (Shubhamsaboo/awesome-llm-apps): the fix turned 👨‍💼 into 👨💼.
  it('keeps the joiners that are part of the text: emoji sequences, a Persian word', () => {
    expect(lint(doc('- [👨\u200D💼 AI Services Agency](https://example.com/a) | Lab 2023-01-05', '- [❤️\u200D🩹 AI Breakup Recovery](https://example.com/b) | Lab 2023-01-06', '- [🏋️\u200D♂️ Fitness](https://example.com/c) | Lab 2023-01-07', '- [می\u200Cخواهم](https://example.com/d) | Lab 2023-01-08'))).toEqual([]);
    const text = doc('- [👨\u200D💼 Sparse\u200B attention](https://example.com/sparse) | Lab 2023-01-05');
    const findings = lint(text);
    expect(findings[0].reason).toContain('zero-width space');
    expect(applyFixes(text, findings)).toBe(doc('- [👨\u200D💼 Sparse attention](https://example.com/sparse) | Lab 2023-01-05'));
  });

  it('leaves invisible characters in a URL to url-format', () => {
    expect(lint(doc('- [Sparse attention](https://example.com/spa\u200Brse) | Lab 2023-01-05'))).toEqual([]);
    expect(lint(doc('- code: https://github.com/o/r\u200Bx'))).toEqual([]);
  });
});
