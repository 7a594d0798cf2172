import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateList } from '../bench/generate-list.mjs';
import { parseList, parseMarkdown, splitIntoChunks } from '../src/core/parse.js';
import { parseSimpleChunk } from '../src/core/parse-fast.js';
import { modelSnapshot } from './model-snapshot.js';
import { fixture } from './rules/helpers.js';

// The fast path must build exactly remark's tree whenever it builds one; it
// may decline anything. These tests compare both on real and generated text.

const FIXTURES = readdirSync(fileURLToPath(new URL('./fixtures/', import.meta.url))).filter((f) => f.endsWith('.md'));

/** The tree without `spread`, which the fast path does not compute (the model does not read it). */
function withoutSpread(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSpread);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'spread') out[key] = withoutSpread(value);
  return out;
}

function chunksOf(text: string): string[] {
  const starts = splitIntoChunks(text);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

/** Compares every chunk the fast path accepts with remark; returns how many it accepted. */
function compareChunks(text: string): { accepted: number; total: number } {
  const chunks = chunksOf(text);
  let accepted = 0;
  for (const chunk of chunks) {
    const fast = parseSimpleChunk(chunk, parseMarkdown);
    if (!fast) continue;
    accepted++;
    expect(withoutSpread(fast), JSON.stringify(chunk)).toEqual(withoutSpread(parseMarkdown(chunk)));
  }
  return { accepted, total: chunks.length };
}

/** A seed-style list: sections, nested blog groups with reposts, quotes, fences, HTML, lists before the first heading. */
function listWithOtherBlocks(entries: number): string {
  const out = ['- [Intro link](https://example.com/intro)', '', '# Awesome Generated', ''];
  let made = 0;
  for (let s = 0; made < entries; s++) {
    out.push(`## Area ${s}`, '');
    if (s % 7 === 3) out.push('```md', '# not a heading', '- [fenced](https://example.com/f) | X 2023-01-01', '```', '');
    if (s % 11 === 5) out.push('<details>', '', '# inside html', '', '</details>', '');
    if (s % 13 === 2) out.push('> ### Quoted heading', '> - [quoted](https://example.com/q) | Q 2023-02-02', '');
    for (let t = 0; t < 3 && made < entries; t++) {
      out.push(`### Model ${s}.${t}`, `- Model${s}x${t}`, `  - [paper](https://arxiv.org/abs/2301.${10000 + s * 3 + t}): about it`, '  - blog:');
      for (let k = 0; k < 12 && made < entries; k++, made++) {
        const day = String(1 + ((s + k) % 28)).padStart(2, '0');
        out.push(`    - [文章 ${s}-${t}-${k}](https://mp.weixin.qq.com/s/id${s}x${t}x${k}) | 机器之心 2023-0${1 + (k % 9)}-${day}${k % 5 === 0 ? ' :thumbsup:' : ''}`);
        if (k % 4 === 1) out.push(`      - [转载 ${s}-${t}-${k}](https://zhuanlan.zhihu.com/p/${s * 1000 + k}) | 量子位 2023-01-${day}`);
      }
      if (t === 1) out.push('', `* https://example.com/bare/${s}`, `* [described ${s}](https://example.com/d/${s}): a tool`);
      out.push('');
    }
  }
  return out.join('\n') + '\n';
}

const documents: Array<[string, string]> = [
  ...FIXTURES.map((name): [string, string] => [name, fixture(name)]),
  ['generated list of 600 entries', generateList(600, 7)],
  ['generated list of 300 entries (seed 3)', generateList(300, 3)],
  ['list with fences, HTML, quotes and bare links', listWithOtherBlocks(500)],
];
const endings: Array<[string, (t: string) => string]> = [
  ['LF', (t) => t],
  ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
];

describe('fast path builds remark\'s tree', () => {
  for (const [name, text] of documents) {
    it.each(endings)(`${name}, %s: every chunk it accepts`, (_e, ending) => {
      compareChunks(ending(text));
    });
  }

  it('accepts every chunk of a list in the seed\'s style (else lint is slow again)', () => {
    const { accepted, total } = compareChunks(generateList(2000, 11));
    expect(total).toBeGreaterThan(100);
    expect(accepted).toBe(total);
  });

  it('gives the same model as remark alone on every fixture', () => {
    for (const [name, text] of documents) {
      for (const [, ending] of endings) {
        const t = ending(text);
        expect(modelSnapshot(parseList(t, name)), name).toEqual(modelSnapshot(parseList(t, name, { fast: false })));
      }
    }
  });

  it('declines what it cannot be sure of, without remark to hand it to', () => {
    const declined = [
      '- [a](https://x.com) | *S* 2023-01-05\n',
      '- [a](https://x.com)\n  continued\n',
      '- [a](https://x.com/a_(b)) | S 2023-01-05\n',
      '- [a](https://x.com?a=1&amp;b=2) | S 2023-01-05\n',
      '- code: https://github.com/o/r_x.\n',
      '- [a](https://x.com) | **S 2023-01-05\n',
      '1. [a](https://x.com) | S 2023-01-05\n',
      '> - [a](https://x.com) | S 2023-01-05\n',
      '\t- [a](https://x.com) | S 2023-01-05\n',
      '- [`a`](https://x.com) | S 2023-01-05\n',
      'Intro\n===\n',
    ];
    for (const text of declined) expect(parseSimpleChunk(text), text).toBeUndefined();
  });

  it('builds bold titles, bold headings and bare code URLs itself', () => {
    const text = [
      '## **Dialogue Models**',
      '  * LaMDA',
      '    - code: https://github.com/clue-ai/ChatYuan',
      '    - blog:',
      '      - [**微软**下个十年的想象力](https://mp.weixin.qq.com/s/7G8f) | 人工智能学家 2023-01-19',
      '',
    ].join('\n');
    const handed: string[] = [];
    const tree = parseSimpleChunk(text, (t) => (handed.push(t), parseMarkdown(t)));
    expect(handed).toEqual([]);
    expect(withoutSpread(tree)).toEqual(withoutSpread(parseMarkdown(text)));
  });

  it('hands remark only the root item it cannot build, and the rest stays fast', () => {
    const odd = ['- Sparrow', '  - [`code` title](https://x.com/b) | S 2023-01-02', '  - more'].join('\n');
    const text = ['### Models', '- LaMDA', '  - [a](https://x.com/a) | S 2023-01-01', odd, '- Claude', '  - [c](https://x.com/c) | S 2023-01-03', ''].join('\n');
    const handed: string[] = [];
    const tree = parseSimpleChunk(text, (t) => (handed.push(t), parseMarkdown(t)));
    expect(handed).toEqual([`${odd}\n`]);
    expect(withoutSpread(tree)).toEqual(withoutSpread(parseMarkdown(text)));
  });
});

describe('fast path regressions (inputs where it once built a tree remark does not)', () => {
  // Each was found by fuzzing; the fast path may decline them, never differ.
  const cases: Array<[string, string]> = [
    ['a reference defined in a later item', '- [a] | S 2023-01-05\n- [a]: https://x.com\n'],
    ['a reference defined in a nested item', '- foo [a] bar\n- x\n  - y\n\n    [a]: https://x.com\n'],
    ['a footnote call defined in a later item', '- x[^a]\n- [^a]: note\n'],
    ['a collapsed reference defined in a later item', '- [A][]\n- [a]: https://x.com\n'],
    ['a bare URL whose host starts with a dash', '- code: https://-a.b/c y\n'],
    ['a heading with a bare URL whose host starts with a dash', '# see https://-x.org\n'],
    ['a chunk that starts with a BOM', '\uFEFF- [a](https://x.com) | S 2023-01-05\n'],
  ];
  it.each(cases)('%s', (_name, text) => {
    for (const [, ending] of endings) {
      const t = ending(text);
      const fast = parseSimpleChunk(t, parseMarkdown);
      if (fast) expect(withoutSpread(fast), JSON.stringify(t)).toEqual(withoutSpread(parseMarkdown(t)));
      // The model a user sees must not depend on which path parsed the text (a second BOM stays in the text).
      const doc = `\uFEFF${t}`;
      expect(modelSnapshot(parseList(doc, 'x.md')), JSON.stringify(t)).toEqual(modelSnapshot(parseList(doc, 'x.md', { fast: false })));
    }
  });
});

/** Long runs (`LISTKEEPER_FUZZ_RUNS`) get an hour. */
const FUZZ_TIMEOUT = process.env.LISTKEEPER_FUZZ_RUNS ? 3_600_000 : undefined;

/** Every generated chunk the fast path accepts must give remark's tree. */
function expectFastMatchesRemark(chunk: fc.Arbitrary<string>, defaultRuns: number): void {
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(chunk, (text) => {
      runs++;
      const fast = parseSimpleChunk(text, parseMarkdown);
      if (!fast) return;
      accepted++;
      expect(withoutSpread(fast), JSON.stringify(text)).toEqual(withoutSpread(parseMarkdown(text)));
    }),
    { numRuns: Number(process.env.LISTKEEPER_FUZZ_RUNS ?? defaultRuns) },
  );
  // The generator must reach the fast path often, or the property proves nothing.
  expect(accepted / runs).toBeGreaterThan(0.08);
}

/** A tree with each paragraph's inline content left out: what `shapeOnly` builds. */
function shapeOfTree(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shapeOfTree);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const paragraph = (node as { type?: string }).type === 'paragraph';
  for (const [key, value] of Object.entries(node)) if (key !== 'spread') out[key] = paragraph && key === 'children' ? [] : shapeOfTree(value);
  return out;
}

/**
 * Sort verification reads a sorted chunk by its shape alone when the chunk's lines, in their first
 * order, were all built by the fast path (parse-fast.ts `shapeOnly`). That holds when whether a line
 * reads as simple text depends on the line alone: then the same lines in any order give, read by
 * shape, exactly the blocks a full build gives, and decline exactly what it declines.
 */
function expectShapeMatchesFullBuild(text: string, order: number[]): 'built' | 'declined' | 'not simple' {
  if (!parseSimpleChunk(text)) return 'not simple';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const moved = order.map((i) => lines[i % lines.length]).join(eol);
  const full = parseSimpleChunk(moved);
  const shape = parseSimpleChunk(moved, parseMarkdown, { shapeOnly: true });
  expect(shape === undefined, JSON.stringify(moved)).toBe(full === undefined);
  if (full) expect(shape, JSON.stringify(moved)).toEqual(shapeOfTree(full));
  return full ? 'built' : 'declined';
}

describe('fast path by shape alone (sort verification)', () => {
  it('reads the lines of a generated list, in another order, as a full build does', () => {
    const text = generateList(400, 5);
    const starts = splitIntoChunks(text);
    const outcomes = new Set<string>();
    starts.forEach((start, c) => {
      const chunk = text.slice(start, starts[c + 1] ?? text.length);
      const n = chunk.split('\n').length;
      // Reversed, and rotated by one: items change places, lines land under other parents.
      outcomes.add(expectShapeMatchesFullBuild(chunk, [0, ...Array.from({ length: n - 1 }, (_, i) => n - 1 - i)]));
      outcomes.add(expectShapeMatchesFullBuild(chunk, Array.from({ length: n }, (_, i) => (i + 1) % n)));
    });
    expect([...outcomes].sort()).toEqual(['built', 'declined']);
  });
});

describe('fast path on generated Markdown', () => {
  const indent = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('', '', ' ', '  ', '  ', '   ', '    ', '    ', '      ', '        ') },
    { weight: 1, arbitrary: fc.constantFrom('\t', '  \t', '          ') },
  );
  const marker = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('- ', '- ', '- ', '* ', '+ ', '-  ', '-    ') },
    { weight: 1, arbitrary: fc.constantFrom('', '-     ', '1. ', '2) ', '> ', '-\t', '-', '- - ') },
  );
  const safePiece = fc.constantFrom(
    '[title](https://mp.weixin.qq.com/s/AbC_d-1)',
    '[标题 讲解](https://x.com/p?a=1&b=2)',
    '[ spaced ](https://x.com/)',
    '[](https://x.com/e)',
    '[t](x.com/no-scheme)',
    'Davinci(OpenAI): ',
    'code: ',
    ' | ',
    ' |',
    '｜',
    '||',
    ' AINLP 2023-01-05',
    ' 机器之心 2023-1-5',
    ' :thumbsup:',
    ')',
    '(',
    'plain words',
    '  ',
    '\u00a0',
    'snake_case',
    'a & b',
    '#',
    ':',
    '**粗体**',
    '**Bold**',
    '[**微软**下个十年](https://mp.weixin.qq.com/s/7G8f)',
    '[OpenAI新老员工对决！**Anthropic**发布](https://x.com/a)',
    '**',
    '*',
    ' https://github.com/clue-ai/ChatYuan',
    'https://github.com/o/r',
    ' http://x.org/a/b.html',
  );
  const riskyPiece = fc.constantFrom(
    '[t](https://x.com/a(1))',
    '[t](https://x.com "Title")',
    '[t](<https://x.com>)',
    '[t] (https://x.com)',
    '[t]',
    '[^1](https://x.com)',
    '![img](https://x.com/i.png)',
    '[a [b]](https://x.com)',
    '[ ] task',
    '[x] done',
    '*em*',
    '_u_',
    '`code`',
    '\\*',
    '&amp;',
    '&copy',
    '<b>x</b>',
    '<https://x.com>',
    'https://bare.example.com/x',
    'www.example.com',
    'me@example.com',
    '~~gone~~',
    '---',
    '===',
    '|---|',
    ':',
    '```',
    '\r',
    '***',
    '** a**',
    '__b__',
    'https://x.com/a.',
    ' https://x.com/a_(b)',
    ' https://x.com/a?q=1',
  );
  const piece = fc.oneof({ weight: 12, arbitrary: safePiece }, { weight: 1, arbitrary: riskyPiece });
  const content = fc.array(piece, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(''));
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(indent, marker, content).map(([a, b, c]) => a + b + c) },
    { weight: 2, arbitrary: fc.constantFrom('', '', '  ', '\t') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '#', '  ## ', '###### '), content, fc.constantFrom('', ' ##', '#', '  ')).map(([a, b, c]) => a + b + c) },
  );
  const chunk = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(
    ([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''),
  );

  it('every tree it builds equals remark\'s', () => expectFastMatchesRemark(chunk, 5000), FUZZ_TIMEOUT);

  it('read by shape alone, its lines in any order give the blocks a full build gives', () => {
    let built = 0;
    fc.assert(
      fc.property(chunk, fc.array(fc.nat(40), { minLength: 1, maxLength: 10 }), (text, order) => {
        if (expectShapeMatchesFullBuild(text, order) === 'built') built++;
      }),
      { numRuns: Number(process.env.LISTKEEPER_FUZZ_RUNS ?? 3000) },
    );
    // Else the property proves nothing.
    expect(built).toBeGreaterThan(100);
  }, FUZZ_TIMEOUT);
});

describe('fast path on Markdown-significant text', () => {
  // A second generator, character by character: Unicode punctuation and
  // whitespace around `**`, brackets, URL fragments (uppercase schemes, ports,
  // userinfo, IDN, dashes), definitions, and list structure with any indent.
  const symbol = fc.constantFrom(
    'a', 'Z', '0', ' ', ' ', '\t', '*', '**', '**', '_', '~', '`', '[', ']', '](', '(', ')', '<', '>', '&', '&amp;', '#', '|',
    ':', '.', ',', '-', '+', '!', '\\', '@', '/', '"', "'", '^', '=', '。', '，', '（', '）', '「', '」', '、', '：', '！',
    '😀', '\u00a0', '\u3000', '\u2028', '中', 'é', '—', '”', '\u00b4', '¥',
  );
  const urlPiece = fc.constantFrom(
    'https://', 'HTTPS://', 'http://', 'Https://', 'www.', 'x.com', '-a.b', 'a-.b', 'a_b.c', 'a.b/c', ':8080', 'u:p@', '例子.com',
    '/a_(b)', '?q=1', '#f', '%20', 'https://x.com/a', 'https://x.com/[b]', 'https://1.2.3.4/', 'me@x.co', 'mailto:',
  );
  const word = fc.constantFrom('foo', 'bar baz', '机器之心', 'Davinci', ' | ', ' 2023-01-05', 'code: ', '**粗体**', '**Bold**');
  const inline: fc.Arbitrary<string> = fc
    .array(fc.oneof({ weight: 3, arbitrary: symbol }, { weight: 1, arbitrary: urlPiece }, { weight: 5, arbitrary: word }), { minLength: 1, maxLength: 8 })
    .map((xs) => xs.join(''));
  const content = fc.oneof(
    { weight: 3, arbitrary: inline },
    { weight: 2, arbitrary: fc.tuple(inline, inline, urlPiece, inline).map(([a, t, u, b]) => `${a}[${t}](${u})${b}`) },
  );
  const line = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.nat({ max: 9 }), fc.constantFrom('-', '-', '*', '+'), fc.integer({ min: 1, max: 5 }), content)
        .map(([indent, marker, spaces, text]) => ' '.repeat(indent) + marker + ' '.repeat(spaces) + text),
    },
    { weight: 3, arbitrary: fc.constantFrom('', '', '  ', '\t') },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 5 }), content).map(([indent, text]) => ' '.repeat(indent) + text) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(' ', '\t', ''), content, fc.constantFrom('', ' #', ' ##', '#', '\t#\t', ' \\#'))
        .map(([depth, gap, text, close]) => '#'.repeat(depth) + gap + text + close),
    },
    { weight: 1, arbitrary: fc.constantFrom('[a]: https://x.com', '- [a]: https://x.com', '    [^a]: note', '> - q', '1. one', '- [a]', '- x[^a]', '```', '<div>') },
  );
  // Each line ends its own way (LF or CRLF, mixed), the last maybe not at all.
  const chunk = fc
    .tuple(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 10 }), fc.boolean())
    .map(([lines, finalEol]) => lines.map(([text, eol], i) => text + (i < lines.length - 1 || finalEol ? eol : '')).join(''));

  it('every tree it builds equals remark\'s', () => expectFastMatchesRemark(chunk, 2000), FUZZ_TIMEOUT);
});

describe('fast path on seed-style lists with random edits', () => {
  // Real-looking chunks, each with a few characters inserted or removed: the
  // near misses of the common case (a stray `*`, a broken link, a lost indent).
  const chunks = chunksOf(generateList(80, 5));
  const inserted = fc.constantFrom(
    ' ', '  ', '\t', '\n', '\r\n', '*', '**', '_', '[', ']', '(', ')', '!', '<', '#', '- ', '\\', '`', '~', '&amp;', '@', 'www.',
    'https://', 'HTTPS://', '|', ']:', '。', '\u00a0', '😀', '1. ', '> ', '    ',
  );
  const edit = fc.tuple(fc.nat(), fc.oneof(inserted, fc.integer({ min: 1, max: 3 })));
  const mutated = fc
    .tuple(fc.constantFrom(...chunks), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([chunk, edits]) =>
      edits.reduce((t, [at, change]) => {
        const p = at % (t.length + 1);
        return typeof change === 'string' ? t.slice(0, p) + change + t.slice(p) : t.slice(0, p) + t.slice(p + change);
      }, chunk),
    );

  it('every tree it builds equals remark\'s', () => expectFastMatchesRemark(mutated, 200), FUZZ_TIMEOUT);
});
