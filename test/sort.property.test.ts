import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SortConfig } from '../src/core/config/config-types.js';
import { parseList } from '../src/core/parse.js';
import { findUnsorted, sortDocument, withBom } from '../src/core/sort/sort.js';

/** Seed-style lists: sections, blog entries with dates (some malformed or impossible), reposts nested under them. */
const dateArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 2019, max: 2024 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `2023-${m}-${d}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `2023/${pad(m)}/${pad(d)}`) },
  { weight: 1, arbitrary: fc.constantFrom('2023-02-30', '2022-13-01') },
  { weight: 2, arbitrary: fc.constant(null) },
);

const sourceArb = fc.constantFrom('AINLP', '机器之心', '李rumor', '[OpenAI](https://openai.com/)', 'Datawhale');
const titleArb = fc.stringMatching(/^[A-Za-z0-9 一二三]{1,12}$/).map((s) => s.trim() || 'x');

interface GenItem {
  line: string;
  continuation: boolean;
  /** The continuation line without the blockquote's `>` (a lazy continuation line). */
  lazy: boolean;
  children: GenItem[];
  /** The children are in a blockquote inside the item (`  > - a`). */
  quoted: boolean;
  blankAfter: boolean;
}

function itemArb(depth: number): fc.Arbitrary<GenItem> {
  const children: fc.Arbitrary<GenItem[]> = depth < 2 ? fc.array(itemArb(depth + 1), { maxLength: 3 }) : fc.constant<GenItem[]>([]);
  return fc.record({
    line: fc.oneof(
      { weight: 5, arbitrary: fc.tuple(titleArb, sourceArb, dateArb, fc.boolean()).map(([t, s, d, thumbs]) => `[${t}](https://mp.weixin.qq.com/s/${encodeURIComponent(t)}) | ${s}${d ? ` ${d}` : ''}${thumbs ? ' :thumbsup:' : ''}`) },
      { weight: 1, arbitrary: fc.constantFrom('author: Google', 'blog:', 'code:', '[paper](https://arxiv.org/abs/2201.08239): LaMDA') },
    ),
    continuation: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    lazy: fc.boolean(),
    children,
    quoted: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    blankAfter: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
}

const docArb = fc.record({
  sections: fc.array(fc.tuple(titleArb, fc.array(itemArb(0), { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 3 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
  indent: fc.constantFrom('  ', '    ', '\t'),
  bullet: fc.constantFrom('-', '*'),
});

type GenDoc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function render(gen: GenDoc): string {
  const out: string[] = [];
  // `pad` is what starts each line of these items: indentation, and `> ` inside a blockquote.
  const renderItems = (items: GenItem[], pad: string): void => {
    for (const item of items) {
      out.push(`${pad}${gen.bullet} ${item.line}`);
      if (item.continuation) out.push(`${item.lazy ? pad.replace(/>/g, ' ') : pad}  more words`);
      renderItems(item.children, item.quoted ? `${pad}  > ` : `${pad}${gen.indent}`);
      // A blank line inside a blockquote keeps its `>`, or it would end the quote.
      if (item.blankAfter) out.push(pad.trimEnd());
    }
  };
  for (const [title, items] of gen.sections) {
    out.push(`## ${title}`, '');
    renderItems(items, '');
    out.push('');
  }
  const eol = gen.crlf ? '\r\n' : '\n';
  let text = out.join(eol);
  if (!gen.finalEol) text = text.replace(/(\r?\n)+$/, '');
  return (gen.bom ? '\uFEFF' : '') + text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const CONFIGS: SortConfig[] = [
  { order: 'asc', undated: 'keep' },
  { order: 'desc', undated: 'keep' },
  { order: 'asc', undated: 'top' },
  { order: 'desc', undated: 'bottom' },
];

function sortText(input: string, sort: SortConfig): string {
  const doc = parseList(input, 'gen.md');
  return withBom(doc, sortDocument(doc, sort).text);
}

const multiset = (text: string): string[] => text.split(/\r?\n/).sort();

describe('sort over generated seed-style lists', () => {
  CONFIGS.forEach((sort, i) => {
    it(`keeps the lines, leaves nothing out of order, is idempotent, keeps sorted input (${sort.order}, undated ${sort.undated})`, () => {
      fc.assert(
        fc.property(docArb, (gen) => {
          const input = render(gen);
          const doc = parseList(input, 'gen.md');
          const result = sortDocument(doc, sort);
          const once = withBom(doc, result.text);
          // A permutation of the items' bytes: the same lines, in another order.
          expect(multiset(once)).toEqual(multiset(input));
          // Input with nothing out of order comes back byte-identical, without edits.
          expect(result.edits.length === 0).toBe(result.unsorted.length === 0);
          if (result.unsorted.length === 0) expect(once).toBe(input);
          else {
            const again = parseList(once, 'gen.md');
            expect(findUnsorted(again, sort)).toEqual([]);
            expect(withBom(again, sortDocument(again, sort).text)).toBe(once);
          }
        }),
        { numRuns: i === 0 ? 80 : 30, seed: 20260101 + i },
      );
    });
  });
});
