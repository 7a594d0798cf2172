import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChunks, parseList } from '../src/core/parse.js';
import * as sourceModule from '../src/core/parse-parallel.js';
import { buildLineStarts } from '../src/core/position.js';
import type { ListDocument } from '../src/core/types.js';
import { modelSnapshot as modelOf } from './model-snapshot.js';
import { fixture } from './rules/helpers.js';

/*
 * A worker thread cannot load a .ts file, so the parallel path runs from the
 * compiled lib/ (`npm test` builds it before vitest runs); vitest's own copy
 * of the module (src/) finds no worker next to it and must fall back.
 */
const COMPILED = fileURLToPath(new URL('../lib/core/parse-parallel.js', import.meta.url));
const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof sourceModule;
const FIXTURES = readdirSync(fileURLToPath(new URL('./fixtures/', import.meta.url))).filter((f) => f.endsWith('.md'));
/** Small inputs go parallel too, on three threads, so each fixture is split. */
const FORCED = { minLength: 0, threads: 3 };

/** A seed-style list: sections, nested blog groups with reposts, quotes, fences, HTML, lists before the first heading. */
function generatedList(entries: number): string {
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

const variants: Array<[string, (text: string) => string]> = [
  ['as written', (t) => t],
  ['with CRLF', (t) => t.replace(/\n/g, '\r\n')],
  ['with a BOM and CRLF', (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`],
];

describe('parseListParallel builds the same model as parseList', () => {
  it('runs from the compiled lib/, where its worker module is', () => {
    expect(existsSync(fileURLToPath(new URL('../lib/core/parse-worker.js', import.meta.url)))).toBe(true);
  });

  for (const name of FIXTURES) {
    it.each(variants)(`${name} %s`, async (_v, transform) => {
      const text = transform(fixture(name));
      const result = await compiled.parseListWithWorkers(text, name, FORCED);
      expect(result.workerFailures).toBe(0);
      if (/\[[^\]\n]*\]:/.test(text)) expect(result.plan).toEqual({ parallel: false, reason: 'link reference definitions' });
      else expect(result.plan.parallel).toBe(true);
      expect(modelOf(result.doc)).toEqual(modelOf(parseList(text, name)));
    });
  }

  it.each([variants[0], variants[2]])('a generated list of 1,200 entries %s, on the default threads', async (_v, transform) => {
    const text = transform(generatedList(1200));
    const result = await compiled.parseListWithWorkers(text, 'big.md', { minLength: 0 });
    const sequential = parseList(text, 'big.md');
    expect(sequential.items.length).toBeGreaterThan(1200);
    expect(result.workerFailures).toBe(0);
    expect(modelOf(result.doc)).toEqual(modelOf(sequential));
  });

  it('splits the chunks into contiguous ranges of about equal length, each starting at a heading', () => {
    const text = generatedList(1200);
    const plan = compiled.planParallelParse(text, { threads: 4, minLength: 0, workerAvailable: true });
    if (!plan.parallel) throw new Error(`not parallel: ${plan.reason}`);
    expect(plan.ranges).toHaveLength(4);
    expect(plan.ranges[0][0]).toBe(0);
    expect(plan.ranges[3][1]).toBe(plan.chunks.length);
    for (let r = 1; r < 4; r++) {
      expect(plan.ranges[r][0]).toBe(plan.ranges[r - 1][1]);
      const start = plan.chunks[plan.ranges[r][0]];
      expect(text.slice(start, start + 1)).toBe('#');
      const share = start / text.length;
      expect(Math.abs(share - r / 4)).toBeLessThan(0.05);
    }
  });
});

describe('joinParts', () => {
  it('gives lists before a part’s first heading to the section open before it', () => {
    // Two lists of one section (different markers); cut between them, not at a heading.
    const text = '## Reads\n\n- [a](https://example.com/a) | S 2023-01-02\n  - [a2](https://example.com/a2) | S 2023-01-03\n\n* [b](https://example.com/b) | S 2023-01-01\n  - [b2](https://example.com/b2) | S 2023-01-01\n';
    const chunks = [0, text.indexOf('* [b]')];
    const lineStarts = buildLineStarts(text);
    const parts = [buildChunks(text, lineStarts, chunks, 0, 1), buildChunks(text, lineStarts, chunks, 1, 2)];
    expect(parts[1].lists[0].section).toBeNull();
    const joined = sourceModule.joinParts(parts);
    const whole = parseList(text, 'cut.md');
    const asDoc = { ...whole, ...joined };
    expect(modelOf(asDoc)).toEqual(modelOf(whole));
    expect(whole.sections[0].lists).toHaveLength(2);
  });
});

describe('parseListParallel falls back to parseList', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lk-parallel-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = generatedList(600);

  it('for inputs below the size threshold (default 600,000)', async () => {
    const result = await compiled.parseListWithWorkers(text, 'small.md', { threads: 2 });
    expect(text.length).toBeLessThan(600_000);
    expect(result.plan).toEqual({ parallel: false, reason: 'small input' });
    expect(modelOf(result.doc)).toEqual(modelOf(parseList(text, 'small.md')));
  });

  it('on one thread', async () => {
    const result = await compiled.parseListWithWorkers(text, 'one.md', { minLength: 0, threads: 1 });
    expect(result.plan).toEqual({ parallel: false, reason: 'one thread' });
  });

  it('when a link reference definition may be anywhere, even nested in a list', async () => {
    const withDefinition = `${text}\n- see [the paper][p]\n  [p]: https://example.com/paper\n`;
    const result = await compiled.parseListWithWorkers(withDefinition, 'refs.md', FORCED);
    expect(result.plan).toEqual({ parallel: false, reason: 'link reference definitions' });
    expect(modelOf(result.doc)).toEqual(modelOf(parseList(withDefinition, 'refs.md')));
  });

  it('when its worker module is not next to it (vitest running src/, a single-file bundle)', async () => {
    const result = await sourceModule.parseListWithWorkers(text, 'src.md', FORCED);
    expect(result.plan).toEqual({ parallel: false, reason: 'no worker module' });
    const missing = await compiled.parseListWithWorkers(text, 'x.md', { ...FORCED, workerUrl: pathToFileURL(join(dir, 'nope.js')) });
    expect(missing.plan).toEqual({ parallel: false, reason: 'no worker module' });
    expect(modelOf(missing.doc)).toEqual(modelOf(parseList(text, 'x.md')));
  });

  it('for a range whose worker fails: that range is built on the main thread', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('worker cannot start');\n");
    const result = await compiled.parseListWithWorkers(text, 'broken.md', { ...FORCED, workerUrl: pathToFileURL(broken) });
    expect(result.plan.parallel).toBe(true);
    expect(result.workerFailures).toBe(2);
    expect(modelOf(result.doc)).toEqual(modelOf(parseList(text, 'broken.md')));
  });
});

describe('parseList skips the autolink-literal pass only where it would find nothing', () => {
  it('still links bare URLs, www. addresses and e-mail addresses, in any section', () => {
    const text = '## Plain\n\n- [a](https://example.com/a) | S 2023-01-01\n\n## Bare\n\n- see https://example.com/b, www.example.org or me@example.com\n  - *WWW.EXAMPLE.NET*\n';
    const doc = parseList(text, 'auto.md');
    expect(doc.items.map((i) => i.entry?.links.map((l) => l.url))).toEqual([
      ['https://example.com/a'],
      ['https://example.com/b', 'www.example.org', 'me@example.com'],
      ['WWW.EXAMPLE.NET'],
    ]);
  });
});
