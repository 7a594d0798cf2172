import { describe, expect, it } from 'vitest';
import { defaultConfig, type SortConfig } from '../src/core/config/config-types.js';
import { lintDocuments } from '../src/core/lint.js';
import { parseList } from '../src/core/parse.js';
import { sortDocument } from '../src/core/sort/sort.js';
import { inferSortOrder } from '../src/core/sort/sort-direction.js';

const AUTO: SortConfig = { order: 'auto', undated: 'keep' };
const e = (title: string, date: string): string => `- [${title}](https://example.com/${title}) | Lab Notes ${date}`;
const doc = (...sections: string[][]): string => sections.map((items, i) => `## S${i}\n\n${items.join('\n')}\n`).join('\n');

/** A list kept newest-first, as many blog lists are. */
const NEWEST_FIRST = [e('d', '2023-04-01'), e('c', '2023-03-01'), e('b', '2023-02-01'), e('a', '2023-01-01')];

function sortOrderMessages(text: string, order: SortConfig['order']): string[] {
  const config = defaultConfig();
  config.sort.order = order;
  return lintDocuments([parseList(text, 'list.md')], config, { today: '2026-01-01' })
    .filter((f) => f.ruleId === 'sort-order')
    .map((f) => f.reason);
}

describe('sort.order: auto (the default) keeps the direction the document keeps', () => {
  it('is the default', () => {
    expect(defaultConfig().sort.order).toBe('auto');
  });

  it('leaves a newest-first list as it is, and does not call it out of order', () => {
    const text = doc(NEWEST_FIRST);
    expect(sortDocument(parseList(text, 'list.md'), AUTO).text).toBe(text);
    expect(sortOrderMessages(text, 'auto')).toEqual([]);
    // Told to sort oldest first, the same list is out of order.
    expect(sortOrderMessages(text, 'asc')).toHaveLength(1);
  });

  it('puts a stray item of a newest-first document in its newest-first place', () => {
    const text = doc(NEWEST_FIRST, [e('z', '2022-12-01'), e('x', '2022-10-01'), e('y', '2022-11-01')]);
    const [message] = sortOrderMessages(text, 'auto');
    expect(message).toContain("'y' (2022-11-01) belongs before 'x' (2022-10-01)");
    const sorted = sortDocument(parseList(text, 'list.md'), AUTO).text;
    expect(sorted).toBe(doc(NEWEST_FIRST, [e('z', '2022-12-01'), e('y', '2022-11-01'), e('x', '2022-10-01')]));
  });

  it('stays oldest-first for a short or mixed document', () => {
    expect(inferSortOrder(parseList(doc([e('b', '2023-02-01'), e('a', '2023-01-01')]), 'list.md'))).toBe('asc');
    const mixed = doc([e('a', '2023-01-01'), e('b', '2023-02-01'), e('c', '2023-03-01')], NEWEST_FIRST);
    expect(inferSortOrder(parseList(mixed, 'list.md'))).toBe('asc');
    expect(sortOrderMessages(mixed, 'auto')).toHaveLength(1);
  });
});
