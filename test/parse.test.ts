import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseList } from '../src/core/parse.js';
import type { Item, ListDocument } from '../src/core/types.js';
import { modelSnapshot as snapshot } from './model-snapshot.js';
import { fixture } from './rules/helpers.js';

const FIXTURES = readdirSync(fileURLToPath(new URL('./fixtures/', import.meta.url))).filter((f) => f.endsWith('.md'));

const variants: Array<[string, (text: string) => string]> = [
  ['as written', (t) => t],
  ['with CRLF', (t) => t.replace(/\n/g, '\r\n')],
  ['with a BOM', (t) => `\uFEFF${t}`],
];

describe('chunked parse (with its fast path) equals remark\'s whole-document parse', () => {
  it('has fixtures to compare', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of FIXTURES) {
    it.each(variants)(`${name} %s`, (_v, transform) => {
      const text = transform(fixture(name));
      const chunked = parseList(text, name, { chunked: true });
      const whole = parseList(text, name, { chunked: false, fast: false });
      expect(snapshot(chunked)).toEqual(snapshot(whole));
      expect(chunked.items.length).toBeGreaterThan(0);
    });
  }
});

describe('chunked parse of a document with definitions equals the whole-document parse', () => {
  // References and definitions in any section, nested in items or quotes,
  // look-alikes in code, footnotes, labels differing in case and spaces.
  const label = fc.constantFrom('ref', 'Ref', 'two words', 'two  Words', '1', 'x\\]y', '^note', '^Note');
  const use = label.chain((l) =>
    l.startsWith('^')
      ? fc.constant(`- [Post][r] | S 2023-01-05 [${l}]`)
      : fc.constantFrom(`- [Post][${l}] | S 2023-01-01`, `- [${l}][] | S 2023-01-02`, `- [${l}] | S 2023-01-03`, `- [Post](https://x.com/a) | S 2023-01-04`),
  );
  const define = label.chain((l) =>
    fc.constantFrom(
      `[${l}]: https://example.com/${l.length}`,
      `- item\n  - [${l}]: https://example.com/nested`,
      `> [${l}]: https://example.com/quoted`,
      '```\n[' + l + ']: https://example.com/in-code\n```',
      `    [${l}]: https://example.com/indented-code`,
      l.startsWith('^') ? `[${l}]: a note` : `[${l}]:\n  https://example.com/next-line "T"`,
    ),
  );
  const section = fc.tuple(fc.array(use, { maxLength: 4 }), fc.array(define, { maxLength: 2 }), fc.boolean()).map(([uses, defs, defsFirst]) =>
    (defsFirst ? [...defs, '', ...uses] : [...uses, '', ...defs]).join('\n'),
  );
  const doc = fc.array(section, { minLength: 1, maxLength: 5 }).map((sections) => sections.map((body, i) => `## Section ${i}\n\n${body}\n`).join('\n'));

  it('on generated documents', () => {
    fc.assert(
      fc.property(doc, fc.boolean(), (text, crlf) => {
        const t = crlf ? text.replace(/\n/g, '\r\n') : text;
        expect(snapshot(parseList(t))).toEqual(snapshot(parseList(t, '<input>', { chunked: false, fast: false })));
      }),
      { numRuns: Number(process.env.LISTKEEPER_FUZZ_RUNS ?? 300) },
    );
  });
});

describe('the list model of a list in the seed style', () => {
  const doc = parseList(fixture('models.md'), 'models.md');
  const text = doc.text;
  const at = (s: { start: number; end: number }): string => text.slice(s.start, s.end);
  const byTitle = (title: string): Item => {
    const found = doc.items.find((i) => i.entry?.link?.title === title);
    if (!found) throw new Error(`no item ${title}`);
    return found;
  };

  it('reads sections from headings, with inline markup reduced to text', () => {
    expect(doc.sections.map((s) => [s.title, s.depth])).toEqual([
      ['Awesome Assistants', 1],
      ['Dialogue Models', 2],
      ['Big Models', 3],
      ['Blogs & Reviews', 3],
    ]);
    expect(doc.sections[2].lists).toHaveLength(1);
  });

  it('reads a blog entry into link, separator, source and date with exact spans', () => {
    const item = byTitle('Falcon, a first look');
    const e = item.entry;
    expect(e?.kind).toBe('blog');
    expect(item.isBlogEntry).toBe(true);
    expect(at(e!.link!.span)).toBe('[Falcon, a first look](https://mp.weixin.qq.com/s/FalconFirstLook01)');
    expect(at(e!.link!.titleSpan)).toBe('Falcon, a first look');
    expect(at(e!.link!.urlSpan)).toBe('https://mp.weixin.qq.com/s/FalconFirstLook01');
    expect(at(e!.separator!.span)).toBe(' | ');
    expect(e!.source!.text).toBe('机器之心');
    expect(e!.date).toMatchObject({ raw: '2023-02-19', value: '2023-02-19', wellFormed: true });
    expect(at(e!.date!.span)).toBe('2023-02-19');
  });

  it('reads a source that is a link, and trailing markers', () => {
    const e = byTitle('Falcon lands').entry!;
    expect(e.sourceLink?.url).toBe('https://example.com/');
    expect(e.date).toBeNull();
    expect(e.markers.map((m) => m.text)).toEqual([':thumbsup:']);
  });

  it('reads labels such as `Davinci(OpenAI): ` before the link', () => {
    const e = byTitle('Davinci writes better now').entry!;
    expect(e.label?.text).toBe('Davinci(OpenAI):');
    expect(e.kind).toBe('blog');
  });

  it('reads a label with a full-width colon, and a label that holds a link', () => {
    const ghost = byTitle('A prompt that summons a ghost');
    expect(ghost.entry?.label?.text).toBe('拓展：');
    expect(ghost.entry?.kind).toBe('blog');
    expect(ghost.entry?.date?.value).toBe('2023-02-06');
    const rival = byTitle('A rival from former insiders');
    expect(rival.entry?.label?.text).toBe('Claude([Anthropic](https://www.anthropic.com/)):');
    expect(rival.entry?.kind).toBe('blog');
    expect(rival.entry?.source?.text).toBe('夕小瑶的卖萌屋');
    expect(rival.isBlogEntry).toBe(true);
  });

  it('does not take links inside prose for an entry', () => {
    const prose = doc.items.find((i) => i.entry?.line.text.startsWith('Macaw persona'));
    expect(prose?.entry?.kind).toBe('other');
    expect(prose?.entry?.links).toHaveLength(2);
  });

  it('nests reposts under their entry, one level deeper', () => {
    const parent = byTitle('Falcon and the data question');
    expect(parent.children).toHaveLength(1);
    const kids = parent.children[0].items.map((i) => i.entry?.link?.title);
    expect(kids).toEqual(["Where Falcon's data came from", 'Cleaning web text at scale']);
    expect(parent.children[0].depth).toBe(parent.list.depth + 1);
    expect(parent.children[0].parent).toBe(parent);
    // The parent's span covers its children; the date of the parent is its own.
    expect(parent.span.end).toBeGreaterThanOrEqual(parent.children[0].items[1].span.end);
    expect(parent.entry?.date?.value).toBe('2023-03-01');
  });

  it('tells described items, `key: value` and `key: url` items from blog entries', () => {
    expect(byTitle('paper').entry?.kind).toBe('described');
    expect(byTitle('falcon (official)').entry?.kind).toBe('described');
    const author = doc.items.find((i) => i.entry?.line.text === 'author: Example Lab');
    expect(author?.entry?.kind).toBe('other');
    const code = doc.items.find((i) => i.entry?.line.text === 'code: https://github.com/example/macaw');
    expect(code?.entry?.kind).toBe('other');
    expect(code?.isBlogEntry).toBe(false);
  });

  it('counts a bare link as a blog entry only in a list that is mostly blog entries', () => {
    expect(byTitle('demo(official)').entry?.kind).toBe('bare-link');
    expect(byTitle('demo(official)').isBlogEntry).toBe(false);
    const mostly = parseList('# P\n\n- [A](https://e.com/a) | S 2023-01-01\n- [B](https://e.com/b)\n- [C](https://e.com/c) | S 2023-01-03\n');
    expect(mostly.items[1].isBlogEntry).toBe(true);
  });

  it('reads autolinks and `<url>` links', () => {
    const auto = doc.items.find((i) => i.entry?.line.text.startsWith('Autolinked'));
    expect(auto?.entry?.links.map((l) => l.url)).toEqual(['https://example.com/autolinked-page']);
    const angle = doc.items.find((i) => i.entry?.line.text.startsWith('<https'));
    expect(angle?.entry?.link?.url).toBe('https://example.com/angle-bracket-page');
    expect(at(angle!.entry!.link!.urlSpan)).toBe('https://example.com/angle-bracket-page');
  });

  it('keeps a trailing space out of the date', () => {
    const e = byTitle("Where Falcon's data came from").entry!;
    expect(e.date?.raw).toBe('2023-03-04');
    expect(e.line.text.endsWith(' ')).toBe(true);
  });
});

describe('line endings, BOM and tabs', () => {
  it('strips the BOM from the text and says it was there', () => {
    const doc = parseList('\uFEFF# T\n\n- [A](https://e.com/a) | S 2023-01-01\n');
    expect(doc.bom).toBe(true);
    expect(doc.text.startsWith('#')).toBe(true);
    expect(doc.items[0].entry?.date?.value).toBe('2023-01-01');
  });

  it('reads CRLF files with the same entries and keeps `\\r` out of every part', () => {
    const lf = parseList(fixture('models.md'));
    const crlf = parseList(fixture('models.md').replace(/\n/g, '\r\n'));
    expect(crlf.eol).toBe('\r\n');
    expect(lf.eol).toBe('\n');
    const parts = (d: ListDocument) => d.items.map((i) => [i.line, i.entry?.kind, i.entry?.source?.text, i.entry?.date?.raw, i.entry?.line.text]);
    expect(parts(crlf)).toEqual(parts(lf));
    expect(crlf.items.every((i) => !crlf.text.slice(i.span.start, i.span.end).endsWith('\r'))).toBe(true);
  });

  it('reads items whose marker is followed by a tab, and tab-indented children', () => {
    const doc = parseList(fixture('tabs.md'));
    expect(doc.items.map((i) => i.entry?.link?.title)).toEqual([
      'Tabbed entry one',
      'Tabbed entry two',
      'A nested tab entry',
      'Tabbed entry three',
    ]);
    expect(doc.items[1].entry?.separator?.text).toBe('\t|\t');
    expect(doc.items[2].list.parent).toBe(doc.items[1]);
  });
});

describe('reference links', () => {
  const text = fixture('refs.md');
  const doc = parseList(text, 'refs.md');

  it('reads `[title][ref]` entries with the URL of their definition', () => {
    const e = doc.items[0].entry!;
    expect(e.kind).toBe('blog');
    expect(e.link?.title).toBe('Reference style entry');
    expect(e.link?.url).toBe('https://example.com/reference');
    expect(text.slice(e.link!.urlSpan.start, e.link!.urlSpan.end)).toBe('https://example.com/reference');
    expect(text.slice(e.link!.titleSpan.start, e.link!.titleSpan.end)).toBe('Reference style entry');
    expect(text.slice(e.link!.span.start, e.link!.span.end)).toBe('[Reference style entry][ref]');
    expect(e.date?.value).toBe('2023-07-01');
  });

  it('reads collapsed and shortcut references, case-insensitively, and `<url>` definitions', () => {
    const d = parseList('# R\n\n- [Alpha][] | S 2023-01-01\n- [beta] | S 2023-01-02\n\n[ALPHA]: <https://example.com/a b>\n[Beta]: https://example.com/b "Beta"\n');
    expect(d.items.map((i) => [i.entry?.link?.title, i.entry?.link?.url, i.entry?.kind])).toEqual([
      ['Alpha', 'https://example.com/a b', 'blog'],
      ['beta', 'https://example.com/b', 'blog'],
    ]);
  });

  it('reads a reference whose definition sits in a nested item of another section', () => {
    const text = [
      '# R',
      '',
      '## Posts',
      '',
      '- [Nested ref][paper] | S 2023-01-01',
      '',
      '## Papers',
      '',
      '- Model',
      '  - notes:',
      '    - [paper]: https://example.com/paper',
      '',
    ].join('\n');
    const entry = parseList(text).items[0].entry;
    expect(entry?.link?.url).toBe('https://example.com/paper');
    expect(entry?.kind).toBe('blog');
  });

  it('leaves a reference without a definition as text', () => {
    const d = parseList('# R\n\n- [Missing][nowhere] | S 2023-01-01\n\n[other]: https://example.com/\n');
    expect(d.items[0].entry?.link).toBeNull();
  });
});

describe('other blocks', () => {
  const doc = parseList(fixture('blocks.md'), 'blocks.md');

  it('ignores lists inside fenced code and reads lists in block quotes and after HTML', () => {
    const titles = doc.items.map((i) => i.entry?.link?.title ?? i.entry?.line.text);
    expect(titles).not.toContain('Not an item');
    expect(titles).toContain('Quoted entry');
    expect(titles).toContain('Archived entry');
    expect(doc.sections.map((s) => s.title)).not.toContain('Not a heading, inside a fence');
  });

  it('gives an ordered item with a continuation line its whole span', () => {
    const second = doc.items.find((i) => i.entry?.link?.title === 'Second ordered')!;
    expect(doc.text.slice(second.span.start, second.span.end)).toBe(
      '2. [Second ordered](https://example.com/ordered-2) | Order Notes 2023-06-02\n   continuation text of the second item',
    );
  });
});
