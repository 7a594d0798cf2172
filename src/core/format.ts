/**
 * Reporters: lint findings as text for people, as vfile-reporter-json for
 * tools, and as SARIF 2.1.0 for GitHub code scanning.
 */
import type { RuleId } from './config-types.js';
import { ALL_RULES } from './lint.js';
import { ruleUrl } from './rules/shared.js';
import type { Finding } from './types.js';

export type ReportFormat = 'text' | 'json' | 'sarif';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif'];

/** One line per rule, for SARIF's rule metadata and `--help`. */
export const RULE_DESCRIPTIONS: Record<RuleId, string> = {
  'entry-format': 'Blog entry not of the form [title](url) | source YYYY-MM-DD',
  'date-format': 'Date not written YYYY-MM-DD, or not a calendar date',
  'future-date': 'Date after today',
  'url-format': 'Link without http(s)://, with spaces or unbalanced parentheses, or another scheme',
  'duplicate-link': 'The same resource linked twice',
  'duplicate-title': 'The same title with a different link (a repost)',
  whitespace: 'Trailing whitespace or doubled spaces around the separator',
  'list-structure': 'Indentation that does not nest as it looks, or text joined to a list\'s last item',
  'sort-order': 'A list not sorted by date',
};

/** `file:line:col  error|warning  reason  ruleId` per finding, then a summary line. */
export function formatText(findings: Finding[], fileCount: number): string {
  const lines = findings.map(
    (f) => `${f.path}:${f.start.line}:${f.start.column}  ${f.severity}  ${oneLine(f.reason)}  ${f.ruleId}`,
  );
  lines.push(summaryLine(findings, fileCount));
  return `${lines.join('\n')}\n`;
}

/** `2 errors, 1 warning in 3 files (1 fixable with --fix)`. */
export function summaryLine(findings: Finding[], fileCount: number): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
  if (findings.length === 0) return `No problems in ${files}.`;
  const fixable = findings.filter((f) => f.fix !== null).length;
  const fix = fixable > 0 ? ` (${fixable} fixable with --fix)` : '';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${files}${fix}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

export interface JsonMessage {
  ruleId: string;
  source: 'listkeeper';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal: boolean;
  reason: string;
  url: string;
  expected: string[];
}

/** The vfile-reporter-json shape; every file appears, with or without messages. */
export function formatJson(findings: Finding[], paths: string[]): string {
  const byPath = new Map<string, JsonMessage[]>(paths.map((p) => [p, []]));
  for (const f of findings) {
    const messages = byPath.get(f.path) ?? [];
    byPath.set(f.path, messages);
    messages.push({
      ruleId: f.ruleId,
      source: 'listkeeper',
      line: f.start.line,
      column: f.start.column,
      endLine: f.end.line,
      endColumn: f.end.column,
      fatal: f.severity === 'error',
      reason: f.reason,
      url: urlOf(f.ruleId),
      expected: f.fix ? [f.fix.text] : [],
    });
  }
  return `${JSON.stringify([...byPath].map(([path, messages]) => ({ path, messages })))}\n`;
}

function urlOf(ruleId: string): string {
  return ALL_RULES.find((r) => r.id === ruleId)?.url ?? ruleUrl(ruleId);
}

export interface SarifOptions {
  version: string;
  /** Turns a finding's path into the URI GitHub expects: relative to the repository root, `/`-separated. */
  uriOf?: (path: string) => string;
}

/** SARIF 2.1.0 as GitHub code scanning accepts it. */
export function formatSarif(findings: Finding[], options: SarifOptions): string {
  const uriOf = options.uriOf ?? ((p: string) => p.replace(/\\/g, '/').replace(/^\.\//, ''));
  const rules = ALL_RULES.map((rule) => ({
    id: rule.id,
    name: camel(rule.id),
    shortDescription: { text: RULE_DESCRIPTIONS[rule.id] },
    helpUri: rule.url,
    defaultConfiguration: { level: rule.defaultSeverity },
  }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: f.severity,
    message: { text: f.reason },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(uriOf(f.path)), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: f.start.line,
            startColumn: f.start.column,
            endLine: f.end.line,
            // SARIF end columns are exclusive, like ours; an empty span still needs a column after the start.
            endColumn: f.end.line === f.start.line ? Math.max(f.end.column, f.start.column + 1) : f.end.column,
          },
        },
      },
    ],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'listkeeper',
            version: options.version,
            informationUri: 'https://github.com/listkeeper/listkeeper',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());
}
