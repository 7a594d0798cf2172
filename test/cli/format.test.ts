import { describe, expect, it } from 'vitest';
import { formatJson, formatSarif, formatText } from '../../src/core/format.js';
import type { Finding } from '../../src/core/types.js';
import { VFile } from 'vfile';
import { reporterJson } from 'vfile-reporter-json';

const findings: Finding[] = [
  {
    ruleId: 'url-format',
    severity: 'error',
    reason: 'URL `a.com` lacks `https://`',
    path: 'docs/my list.md',
    start: { line: 3, column: 7, offset: 20 },
    end: { line: 3, column: 12, offset: 25 },
    fix: { start: 20, end: 20, text: 'https://' },
  },
  {
    ruleId: 'whitespace',
    severity: 'warning',
    reason: 'Trailing whitespace',
    path: 'docs/my list.md',
    start: { line: 4, column: 30, offset: 60 },
    end: { line: 4, column: 30, offset: 60 },
    fix: { start: 60, end: 62, text: '' },
  },
];

describe('formatText', () => {
  it('prints file:line:col  severity  reason  ruleId and a summary', () => {
    expect(formatText(findings, 2)).toBe(
      'docs/my list.md:3:7  error  URL `a.com` lacks `https://`  url-format\n' +
        'docs/my list.md:4:30  warning  Trailing whitespace  whitespace\n' +
        '1 error, 1 warning in 2 files (2 fixable with --fix).\n',
    );
    expect(formatText([], 1)).toBe('No problems in 1 file.\n');
  });
});

describe('formatJson', () => {
  // The offsets of `findings` point into this text: `a.com` at 20..25, two trailing spaces at 60..62.
  const text = `${'x'.repeat(20)}a.com${'y'.repeat(35)}  \n`;

  /** What vfile-reporter-json itself prints for VFiles holding the same messages, as remark-lint would make them. */
  function realReport(cwd: string): string {
    const listFile = new VFile({ path: 'docs/my list.md', cwd });
    for (const f of findings) {
      const message = listFile.message(f.reason, { place: { start: f.start, end: f.end }, ruleId: f.ruleId, source: 'listkeeper' });
      message.fatal = f.severity === 'error';
      message.url = 'https://github.com/listkeeper/listkeeper/blob/main/README.md#rules';
      if (f.fix) {
        message.actual = text.slice(f.fix.start, f.fix.end);
        message.expected = [f.fix.text];
      }
    }
    return reporterJson([listFile, new VFile({ path: 'README.md', cwd })]);
  }

  it('prints exactly what vfile-reporter-json prints for the same messages', () => {
    const cwd = '/home/me/awesome';
    const ours = formatJson(findings, [{ path: 'docs/my list.md', text }, { path: 'README.md', text: '' }], cwd);
    expect(ours).toBe(`${realReport(cwd)}\n`);
    const [file, other] = JSON.parse(ours) as Array<Record<string, unknown>>;
    expect(file).toMatchObject({ path: 'docs/my list.md', cwd, history: ['docs/my list.md'] });
    expect(other).toEqual({ path: 'README.md', cwd, history: ['README.md'], messages: [] });
    // A fix is remark-lint's `actual` → `expected`; the span is in `place`, not in endLine/endColumn.
    expect((file.messages as unknown[])[0]).toEqual({
      column: 7,
      fatal: true,
      line: 3,
      place: { start: { line: 3, column: 7, offset: 20 }, end: { line: 3, column: 12, offset: 25 } },
      reason: 'URL `a.com` lacks `https://`',
      ruleId: 'url-format',
      source: 'listkeeper',
      actual: '',
      expected: ['https://'],
      url: 'https://github.com/listkeeper/listkeeper/blob/main/README.md#rules',
    });
    expect((file.messages as unknown[])[1]).toMatchObject({ ruleId: 'whitespace', fatal: false, actual: '  ', expected: [''] });
  });

  it('leaves out actual and expected for a finding without a fix, as a VFileMessage does', () => {
    const unfixable: Finding = { ...findings[0], fix: null };
    const [file] = JSON.parse(formatJson([unfixable], [{ path: 'docs/my list.md', text }], '/w')) as Array<{ messages: object[] }>;
    expect(file.messages[0]).not.toHaveProperty('expected');
    expect(file.messages[0]).not.toHaveProperty('actual');
    expect(file.messages[0]).not.toHaveProperty('endLine');
  });
});

interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    results: Array<{ level: string; locations: Array<{ physicalLocation: { region: Record<string, number> } }> }>;
  }>;
}

describe('formatSarif', () => {
  it('produces SARIF 2.1.0 that names every rule and locates every result', () => {
    const sarif = JSON.parse(formatSarif(findings, { version: '1.2.3' })) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const [run] = sarif.runs;
    expect(run.tool.driver).toMatchObject({ name: 'listkeeper', version: '1.2.3' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      'entry-format', 'date-format', 'future-date', 'url-format', 'duplicate-link', 'duplicate-title', 'whitespace', 'list-structure', 'sort-order',
    ]);
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(5);
    expect(run.results[0]).toEqual({
      ruleId: 'url-format',
      ruleIndex: 3,
      level: 'error',
      message: { text: 'URL `a.com` lacks `https://`' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'docs/my%20list.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 12 },
          },
        },
      ],
    });
    // An empty span still covers one column.
    expect(run.results[1].locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 30, endLine: 4, endColumn: 31 });
    expect(run.results[1].level).toBe('warning');
  });
});
