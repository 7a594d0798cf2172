/**
 * Generated documents for checking that `sort` only ever reorders, and the
 * check itself (shared by test/sort.fuzz.test.ts and `npm run fuzz`).
 *
 * The documents are soups of lines with the layouts that trip sorting:
 * blockquotes in and around lists, mixed markers, mixed and odd indentation,
 * tabs, lazy continuation lines, fences, empty items, CRLF and BOM. The check
 * does not trust listkeeper's own reading: it parses the input and the output
 * whole with remark (no chunks, no fast path) and compares the trees.
 */
import fc from 'fast-check';
import type { List, Nodes, Root } from 'mdast';
import type { SortConfig } from '../src/core/config/config-types.js';
import { parseList, parseMarkdown } from '../src/core/parse.js';
import { planList, sortDocument, withBom } from '../src/core/sort/sort.js';

export const SORT_CONFIGS: SortConfig[] = [
  { order: 'asc', undated: 'keep' },
  { order: 'desc', undated: 'keep' },
  { order: 'asc', undated: 'top' },
  { order: 'desc', undated: 'bottom' },
];

const quoteArb = fc.constantFrom('', '', '', '', '> ', '> ', '>', '>  ', '> > ', '>> ');
const oddIndentArb = fc.constantFrom(' ', '  ', '   ', '    ', '     ', '\t', ' \t', '\t  ', '  \t');
const childIndentArb = fc.constantFrom('  ', '  ', '   ', '    ', '    ', '\t', ' \t', '      ');
const markerArb = fc.constantFrom('-', '-', '-', '*', '*', '+', '1.', '2)');
const dateArb = fc.constantFrom('2021-01-01', '2022-02-02', '2022-02-02', '2023-03-03', '2024-04-04', '2023/5/5', '2023-02-30');
const wordArb = fc.constantFrom('a', 'b', 'c', 'x', 'y', 'z');

/** An item's text after its marker: mostly a dated entry. */
const bodyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(wordArb, fc.constantFrom(' ', ' ', ' ', '  ', '   ', '     ', '\t'), dateArb).map(([w, sp, d]) => `${sp}[${w}](https://${w}.example/) | s ${d}`) },
  { weight: 2, arbitrary: wordArb.map((w) => ` ${w}: plain`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ') },
  { weight: 1, arbitrary: fc.tuple(markerArb, dateArb).map(([m, d]) => ` ${m} [n](https://n.example/) | s ${d}`) },
);

/** Lines under an item: `quote` and `indent` are the item's own; a lazy line has neither. */
const followArb = fc.constantFrom(
  (q: string, i: string) => `${q}${i}  more words`,
  (_q: string, _i: string) => 'lazy words',
  (q: string, _i: string) => `${q}lazy words`,
  (q: string, i: string) => `${q}${i}  \`\`\``,
  // Fence-like lines at other depths: a fence, indented code or a lazy line, by the column the item's text starts at.
  (q: string, i: string) => `${q}${i}      \`\`\``,
  (q: string, i: string) => `${q}${i}    ~~~`,
  (q: string, i: string) => `${q}${i}\`\`\`\` js`,
  (q: string, i: string) => `${q}${i}      code`,
  (q: string, _i: string) => q.trimEnd(),
  (_q: string, _i: string) => '',
  (q: string, i: string) => `${q}${i}  > quoted`,
  (q: string, _i: string) => `${q}---`,
);

interface GenItem {
  indent: string;
  marker: string | null;
  quote: string | null;
  body: string;
  follow: ((q: string, i: string) => string)[];
  children: GenItem[];
  childIndent: string;
  childMarker: string;
  blankAfter: boolean;
}

function itemArb(depth: number): fc.Arbitrary<GenItem> {
  return fc.record({
    indent: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: oddIndentArb }),
    marker: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: markerArb }),
    quote: fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: quoteArb }),
    body: bodyArb,
    follow: fc.oneof({ weight: 3, arbitrary: fc.constant<((q: string, i: string) => string)[]>([]) }, { weight: 1, arbitrary: fc.array(followArb, { minLength: 1, maxLength: 2 }) }),
    children: depth < 2 ? fc.array(itemArb(depth + 1), { maxLength: depth === 0 ? 3 : 2 }) : fc.constant<GenItem[]>([]),
    childIndent: childIndentArb,
    childMarker: markerArb,
    blankAfter: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  });
}

function renderItems(items: GenItem[], quote: string, indent: string, marker: string, out: string[]): void {
  for (const item of items) {
    const q = item.quote ?? quote;
    const i = indent + item.indent;
    out.push(`${q}${i}${item.marker ?? marker}${item.body}`);
    for (const follow of item.follow.slice(0, 1)) out.push(follow(q, i));
    renderItems(item.children, q, `${i}${item.childIndent}`, item.childMarker, out);
    for (const follow of item.follow.slice(1)) out.push(follow(q, i));
    if (item.blankAfter) out.push(q.trimEnd());
  }
}

const listBlockArb = fc.record({ quote: quoteArb, marker: markerArb, items: fc.array(itemArb(0), { minLength: 2, maxLength: 5 }) }).map(({ quote, marker, items }) => {
  const out: string[] = [];
  renderItems(items, quote, '', marker, out);
  return out;
});

const otherArb = fc.constantFrom(['## Heading'], [''], [''], ['Some text.'], ['> quoted text'], ['```', 'code', '```'], ['```'], ['  ```'], ['    ~~~'], ['<!-- note -->'], ['<div>'], ['---'], ['    indented code'], ['[ref]: https://r.example/']);

export const docArb = fc
  .record({
    blocks: fc.array(fc.oneof({ weight: 3, arbitrary: listBlockArb }, { weight: 2, arbitrary: otherArb }), { minLength: 1, maxLength: 5 }),
    crlf: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    bom: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    finalEol: fc.boolean(),
  })
  .map(({ blocks, crlf, bom, finalEol }) => (bom ? '\uFEFF' : '') + blocks.flat().join(crlf ? '\r\n' : '\n') + (finalEol ? (crlf ? '\r\n' : '\n') : ''));

/**
 * What is wrong with sorting `input`, or null: the output must hold the same
 * lines; parsed whole, it must be the input's tree with only the items of the
 * sorted lists permuted; with nothing reported as sorted it must be the input.
 */
export function sortViolation(input: string, sort: SortConfig): string | null {
  const doc = parseList(input, 'gen.md');
  const result = sortDocument(doc, sort);
  const output = withBom(doc, result.text);
  if (result.unsorted.length === 0) return output === input ? null : 'changed a document with no list reported as sorted';
  // The BOM stays at the start of the file, whichever line comes first.
  if (output.startsWith('\uFEFF') !== input.startsWith('\uFEFF') || !sameLines(doc.text, result.text)) return 'the lines are not the same';
  const orders = new Map<number, number[]>();
  for (const { list } of result.unsorted) {
    const order = planList(doc.text, list, sort);
    if (!order) return 'a list reported as sorted has no plan';
    orders.set(list.span.start, order.map((item) => list.items.indexOf(item)));
  }
  const expected = canonical(parseMarkdown(doc.text), orders);
  const actual = canonical(parseMarkdown(result.text), new Map());
  return JSON.stringify(expected) === JSON.stringify(actual) ? null : 'parsed again, the tree is not the original with only the sorted lists permuted';
}

function sameLines(a: string, b: string): boolean {
  const linesA = a.split(/\r?\n/).sort();
  const linesB = b.split(/\r?\n/).sort();
  return linesA.length === linesB.length && linesA.every((line, i) => line === linesB[i]);
}

/** The tree without positions, with each list found in `orders` (by start offset) in its new order. */
function canonical(node: Nodes | Root, orders: Map<number, number[]>): unknown {
  const { position, children, ...rest } = node as Nodes & { children?: Nodes[] };
  if (!children) return rest;
  const order = node.type === 'list' ? orders.get(position?.start.offset ?? -1) : undefined;
  const kids = order ? order.map((i) => (node as List).children[i]) : children;
  return { ...rest, children: kids.map((child) => canonical(child, orders)) };
}

/** Drop lines while the violation stays (a line-level delta debugging), keeping BOM and line endings. */
export function minimize(input: string, fails: (text: string) => boolean): string {
  const bom = input.startsWith('\uFEFF') ? '\uFEFF' : '';
  let lines = input.slice(bom.length).split(/(?<=\n)/);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < lines.length; i++) {
      const fewer = [...lines.slice(0, i), ...lines.slice(i + 1)];
      if (fails(bom + fewer.join(''))) {
        lines = fewer;
        changed = true;
        i--;
      }
    }
  }
  return bom + lines.join('');
}
