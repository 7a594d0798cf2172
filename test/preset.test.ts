import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/core/config/config-types.js';
import { ALL_RULES, lintDocuments } from '../src/core/lint.js';
import { parseList } from '../src/core/parse.js';
import preset, { plugins } from '../src/core/preset.js';
import { fixture } from './rules/helpers.js';

async function remarkMessages(text: string, path: string) {
  const file = new VFile({ path, value: text });
  const processor = unified().use(remarkParse).use(remarkGfm).use(preset);
  await processor.run(processor.parse(file), file);
  return file.messages;
}

/** What both paths must agree on. */
interface Row {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal: boolean;
  reason: string;
  expected: string[] | undefined;
}

function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

async function bothWays(text: string, path: string): Promise<{ preset: Row[]; core: Row[] }> {
  const messages = await remarkMessages(text, path);
  const presetRows = messages.map((m) => {
    expect(m.source).toBe('listkeeper');
    expect(m.url).toBe(ALL_RULES.find((r) => r.id === m.ruleId)?.url);
    return {
      ruleId: String(m.ruleId),
      line: m.place && 'start' in m.place ? m.place.start.line : 0,
      column: m.place && 'start' in m.place ? m.place.start.column : 0,
      endLine: m.place && 'end' in m.place ? m.place.end.line : 0,
      endColumn: m.place && 'end' in m.place ? m.place.end.column : 0,
      fatal: m.fatal === true,
      reason: m.reason,
      expected: m.expected ?? undefined,
    };
  });
  const findings = lintDocuments([parseList(text, path)], defaultConfig());
  const coreRows = findings.map((f) => ({
    ruleId: f.ruleId,
    line: f.start.line,
    column: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    fatal: f.severity === 'error',
    reason: f.reason,
    expected: f.fix ? [f.fix.text] : undefined,
  }));
  return { preset: sortRows(presetRows), core: sortRows(coreRows) };
}

describe('remark-lint preset', () => {
  it.each(['problems.md', 'models.md', 'blocks.md', 'tabs.md', 'refs.md'])('reports on %s exactly what lintDocuments reports', async (name) => {
    const { preset: viaRemark, core } = await bothWays(fixture(name), name);
    expect(viaRemark).toEqual(core);
  });

  it('finds every kind of problem in the problem fixture, errors fatal and warnings not', async () => {
    const { preset: rows } = await bothWays(fixture('problems.md'), 'problems.md');
    const ids = new Set(rows.map((r) => r.ruleId));
    expect([...ids].sort()).toEqual(
      ['date-format', 'duplicate-link', 'duplicate-title', 'entry-format', 'future-date', 'sort-order', 'url-format', 'whitespace'].sort(),
    );
    expect(rows.filter((r) => r.ruleId === 'entry-format').every((r) => r.fatal)).toBe(true);
    expect(rows.filter((r) => r.ruleId === 'whitespace').every((r) => !r.fatal && r.expected !== undefined)).toBe(true);
  });

  it('gives the same positions with a BOM and CRLF line endings', async () => {
    const text = `\uFEFF${fixture('problems.md').replace(/\n/g, '\r\n')}`;
    const { preset: viaRemark, core } = await bothWays(text, 'problems.md');
    expect(viaRemark.length).toBeGreaterThan(10);
    expect(viaRemark).toEqual(core);
    // micromark skips the BOM and does not count it: every message sits where it sits without one.
    const lf = await bothWays(fixture('problems.md'), 'problems.md');
    expect(viaRemark.map((r) => [r.ruleId, r.line, r.column])).toEqual(lf.core.map((r) => [r.ruleId, r.line, r.column]));
  });

  it('lets a user set a rule\'s severity and options', async () => {
    const text = '# P\n\n- [A](https://example.com/a) | Lab 2023-01-05\n- [B](https://example.com/a/) | Lab 2023-01-06\n';
    const run = async (setting: unknown) => {
      const file = new VFile({ path: 'x.md', value: text });
      const processor = unified().use(remarkParse).use(remarkGfm).use(plugins['duplicate-link'], setting as never);
      await processor.run(processor.parse(file), file);
      return file.messages;
    };
    expect((await run(['error'])).map((m) => [m.ruleId, m.fatal, m.line])).toEqual([['duplicate-link', true, 4]]);
    expect((await run(['warn'])).map((m) => m.fatal)).toEqual([false]);
    expect(await run(['off'])).toEqual([]);
    expect(await run(['error', { allow: ['example\\.com'] }])).toEqual([]);
  });

  it('keeps a message milder than its rule a warning (not fatal), as lintDocuments does', async () => {
    const text = '# Django\n\n## ORM\n\n- [django.db.models](https://github.com/django/django) - The ORM.\n\n## GIS\n\n- [geodjango](https://github.com/django/django) - GIS.\n';
    const { preset: viaRemark, core } = await bothWays(text, 'x.md');
    expect(viaRemark).toEqual(core);
    expect(viaRemark.map((r) => [r.ruleId, r.line, r.fatal])).toEqual([['duplicate-link', 9, false]]);
  });
});
