import { describe, expect, it } from 'vitest';
import { defaultConfig, NETWORK_RULE_IDS, RULE_IDS } from '../../src/core/config/config-types.js';
import { ALL_RULES, lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import { configWith, fixture, spanText, TODAY } from './helpers.js';

describe('lintDocuments', () => {
  it('runs one rule per rule id but the network rules (they need pages), each with its documented default severity', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual(RULE_IDS.filter((id) => !NETWORK_RULE_IDS.includes(id)).sort());
    const defaults = defaultConfig().rules;
    for (const rule of ALL_RULES) expect(rule.defaultSeverity).toBe(defaults[rule.id].severity);
  });

  it('finds each problem of the problem fixture on its line', () => {
    const text = fixture('problems.md');
    const findings = lintDocuments([parseList(text, 'problems.md')], defaultConfig(), { today: TODAY });
    const byLine = new Map<number, string[]>();
    for (const f of findings) byLine.set(f.start.line, [...(byLine.get(f.start.line) ?? []), f.ruleId]);
    expect(Object.fromEntries(byLine)).toEqual({
      6: ['entry-format'],
      7: ['entry-format'],
      8: ['entry-format'],
      9: ['entry-format'],
      10: ['entry-format'],
      11: ['entry-format'],
      12: ['date-format'],
      13: ['date-format'],
      14: ['date-format'],
      15: ['date-format'],
      16: ['future-date'],
      17: ['url-format'],
      18: ['duplicate-link'],
      19: ['duplicate-title'],
      20: ['whitespace'],
      21: ['whitespace'],
      22: ['whitespace'],
      23: ['url-format'],
      24: ['entry-format'],
      25: ['sort-order'],
    });
    const dup = findings.find((f) => f.ruleId === 'duplicate-link');
    expect(dup?.reason).toContain('first linked at problems.md:5');
    expect(spanText(text, dup!)).toBe('http://www.example.com/sparse/?utm_source=feed');
  });

  it('applies configured severities and skips rules that are off', () => {
    const text = fixture('problems.md');
    const config = defaultConfig();
    config.rules['entry-format'].severity = 'warning';
    config.rules['date-format'].severity = 'off';
    const findings = lintDocuments([parseList(text, 'p.md')], config, { today: TODAY });
    expect(findings.some((f) => f.ruleId === 'date-format')).toBe(false);
    expect(findings.filter((f) => f.ruleId === 'entry-format').every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.filter((f) => f.ruleId === 'url-format').every((f) => f.severity === 'error')).toBe(true);
  });

  it('passes rule options from the config', () => {
    const text = fixture('problems.md');
    const allowAll = configWith(['duplicate-link'], { 'duplicate-link': { allow: ['example\\.com'] } });
    expect(lintDocuments([parseList(text)], allowAll, { today: TODAY })).toEqual([]);
  });

  it('passes the sort config to sort-order', () => {
    const text = '# P\n\n- [B](https://e.com/b) | S 2023-01-02\n- [A](https://e.com/a) | S 2023-01-01\n';
    const asc = configWith(['sort-order']);
    const desc = configWith(['sort-order']);
    desc.sort.order = 'desc';
    expect(lintDocuments([parseList(text)], asc, { today: TODAY })).toHaveLength(1);
    expect(lintDocuments([parseList(text)], desc, { today: TODAY })).toEqual([]);
  });

  it('sorts findings by path, then position', () => {
    const bad = '# P\n\n- [B](https://e.com/b)｜S 2023-1-2 \n- [A](e.com/a) | S 2023-01-01\n';
    const findings = lintDocuments([parseList(bad, 'z.md'), parseList(bad, 'a.md')], defaultConfig(), { today: TODAY });
    const keys = findings.map((f) => [f.path, f.start.offset]);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : Number(x[1]) - Number(y[1])));
    expect(keys).toEqual(sorted);
    expect(findings[0].path).toBe('a.md');
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(['a.md', 'z.md']));
  });

  it('reports only the known problems of the seed-style fixture', () => {
    const text = fixture('models.md');
    const findings = lintDocuments([parseList(text, 'models.md')], defaultConfig(), { today: TODAY });
    // Source links without dates, trailing spaces, a labelled entry (`拓展：`) dated before its
    // neighbour, Macaw's entry repeating its own `code:` URL (issue 9) and a `</br>` joined to the
    // list; other labels, markers, nesting and `key: url` lines pass.
    expect(findings.map((f) => [f.start.line, f.ruleId])).toEqual([
      [13, 'entry-format'],
      [19, 'entry-format'],
      [22, 'whitespace'],
      [42, 'sort-order'],
      [46, 'whitespace'],
      [48, 'duplicate-link'],
      // The seed list's `</br>` right after the last item, which CommonMark joins to it.
      [54, 'list-structure'],
    ]);
  });
});
