import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixDocument } from '../../src/core/fix.js';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import { configWith, lintText, spanText, TODAY } from './helpers.js';

const blog = (title: string, url: string, date = '2024-01-01'): string => `- [${title}](${url}) | Lab Notes ${date}`;
const doc = (...lines: string[]): string => ['# Reading', '', '## Blogs', '', ...lines, ''].join('\n');

/** `rule@line` for each finding, the way a maintainer scans the output. */
function where(text: string): string[] {
  return lintText(text).map((f) => `${f.ruleId}@${f.start.line}`);
}

describe('<!-- lint disable / enable -->', () => {
  it('a disable with rule names silences those rules from the comment to the end of the file', () => {
    const text = doc(
      blog('A', 'https://a.example/x'),
      blog('B', 'https://a.example/x'),
      '<!-- lint disable duplicate-link -->',
      '',
      blog('C', 'https://a.example/x'),
      blog('D', 'https://a.example/y', '2024-1-02'),
    );
    // Line 6 (before the comment) is still reported; C's duplicate is not; D's date (another rule) is.
    expect(where(text)).toEqual(['duplicate-link@6', 'date-format@10']);
  });

  it('disable without names silences every rule; enable RULE turns one back on; enable turns all back on', () => {
    const text = doc(
      '<!-- lint disable -->',
      blog('A', 'https://a.example/x', '2024-1-01'),
      '<!-- lint enable date-format -->',
      blog('B', 'https://a.example/x', '2024-1-02'),
      '<!-- lint enable -->',
      blog('C', 'https://a.example/x', '2024-01-03'),
    );
    expect(where(text)).toEqual(['date-format@8', 'duplicate-link@10']);
  });

  it('honours a comment inside a paragraph too (remark reads it as its own node)', () => {
    expect(where(doc('Old posts <!-- lint disable date-format --> below.', '', blog('A', 'https://a.example/x', '2024-1-01')))).toEqual([]);
  });

  it('accepts `listkeeper` as the name and the compact `<!--lint disable x-->` form', () => {
    expect(where(doc('<!--listkeeper disable date-format-->', blog('A', 'https://a.example/x', '2024-1-01')))).toEqual([]);
    expect(where(doc('<!--lint disable date-format-->', blog('A', 'https://a.example/x', '2024-1-01')))).toEqual([]);
  });

  it('ignores comments that are not markers: other names, text after the comment on its line, a marker in code', () => {
    const bad = blog('A', 'https://a.example/x', '2024-1-01');
    expect(where(doc('<!-- eslint disable date-format -->', bad))).toEqual(['date-format@6']);
    expect(where(doc('<!-- lint disable date-format --> for now', '', bad))).toEqual(['date-format@7']);
    expect(where(doc('```', '<!-- lint disable date-format -->', '```', '', bad))).toEqual(['date-format@9']);
  });
});

describe('<!-- lint ignore -->', () => {
  it('between two entries of a list, silences the next entry only (not the rest of the list)', () => {
    const text = doc(
      blog('A', 'https://a.example/x'),
      '<!-- lint ignore duplicate-link -->',
      blog('B', 'https://a.example/x'),
      blog('C', 'https://a.example/x'),
    );
    expect(lintText(text).map((f) => `${f.ruleId}@${f.start.line}`)).toEqual(['duplicate-link@8']);
  });

  it('indented as the end of an entry, silences the entry after it', () => {
    const text = doc(
      blog('A', 'https://a.example/x'),
      '  <!-- listkeeper ignore duplicate-link -->',
      blog('B', 'https://a.example/x'),
      blog('C', 'https://a.example/x'),
    );
    expect(where(text)).toEqual(['duplicate-link@8']);
  });

  it('before a list (after a heading), silences that whole list, as remark-message-control does', () => {
    const text = [
      '## Old',
      '',
      '<!-- lint ignore date-format -->',
      blog('A', 'https://a.example/1', '2024-1-01'),
      blog('B', 'https://a.example/2', '2024-1-02'),
      '',
      '## New',
      '',
      blog('C', 'https://a.example/3', '2024-1-03'),
      '',
    ].join('\n');
    expect(where(text)).toEqual(['date-format@9']);
  });

  it('without names silences every rule on that node, and only the rules named otherwise', () => {
    const flawed = blog('B', 'https://a.example/x', '2024-1-02');
    expect(where(doc(blog('A', 'https://a.example/x'), '<!-- lint ignore -->', flawed))).toEqual([]);
    expect(where(doc(blog('A', 'https://a.example/x'), '<!-- lint ignore date-format -->', flawed))).toEqual(['duplicate-link@7']);
  });

  it('at the end of a section, applies to the next heading only, not to the list under it', () => {
    const text = [
      '## Old',
      '',
      blog('A', 'https://a.example/1'),
      '',
      '<!-- lint ignore -->',
      '## New',
      '',
      blog('B', 'https://a.example/1', '2024-1-02'),
      '',
    ].join('\n');
    expect(where(text)).toEqual(['duplicate-link@8', 'date-format@8']);
  });

  it('counts a disable in a heading once, from the heading on', () => {
    const text = ['## Old <!-- lint disable date-format -->', '', blog('A', 'https://a.example/1', '2024-1-01'), ''].join('\n');
    expect(where(text)).toEqual([]);
  });

  it('with nothing after it, silences nothing', () => {
    expect(where(doc(blog('A', 'https://a.example/x', '2024-1-01'), '', '<!-- lint ignore -->'))).toEqual(['date-format@5']);
  });
});

describe('comments that are not understood', () => {
  it('leaves rule names of other linters under `lint` alone (awesome-lint, remark-lint)', () => {
    const text = doc('<!--lint ignore awesome-list-item double-link-->', blog('A', 'https://a.example/x', '2024-1-01'));
    expect(where(text)).toEqual(['date-format@6']);
  });

  it('reports an unknown rule under `listkeeper` at the comment, naming the rules, and silences the known ones', () => {
    const text = doc('<!-- listkeeper disable date-fromat whitespace -->', blog('A', 'https://a.example/x', '2024-1-01') + '  ');
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId}@${f.start.line}`)).toEqual(['lint-comment@5', 'date-format@6']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].reason).toMatch(/^Cannot disable `date-fromat`: not a listkeeper rule \(rules: entry-format, date-format,/);
    expect(spanText(text, findings[0])).toBe('<!-- listkeeper disable date-fromat whitespace -->');
  });

  it('reports an unknown keyword for either name and silences nothing', () => {
    const text = doc('<!-- lint disabel date-format -->', blog('A', 'https://a.example/x', '2024-1-01'));
    const findings = lintText(text);
    expect(findings.map((f) => `${f.ruleId}@${f.start.line}`)).toEqual(['lint-comment@5', 'date-format@6']);
    expect(findings[0].reason).toBe('Unknown keyword `disabel` in `<!-- lint … -->`: expected `enable`, `disable` or `ignore`');
  });
});

describe('suppression and the rest of lint', () => {
  it('finds duplicates across files, but a comment silences only its own file', () => {
    const a = parseList(doc(blog('A', 'https://a.example/x')), 'a.md');
    const b = parseList(doc('<!-- lint disable duplicate-link -->', blog('B', 'https://a.example/x')), 'b.md');
    const c = parseList(doc(blog('C', 'https://a.example/x')), 'c.md');
    const findings = lintDocuments([a, b, c], configWith(), { today: TODAY });
    expect(findings.map((f) => `${f.path}:${f.start.line} ${f.ruleId}`)).toEqual(['c.md:5 duplicate-link']);
  });

  it('--fix leaves a silenced finding as written and fixes the others', () => {
    const text = doc(
      '<!-- lint ignore url-format -->',
      blog('A', 'a.example/1'),
      '',
      'More:',
      '',
      blog('B', 'b.example/2'),
    );
    const fixed = fixDocument(text, 'list.md', configWith(), TODAY);
    expect(fixed.text).toBe(text.replace('](b.example/2)', '](https://b.example/2)'));
    expect(fixed.remaining).toEqual([]);
  });
});

describe('the README example', () => {
  it('lints clean as written, and reports what its comments silence once they are removed', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.indexOf('#### Silencing a finding');
    const start = readme.indexOf('```markdown\n', section) + '```markdown\n'.length;
    const example = readme.slice(start, readme.indexOf('```', start));
    expect(where(example)).toEqual([]);
    expect(where(example.replace(/^<!--.*-->\n/gm, ''))).toEqual(['duplicate-link@4', 'date-format@8']);
  });
});
