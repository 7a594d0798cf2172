import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/core/config/config-types.js';
import { fixDocument } from '../src/core/fix.js';
import { lintDocuments } from '../src/core/lint.js';
import { parseList } from '../src/core/parse.js';

const TODAY = '2024-06-01';
const config = defaultConfig();

/** A blog entry with some of the defects that have an unambiguous fix. */
const entryArb = fc
  .record({
    title: fc.stringMatching(/^[A-Za-z一二三四]{1,10}$/),
    path: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    scheme: fc.constantFrom('https://', 'http://', ''),
    host: fc.constantFrom('mp.weixin.qq.com/s/', 'zhuanlan.zhihu.com/p/', 'www.example.org/'),
    stray: fc.constantFrom('', ')'),
    separator: fc.constantFrom(' | ', '  |  ', ' ｜ ', '|', ' |  '),
    source: fc.constantFrom('AINLP', '机器之心', '李rumor'),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    dateStyle: fc.constantFrom('iso', 'short', 'slash', 'dot'),
    marker: fc.constantFrom('', ' :thumbsup:'),
    trailing: fc.constantFrom('', ' ', '   ', '\t'),
  })
  .map((e) => {
    const mm = String(e.month).padStart(2, '0');
    const dd = String(e.day).padStart(2, '0');
    const date = { iso: `2023-${mm}-${dd}`, short: `2023-${e.month}-${e.day}`, slash: `2023/${mm}/${dd}`, dot: `2023.${mm}.${dd}` }[e.dateStyle];
    return `- [${e.title}](${e.scheme}${e.host}${e.path})${e.stray}${e.separator}${e.source} ${date}${e.marker}${e.trailing}`;
  });

const docArb = fc.record({
  entries: fc.array(entryArb, { minLength: 1, maxLength: 12 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

function render(gen: { entries: string[]; crlf: boolean; bom: boolean }): string {
  const eol = gen.crlf ? '\r\n' : '\n';
  return `${gen.bom ? '\uFEFF' : ''}## Blogs${eol}${eol}${gen.entries.join(eol)}${eol}`;
}

describe('fixDocument', () => {
  it('fixes what the rules can fix, keeps BOM and CRLF, and leaves what needs a person', () => {
    const input = '\uFEFF## Blogs\r\n\r\n- [a](mp.weixin.qq.com/s/a) | AINLP 2023-1-5   \r\n- [b](https://x.com/b))  |  AINLP 2023-02-30\r\n';
    const result = fixDocument(input, 'README.md', config, TODAY);
    expect(result.text).toBe('\uFEFF## Blogs\r\n\r\n- [a](https://mp.weixin.qq.com/s/a) | AINLP 2023-01-05\r\n- [b](https://x.com/b) | AINLP 2023-02-30\r\n');
    expect(result.applied).toBeGreaterThanOrEqual(5);
    expect(result.remaining.map((f) => [f.start.line, f.ruleId])).toEqual([[4, 'date-format']]);
  });

  it('returns a clean file unchanged', () => {
    const input = '## Blogs\n\n- [a](https://x.com/a) | AINLP 2023-01-05\n';
    expect(fixDocument(input, 'README.md', config, TODAY)).toEqual({ text: input, applied: 0, remaining: [] });
  });

  it('output re-lints clean for every fixable rule, keeps line endings and BOM, and a second fix changes nothing (property)', () => {
    fc.assert(
      fc.property(docArb, (gen) => {
        const input = render(gen);
        const result = fixDocument(input, 'README.md', config, TODAY);
        const relinted = lintDocuments([parseList(result.text, 'README.md')], config, { today: TODAY });
        expect(relinted.filter((f) => f.fix !== null)).toEqual([]);
        expect(result.remaining).toEqual(relinted);
        expect(result.text.startsWith('\uFEFF')).toBe(gen.bom);
        expect(result.text.split('\n').length).toBe(input.split('\n').length);
        if (gen.crlf) expect(result.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
        expect(fixDocument(result.text, 'README.md', config, TODAY).applied).toBe(0);
      }),
      { numRuns: 60, seed: 20260202 },
    );
  });
});
