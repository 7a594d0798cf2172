/**
 * Every fixable finding's fix replaces exactly the characters the finding
 * points at. An editor's quick fix (remark's `expected`, an LSP code action)
 * replaces the message's range with the fix's text; if the two differed, it
 * would replace a URL with `https://` instead of adding the scheme (issue 11).
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { applyEdits } from '../../src/core/edits.js';
import { fixture, lintText } from './helpers.js';

/** One line for each kind of fix every rule makes. */
const FIXABLE_LIST = [
  '# Posts',
  '',
  '- [Scheme-less](example.com/a) | Lab Notes 2023-01-05',
  '- [Protocol-relative](//example.com/b) | Lab Notes 2023-01-06',
  '- [Zero width](https://example.com/c\u200Bd) | Lab Notes 2023-01-07',
  '- [Stray paren](https://example.com/e)) | Lab Notes 2023-01-08',
  '- [Double bar](https://example.com/f) || Lab Notes 2023-01-09',
  '- [Spaced double bar](https://example.com/g) | | Lab Notes 2023-01-10',
  '- [Bar at the end](https://example.com/h) ||',
  '- [Look-alike](https://example.com/i)｜Lab Notes 2023-01-11',
  '- [No separator](https://example.com/j) Lab Notes 2023-01-12',
  '- [Loose date](https://example.com/k) | Lab Notes 2023/1/13',
  '- [Wide gap](https://example.com/l) | Lab Notes   2023-01-14',
  '- [Soft\u00ADhyphen title](https://example.com/m) | Lab Notes 2023-01-15',
  '- [Trailing space](https://example.com/n) | Lab Notes 2023-01-16 ',
  '- Gorilla',
  '  - homepage: gorilla.cs.berkeley.edu',
  '  - code: https://github.com/ShishirPatil/gorilla)',
  '',
].join('\n');

function mismatches(text: string): { finding: Finding; points: string; replaces: string }[] {
  return lintText(text)
    .filter((f) => f.fix !== null)
    .filter((f) => f.fix?.start !== f.start.offset || f.fix?.end !== f.end.offset)
    .map((finding) => ({
      finding,
      points: text.slice(finding.start.offset, finding.end.offset),
      replaces: text.slice(finding.fix?.start ?? 0, finding.fix?.end ?? 0),
    }));
}

describe('fix ranges agree with message ranges', () => {
  it('for every kind of fix every rule makes', () => {
    const findings = lintText(FIXABLE_LIST).filter((f) => f.fix);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(['url-format', 'entry-format', 'date-format', 'whitespace']));
    expect(findings.length).toBeGreaterThanOrEqual(15);
    expect(mismatches(FIXABLE_LIST)).toEqual([]);
  });

  it('for list-structure\'s inserted blank line and colon', () => {
    const text = ['# Projects', '', '- Alpha:', '  - a', '- Beta:', '  - b', '- Gamma', '  - c', '</br>', ''].join('\n');
    const fixable = lintText(text, ['list-structure']).filter((f) => f.fix);
    expect(fixable.map((f) => text.slice(f.start.offset, f.end.offset))).toEqual(['Gamma', '</br>']);
    expect(mismatches(text)).toEqual([]);
  });

  it.each(['problems.md', 'models.md', 'blocks.md', 'tabs.md', 'refs.md', 'links-list.md'])('on %s', (name) => {
    expect(mismatches(fixture(name))).toEqual([]);
  });

  it('so replacing each message\'s range with its fix text, one at a time, is what --fix does', () => {
    const findings = lintText(FIXABLE_LIST).filter((f) => f.fix);
    const asQuickFixes = applyEdits(FIXABLE_LIST, findings.map((f) => ({ start: f.start.offset, end: f.end.offset, text: f.fix?.text ?? '' }))).text;
    const asFix = applyEdits(FIXABLE_LIST, findings.flatMap((f) => (f.fix ? [f.fix] : []))).text;
    expect(asQuickFixes).toBe(asFix);
    expect(asQuickFixes).toContain('- [Scheme-less](https://example.com/a) | Lab Notes 2023-01-05');
    expect(asQuickFixes).toContain('  - homepage: https://gorilla.cs.berkeley.edu\n  - code: https://github.com/ShishirPatil/gorilla\n');
  });
});
