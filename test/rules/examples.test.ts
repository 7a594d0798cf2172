import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/core/config/config-types.js';
import { examplesOf, lintText } from './helpers.js';

const DOCUMENTED: RuleId[] = [
  'entry-format',
  'date-format',
  'future-date',
  'url-format',
  'duplicate-link',
  'duplicate-title',
  'whitespace',
  'list-structure',
];

describe.each(DOCUMENTED)('%s: the examples in its doc header', (id) => {
  const { ok, notOk } = examplesOf(id);

  it('has ok and not-ok examples', () => {
    expect(ok.split('\n').filter((l) => l.startsWith('- ')).length).toBeGreaterThan(0);
    expect(notOk.length).toBeGreaterThan(0);
  });

  it('reports nothing on the ok example', () => {
    expect(lintText(ok, [id])).toEqual([]);
  });

  it.each(notOk.map((text) => [text.split('\n').slice(2).join(' / ').trim(), text]))('reports %s', (_name, text) => {
    const findings = lintText(text, [id]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === id)).toBe(true);
  });

  it('keeps the ok example clean under every other rule too', () => {
    // The ok examples double as "well-formed list" samples.
    const others = lintText(ok).filter((f) => f.ruleId !== 'sort-order');
    expect(others).toEqual([]);
  });
});
