import { describe, expect, it } from 'vitest';
import type { SortConfig } from '../src/core/config/config-types.js';
import { parseList } from '../src/core/parse.js';
import { sortOrderRule } from '../src/core/rules/sort-order.js';
import { findUnmovable, findUnsorted, sortDocument, withBom } from '../src/core/sort/sort.js';
import { SORT_CONFIGS, sortViolation } from './sort-fuzz.js';

const ASC: SortConfig = { order: 'asc', undated: 'keep' };

function sortText(input: string, sort: SortConfig = ASC): string {
  const doc = parseList(input, 'list.md');
  return withBom(doc, sortDocument(doc, sort).text);
}

/** A blog entry line in the list's style. */
function e(title: string, date: string, indent = ''): string {
  return `${indent}- [${title}](https://mp.weixin.qq.com/s/${title}) | 机器之心 ${date}`;
}

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

describe('rule 1: a list is sorted only when two items carry their own date', () => {
  it('leaves a list with a single dated item alone', () => {
    const input = lines('- note', e('b', '2023-03-01'), '- [repo](https://github.com/x/y): a repo');
    expect(sortText(input)).toBe(input);
  });

  it("does not count children's dates for the parent", () => {
    const input = lines(
      '* GPT-4',
      e('g2', '2023-03-02', '  '),
      e('g1', '2023-03-01', '  '),
      '* Alpaca',
      e('a1', '2023-01-01', '  '),
    );
    // The parents are undated, so they stay; the nested list is sorted on its own.
    expect(sortText(input)).toBe(
      lines('* GPT-4', e('g1', '2023-03-01', '  '), e('g2', '2023-03-02', '  '), '* Alpaca', e('a1', '2023-01-01', '  ')),
    );
  });
});

describe('rule 2: ascending by date, stable, desc flips', () => {
  it('orders dated items ascending', () => {
    const input = lines(e('c', '2023-03-01'), e('a', '2022-12-08'), e('b', '2023-02-15'));
    expect(sortText(input)).toBe(lines(e('a', '2022-12-08'), e('b', '2023-02-15'), e('c', '2023-03-01')));
  });

  it('keeps the original order of equal dates', () => {
    const input = lines(e('late', '2023-03-01'), e('x', '2023-02-15'), e('y', '2023-02-15'), e('z', '2023-02-15'));
    expect(sortText(input)).toBe(lines(e('x', '2023-02-15'), e('y', '2023-02-15'), e('z', '2023-02-15'), e('late', '2023-03-01')));
  });

  it('sorts descending with order: desc, still stable for equal dates', () => {
    const input = lines(e('x', '2023-02-15'), e('new', '2023-03-01'), e('y', '2023-02-15'), e('old', '2022-01-01'));
    expect(sortText(input, { order: 'desc', undated: 'keep' })).toBe(
      lines(e('new', '2023-03-01'), e('x', '2023-02-15'), e('y', '2023-02-15'), e('old', '2022-01-01')),
    );
  });
});

describe('rule 3: undated items keep their slots unless undated: top|bottom', () => {
  const input = lines(e('c', '2023-03-01'), '- blog:', e('a', '2023-01-01'), '- author: OpenAI', e('b', '2023-02-01'));

  it('keeps undated items in their slots', () => {
    expect(sortText(input)).toBe(
      lines(e('a', '2023-01-01'), '- blog:', e('b', '2023-02-01'), '- author: OpenAI', e('c', '2023-03-01')),
    );
  });

  it('moves undated items to the top, in their original order', () => {
    expect(sortText(input, { order: 'asc', undated: 'top' })).toBe(
      lines('- blog:', '- author: OpenAI', e('a', '2023-01-01'), e('b', '2023-02-01'), e('c', '2023-03-01')),
    );
  });

  it('moves undated items to the bottom', () => {
    expect(sortText(input, { order: 'asc', undated: 'bottom' })).toBe(
      lines(e('a', '2023-01-01'), e('b', '2023-02-01'), e('c', '2023-03-01'), '- blog:', '- author: OpenAI'),
    );
  });
});

describe('rule 4: items move with what belongs to them; blank lines stay with the slot', () => {
  it('moves continuation lines and nested lists with their item', () => {
    const input = lines(
      e('c', '2023-03-01'),
      '  continued on a second line',
      e('c-repost', '2023-03-08', '  '),
      e('a', '2023-01-01'),
    );
    expect(sortText(input)).toBe(
      lines(e('a', '2023-01-01'), e('c', '2023-03-01'), '  continued on a second line', e('c-repost', '2023-03-08', '  ')),
    );
  });

  it('keeps blank lines in their place between slots', () => {
    const input = `${e('c', '2023-03-01')}\n\n\n${e('b', '2023-02-01')}\n${e('a', '2023-01-01')}\n`;
    expect(sortText(input)).toBe(`${e('a', '2023-01-01')}\n\n\n${e('b', '2023-02-01')}\n${e('c', '2023-03-01')}\n`);
  });

  it('moves the last item of a file that has no final line ending', () => {
    const input = `${e('b', '2023-02-01')}\n${e('a', '2023-01-01')}`;
    expect(sortText(input)).toBe(`${e('a', '2023-01-01')}\n${e('b', '2023-02-01')}`);
  });

  it('moves an item whose nested list ends right before a less indented item', () => {
    const input = lines(
      e('b', '2023-02-01'),
      e('b2', '2023-02-09', '  '),
      e('b1', '2023-02-08', '    '),
      e('a', '2023-01-01'),
    );
    expect(sortText(input)).toBe(
      lines(e('a', '2023-01-01'), e('b', '2023-02-01'), e('b2', '2023-02-09', '  '), e('b1', '2023-02-08', '    ')),
    );
  });

  it('does not move an item that leaves a code fence open (what follows it would change), and says why', () => {
    const input = lines(e('b', '2023-02-01'), '  ```', '  code', e('a', '2023-01-01'));
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(input);
    expect(result.unmovable.map((u) => u.reason)).toEqual(['the item at line 1 holds a code fence (```) that is never closed, so how it reads depends on what follows it; close the fence']);
    // Closed, the same list sorts, the fence moving with its item.
    const closed = lines(e('b', '2023-02-01'), '  ```', '  code', '  ```', e('a', '2023-01-01'));
    expect(sortText(closed)).toBe(lines(e('a', '2023-01-01'), e('b', '2023-02-01'), '  ```', '  code', '  ```'));
  });
});

describe('rule 5: nested lists are sorted each on its own; what counts as a date', () => {
  it('sorts parent and nested lists independently', () => {
    const input = lines(
      e('p2', '2023-03-01'),
      e('p2-c2', '2023-03-20', '  '),
      e('p2-c1', '2023-03-10', '  '),
      e('p1', '2023-01-01'),
      e('p1-c2', '2023-01-20', '  '),
      e('p1-c1', '2023-01-10', '  '),
    );
    expect(sortText(input)).toBe(
      lines(
        e('p1', '2023-01-01'),
        e('p1-c1', '2023-01-10', '  '),
        e('p1-c2', '2023-01-20', '  '),
        e('p2', '2023-03-01'),
        e('p2-c1', '2023-03-10', '  '),
        e('p2-c2', '2023-03-20', '  '),
      ),
    );
  });

  it('counts malformed but unambiguous dates', () => {
    const input = lines(e('c', '2023/03/01'), e('a', '2023-1-5'), e('b', '2023.02.01'));
    expect(sortText(input)).toBe(lines(e('a', '2023-1-5'), e('b', '2023.02.01'), e('c', '2023/03/01')));
  });

  it('treats an impossible date as undated (the item keeps its slot)', () => {
    const input = lines(e('c', '2023-03-01'), e('bad', '2023-02-30'), e('a', '2023-01-01'));
    expect(sortText(input)).toBe(lines(e('a', '2023-01-01'), e('bad', '2023-02-30'), e('c', '2023-03-01')));
  });
});

describe('rule 6: a permutation of bytes', () => {
  it('keeps CRLF line endings', () => {
    const input = [e('b', '2023-02-01'), e('b1', '2023-02-05', '  '), e('a', '2023-01-01'), ''].join('\r\n');
    expect(sortText(input)).toBe([e('a', '2023-01-01'), e('b', '2023-02-01'), e('b1', '2023-02-05', '  '), ''].join('\r\n'));
  });

  it('keeps tab indentation', () => {
    const input = lines(e('b', '2023-02-01'), `\t${e('b2', '2023-02-09')}`, `\t${e('b1', '2023-02-08')}`, e('a', '2023-01-01'));
    expect(sortText(input)).toBe(
      lines(e('a', '2023-01-01'), e('b', '2023-02-01'), `\t${e('b1', '2023-02-08')}`, `\t${e('b2', '2023-02-09')}`),
    );
  });

  it('keeps a BOM (withBom) while the model text has none', () => {
    const input = `\uFEFF${lines(e('b', '2023-02-01'), e('a', '2023-01-01'))}`;
    const doc = parseList(input, 'list.md');
    const { text } = sortDocument(doc, ASC);
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(withBom(doc, text)).toBe(`\uFEFF${lines(e('a', '2023-01-01'), e('b', '2023-02-01'))}`);
  });

  it('returns a sorted document byte-identical, with no edits', () => {
    const input = lines('# News', '', e('a', '2023-01-01'), e('b', '2023-02-01'), '  trailing  ', e('c', '2023-03-01'));
    const doc = parseList(input, 'list.md');
    const result = sortDocument(doc, ASC);
    expect(result.text).toBe(input);
    expect(result.edits).toEqual([]);
    expect(result.unsorted).toEqual([]);
  });

  it('sorting twice equals sorting once', () => {
    const input = lines(e('c', '2023-03-01'), '- blog:', e('a', '2023-1-1'), e('b', '2023-02-01'), e('b0', '2023-01-02', '  '));
    const once = sortText(input);
    expect(sortText(once)).toBe(once);
  });

  it('leaves lists inside a blockquote sortable', () => {
    const input = lines(`> ${e('b', '2023-02-01')}`, `> ${e('a', '2023-01-01')}`);
    expect(sortText(input)).toBe(lines(`> ${e('a', '2023-01-01')}`, `> ${e('b', '2023-02-01')}`));
  });

  it('leaves ordered lists alone (the numbers would not follow the items)', () => {
    const input = lines('Papers by date:', '1. [b](https://b.example) | X 2023-02-01', '2. [a](https://a.example) | X 2023-01-01');
    expect(sortText(input)).toBe(input);
  });

  it('does not move an item that shares its line with its parent marker (`- - a`)', () => {
    const input = lines(`- ${e('b', '2023-02-01')}`, e('a', '2023-01-01', '  '));
    expect(sortText(input)).toBe(input);
  });
});

describe('rule 5 in blockquotes: a quoted list is sorted on its own', () => {
  it('sorts a list in a blockquote inside an item, every line keeping its `> ` prefix', () => {
    const input = lines(
      e('p', '2023-01-01'),
      `  > ${e('q3', '2023-01-30')}`,
      `  > ${e('q1', '2023-01-10')}`,
      `  >   ${e('q1-b', '2023-01-12')}`,
      `  >   ${e('q1-a', '2023-01-11')}`,
      `  > ${e('q2', '2023-01-20')}`,
      e('o', '2023-02-01'),
    );
    const doc = parseList(input, 'list.md');
    const [quoted] = doc.items[0].children;
    expect(quoted.items.map((i) => i.entry?.link?.title)).toEqual(['q3', 'q1', 'q2']);
    expect(findUnsorted(doc, ASC).map((u) => u.line)).toEqual([3, 5]);
    const [message, ...rest] = sortOrderRule.check(doc, { docs: [doc], options: {}, today: '2024-01-01', sort: ASC });
    expect(message.reason).toContain("The list under 'p' (line 1)");
    expect(rest).toHaveLength(1);
    const sorted = sortText(input);
    expect(sorted).toBe(
      lines(
        e('p', '2023-01-01'),
        `  > ${e('q1', '2023-01-10')}`,
        `  >   ${e('q1-a', '2023-01-11')}`,
        `  >   ${e('q1-b', '2023-01-12')}`,
        `  > ${e('q2', '2023-01-20')}`,
        `  > ${e('q3', '2023-01-30')}`,
        e('o', '2023-02-01'),
      ),
    );
    expect(sortText(sorted)).toBe(sorted);
  });

  it('moves a lazy continuation line (no `>`) with the item whose paragraph it continues', () => {
    const input = lines(e('p', '2023-01-01'), `  > ${e('q2', '2023-01-20')}`, '  still q2, without its prefix', `  > ${e('q1', '2023-01-10')}`);
    const sorted = sortText(input);
    expect(sorted).toBe(lines(e('p', '2023-01-01'), `  > ${e('q1', '2023-01-10')}`, `  > ${e('q2', '2023-01-20')}`, '  still q2, without its prefix'));
    // Still one list of two items under p, and the line still belongs to q2.
    const doc = parseList(sorted, 'list.md');
    const [quoted] = doc.items[0].children;
    expect(quoted.items.map((i) => doc.text.slice(i.span.start, i.span.end))).toEqual([
      `  > ${e('q1', '2023-01-10')}`,
      `  > ${e('q2', '2023-01-20')}\n  still q2, without its prefix`,
    ]);
  });

  it('keeps a quoted blank line between items in its slot', () => {
    const input = lines(e('p', '2023-01-01'), `  > ${e('q2', '2023-01-20')}`, '  >', `  > ${e('q1', '2023-01-10')}`);
    expect(sortText(input)).toBe(lines(e('p', '2023-01-01'), `  > ${e('q1', '2023-01-10')}`, '  >', `  > ${e('q2', '2023-01-20')}`));
  });

  it('leaves a list alone, and says why, when the line after it could become part of another item', () => {
    // Text right after a list joins its last item only when that item ends in a paragraph:
    // here b ends in a code block, so the paragraph is not b's; moving c last would make it c's.
    const input = lines('# Quoted', '', `> ${e('c', '2023-01-30')}`, `> ${e('b', '2023-01-10')}`, '>   ```', '>   code', '>   ```', 'a paragraph after the quote');
    const doc = parseList(input, 'list.md');
    const result = sortDocument(doc, ASC);
    expect(result.text).toBe(input);
    expect(result.unsorted).toEqual([]);
    const [unmovable] = result.unmovable;
    expect(unmovable.line).toBe(4);
    expect(unmovable.reason).toMatch(/line 8 .*blank line after the list/);
    const [message] = sortOrderRule.check(doc, { docs: [doc], options: {}, today: '2024-01-01', sort: ASC });
    expect(message.reason).toContain("'b' (2023-01-10) belongs before 'c' (2023-01-30)");
    expect(message.reason).toContain('`listkeeper sort` leaves it as it is');
    // With the blank line the message asks for, the list sorts.
    const spaced = input.replace('\na paragraph', '\n\na paragraph');
    expect(findUnmovable(parseList(spaced, 'list.md'), ASC)).toEqual([]);
    expect(sortText(spaced)).toBe(lines('# Quoted', '', `> ${e('b', '2023-01-10')}`, '>   ```', '>   code', '>   ```', `> ${e('c', '2023-01-30')}`, '', 'a paragraph after the quote'));
  });

  it('leaves a list alone when an item whose text starts further left could take an indented line after a blank one', () => {
    // After a blank line, a line belongs to an item when it is indented as far as the item's text:
    // the note (2 spaces) is not `-  [b]`'s (text at column 3), but would be `- [c]`'s (column 2) if c came last.
    const input = lines('## Blogs', '', e('c', '2023-01-30'), e('b', '2023-01-10').replace('- ', '-  '), '', '  a note indented two spaces');
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(input);
    expect(result.unmovable.map((u) => u.reason)).toEqual([expect.stringMatching(/^line 6, indented after the list, would join whichever item came last/)]);
    // Items whose text starts at one column cannot take a line the last one does not take: they sort.
    const even = lines('## Blogs', '', e('c', '2023-01-30'), e('b', '2023-01-10'), '', ' a note indented one space');
    expect(sortText(even)).toBe(lines('## Blogs', '', e('b', '2023-01-10'), e('c', '2023-01-30'), '', ' a note indented one space'));
    // Only the item that becomes last matters: x (text at column 3) cannot take a line indented two spaces.
    const wide = (line: string, spaces: string): string => line.replace('- ', `-${spaces}`);
    const uneven = lines('## Blogs', '', wide(e('x', '2023-03-01'), '  '), e('a', '2023-01-01'), wide(e('b', '2023-02-01'), '   '), '', '  a note indented two spaces');
    expect(sortText(uneven)).toBe(lines('## Blogs', '', e('a', '2023-01-01'), wide(e('b', '2023-02-01'), '   '), wide(e('x', '2023-03-01'), '  '), '', '  a note indented two spaces'));
  });

  it.each(['---', '***', '```', '~~~', '<!-- end of list -->'])('sorts a list followed right away by `%s`, which starts a block whatever the last item ends with', (after) => {
    // b ends in a code block, as in the test above; the line after cannot join any item, so nothing is reported.
    const input = lines(e('c', '2023-01-30'), e('b', '2023-01-10'), '  ```', '  code', '  ```', after);
    const doc = parseList(input, 'list.md');
    expect(findUnmovable(doc, ASC)).toEqual([]);
    expect(sortText(input)).toBe(lines(e('b', '2023-01-10'), '  ```', '  code', '  ```', e('c', '2023-01-30'), after));
  });

  it('still sorts such a list when its last item stays last', () => {
    const input = lines(`> ${e('b', '2023-01-10')}`, `> ${e('a', '2023-01-05')}`, `> ${e('c', '2023-01-30')}`, 'a paragraph after the quote');
    expect(sortText(input)).toBe(lines(`> ${e('a', '2023-01-05')}`, `> ${e('b', '2023-01-10')}`, `> ${e('c', '2023-01-30')}`, 'a paragraph after the quote'));
  });

  it('sorts a nested list followed directly by its parent\'s next sibling, even in an ordered list', () => {
    const input = lines('1. parent', `   ${e('c', '2023-01-30')}`, `   ${e('b', '2023-01-10')}`, '2. next');
    expect(sortText(input)).toBe(lines('1. parent', `   ${e('b', '2023-01-10')}`, `   ${e('c', '2023-01-30')}`, '2. next'));
  });
});

describe('reporting lists out of order', () => {
  it('names the first item out of place and the list', () => {
    const input = lines('# Blogs', '', e('a', '2023-01-01'), e('c', '2023-03-01'), e('b', '2023-02-01'));
    const doc = parseList(input, 'list.md');
    const [first, ...rest] = findUnsorted(doc, ASC);
    expect(rest).toEqual([]);
    expect(first.line).toBe(5);
    expect(first.before.line).toBe(4);
    const [message] = sortOrderRule.check(doc, { docs: [doc], options: {}, today: '2024-01-01', sort: ASC });
    expect(message.reason).toContain("section 'Blogs'");
    expect(message.reason).toContain("'b' (2023-02-01) belongs before 'c' (2023-03-01) (line 4)");
    expect(doc.text.slice(message.span.start, message.span.end)).toBe(e('b', '2023-02-01').slice(2));
    expect(message.fix).toBeUndefined();
  });

  it('reports nothing for a sorted list', () => {
    const doc = parseList(lines(e('a', '2023-01-01'), e('b', '2023-02-01')), 'list.md');
    expect(sortOrderRule.check(doc, { docs: [doc], options: {}, today: '2024-01-01', sort: ASC })).toEqual([]);
  });
});

describe('dates as people write them', () => {
  it('places a 2023年4月5日 entry by its date, a note after the date included', () => {
    const input = lines(e('c', '2023-05-01'), e('a', '2023年4月5日'), e('b', '2023年04月20日 转载'));
    expect(sortText(input)).toBe(lines(e('a', '2023年4月5日'), e('b', '2023年04月20日 转载'), e('c', '2023-05-01')));
  });
});

describe('rule 7: sorting only ever reorders (the result is parsed again before it is used)', () => {
  const blogAt = (title: string, date: string): string => `[${title}](https://${title}.com) | s ${date}`;

  it('leaves a quoted item alone whose nested lists run into each other, instead of losing a line break and doubling a line', () => {
    // `+ x` and `- z` are two lists under a; the parser lets the first run over the second.
    const input = lines(`> - ${blogAt('b', '2023-01-01')}`, `> - ${blogAt('a', '2022-01-01')}`, '>   + x', '>     * y', '>   - z');
    const doc = parseList(input, 'list.md');
    const result = sortDocument(doc, ASC);
    expect(result.text).toBe(input);
    expect(result.edits).toEqual([]);
    expect(result.unsorted).toEqual([]);
    expect(result.unmovable.map((u) => [u.line, u.reason])).toEqual([[2, expect.stringMatching(/^the item at line 2 holds nested lists that cannot be cut apart/)]]);
    // The lint rule and `sort --check` see the same: nothing to run `sort --write` for.
    expect(findUnsorted(doc, ASC)).toEqual([]);
  });

  it('does not nest an item under another when the items of a list sit at different indentations', () => {
    const input = lines(`  - ${blogAt('b', '2023-01-01')}`, `- ${blogAt('a', '2022-01-01')}`);
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(input);
    expect(result.unmovable.map((u) => u.reason)).toEqual([expect.stringMatching(/^sorted, the item at line 2 would not be read as the same item \(it would nest/)]);
    // With the items at one indentation the list sorts.
    expect(sortText(lines(`- ${blogAt('b', '2023-01-01')}`, `- ${blogAt('a', '2022-01-01')}`))).toBe(lines(`- ${blogAt('a', '2022-01-01')}`, `- ${blogAt('b', '2023-01-01')}`));
  });

  it('still sorts the other lists of the file, and leaves a list with nothing to move byte for byte', () => {
    const refused = [`  - ${blogAt('b', '2023-01-01')}`, `- ${blogAt('a', '2022-01-01')}`];
    // Sorted already, but its nested lists run into each other: re-rendering it would double `>   - z`.
    const overlapping = [`> - ${blogAt('a', '2022-01-01')}`, `> - ${blogAt('b', '2023-01-01')}`, '>   + x', '>     * y', '>   - z'];
    const input = lines('## One', '', ...refused, '', '## Two', '', e('d', '2023-04-01'), e('c', '2023-03-01'), '', '## Three', '', ...overlapping);
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(lines('## One', '', ...refused, '', '## Two', '', e('c', '2023-03-01'), e('d', '2023-04-01'), '', '## Three', '', ...overlapping));
    expect(result.unsorted.map((u) => u.line)).toEqual([9]);
    expect(result.unmovable.map((u) => u.line)).toEqual([4]);
  });

  // Found by `npm run fuzz` (seed 2): the item ends in a code fence left open, its last line ending is CRLF.
  it('ends an item with an open code fence at its whole CRLF line, not leaving the CR behind', () => {
    const a = '> -\t[a](https://a.example/) | s 2022-02-02';
    const y = '> - [y](https://y.example/) | s 2023-03-03';
    const input = [a, '>   ```', y, ''].join('\r\n');
    const doc = parseList(input, 'list.md');
    // The item's bytes end with its last line, before the line ending (CR included).
    expect(doc.lists[0].items.map((item) => input.slice(item.span.start, item.span.end))).toEqual([`${a}\r\n>   \`\`\``, y]);
    // Such an item is never moved (its open fence reads differently elsewhere): the file stays byte for byte.
    expect(sortText(input, { order: 'desc', undated: 'keep' })).toBe(input);
  });

  // Found by `npm run fuzz` (seed 2): each item lands in its place, but the blank lines the open fence
  // holds while another item follows would leave it once the item came last.
  it('leaves a quoted list alone whose item ends in an open code fence and blank lines, and says why', () => {
    const c = '> -\t[c](https://c.example/) | s 2024-04-04';
    const x = '> - [x](https://x.example/) | s 2023-03-03';
    const input = `\uFEFF${lines(c, '>     ```', '>', '>', x)}`;
    const doc = parseList(input, 'list.md');
    const result = sortDocument(doc, ASC);
    expect(withBom(doc, result.text)).toBe(input);
    expect(result.unsorted).toEqual([]);
    expect(result.unmovable.map((u) => [u.line, u.reason])).toEqual([[5, expect.stringMatching(/^the item at line 1 holds a code fence \(```\) that is never closed/)]]);
    // With the fence closed the list sorts.
    const closed = lines(c, '>     ```', '>     ```', '>', '>', x);
    expect(sortText(closed)).toBe(lines(x, '>', '>', c, '>     ```', '>     ```'));
  });

  // Found by `npm run fuzz` (seed 5): moved last, the item's open fence takes the blank line after the
  // nested list, and its parent item would go from loose to tight (rendered without paragraphs).
  it('leaves a nested list alone when moving an item with an open code fence would make its parent tight', () => {
    const input = lines(`- ${blogAt('x', '2023-03-03')}`, `   - ${blogAt('b', '2024-04-04')}`, '     ```', `   - ${blogAt('c', '2022-02-02')}`, '', '    indented code');
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(input);
    expect(result.unsorted).toEqual([]);
    expect(result.unmovable.map((u) => u.reason)).toEqual([expect.stringMatching(/^the item at line 2 holds a code fence \(```\) that is never closed/)]);
  });

  // Found by `npm run fuzz` (seed 11): an open fence in an item that moves last, with a heading after the list.
  it.each([
    ['* [z](https://z.example/) | s 2022-02-02\n  ```\n \t      +  [z](https://z.example/) | s 2022-02-02\n\n*\t[b](https://b.example/) | s 2023-03-03\n## Heading\n'],
    ['- [a](https://a.example/) | s 2022-02-02\n-   [b](https://b.example/) | s 2024-04-04\n\t  ```\n\t      > quoted\n\n## Heading'],
  ])('leaves %j as it is (an item with an open fence)', (input) => {
    expect(sortText(input, { order: 'desc', undated: 'keep' })).toBe(input);
  });

  it('keeps the sorted nested list when its parent list cannot be sorted', () => {
    const input = lines(`  - ${blogAt('p2', '2023-01-01')}`, `- ${blogAt('p1', '2022-01-01')}`, `  - ${blogAt('c2', '2022-06-01')}`, `  - ${blogAt('c1', '2022-05-01')}`);
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(lines(`  - ${blogAt('p2', '2023-01-01')}`, `- ${blogAt('p1', '2022-01-01')}`, `  - ${blogAt('c1', '2022-05-01')}`, `  - ${blogAt('c2', '2022-06-01')}`));
    expect(result.unmovable.map((u) => u.line)).toEqual([2]);
    expect(result.unsorted.map((u) => u.line)).toEqual([4]);
  });

  // Found by `npm run fuzz` (seed 21, 214,000 documents): a fence opened in a list item ends with the
  // item, so the later "closing" line opens a fence that runs to the end. The heading and the quoted
  // list after it are code; they were read as a list and sorted, which changed the code.
  // Found by `npm run fuzz` (seed 22, 422,000 documents): `\t  ```` in an item is indented code, not a
  // fence, but the fence pairing took it for one and missed the fence left open in the nested item.
  it('does not move an item holding a fence-like line indented with a tab, and says why', () => {
    const input = ['* [z](https://z.example/) | s 2024-04-04', '\t  ```', '\t*\t[b](https://b.example/) | s 2024-04-04', '\t      ```', '', '', '* [c](https://c.example/) | s 2023-03-03', '## Heading', ''].join('\n');
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(input);
    expect(result.unmovable.map((u) => u.reason)).toEqual([expect.stringMatching(/^the item at line 1 holds a code fence \(```\) indented with a tab/)]);
  });

  // Found by reading the fence pairing for spaces (the seed 22 case indented with spaces): `      ```` in
  // z is a lazy line, `      ```` in b opens a fence b leaves open, whose blank lines stay in it while
  // c follows; moved last, before a heading, it loses them. The section parsed alone (ending at the
  // end of the text, not at the heading) read the same both ways, so the check passed it.
  it('does not move an item with a fence left open before a heading when the blank lines after it would read differently', () => {
    const input = ['* [z](https://z.example/) | s 2024-04-04', '      ```', '  * [b](https://b.example/) | s 2024-04-04', '      ```', '', '', '* [c](https://c.example/) | s 2023-03-03', '## Heading', ''].join('\n');
    const result = sortDocument(parseList(input, 'list.md'), ASC);
    expect(result.text).toBe(input);
    expect(result.unmovable.map((u) => [u.line, u.reason])).toEqual([[7, expect.stringMatching(/^sorted, the item at line 1 would not be read as the same item/)]]);
    for (const sort of SORT_CONFIGS) expect(sortViolation(input, sort)).toBeNull();
  });

  it('leaves alone a "list" that is really inside a code fence opened after a list item ended', () => {
    const input = ['-', '  ```', 'lazy words', '  ```', '## Heading', '>+ [c](https://c.example/) | s 2023/5/5', '>+  [y](https://y.example/) | s 2024-04-04', ''].join('\n');
    const doc = parseList(input, 'list.md');
    expect(doc.sections).toEqual([]);
    expect(doc.allLists.map((list) => list.items.length)).toEqual([1]);
    expect(sortText(input, { order: 'desc', undated: 'bottom' })).toBe(input);
  });
});
