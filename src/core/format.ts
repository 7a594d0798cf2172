/**
 * Reporters: lint findings as text for people, as vfile-reporter-json for
 * tools, and as SARIF 2.1.0 for GitHub code scanning.
 */
import type { RuleId } from './config/config-types.js';
import { ALL_RULES } from './lint.js';
import { ruleUrl } from './rules/shared.js';
import type { Finding, Point } from './types.js';

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
  'entry-metadata': 'A date, title or source that differs from what the linked page says',
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

/**
 * One message as vfile-reporter-json prints a VFileMessage: the same keys in
 * the same order (undefined ones left out, as JSON.stringify does).
 */
export interface JsonMessage {
  column: number;
  fatal: boolean;
  line: number;
  /** As vfile writes a place: 1-based line and column, 0-based offset. */
  place: { start: Point; end: Point };
  reason: string;
  ruleId: string;
  source: 'listkeeper';
  /** The text a fix replaces, when the finding has a fix and the file's text is known. */
  actual?: string;
  /** What the fix writes instead: remark-lint's way of saying "replace actual by expected". */
  expected?: string[];
  url: string;
}

export interface JsonFile {
  path: string;
  cwd: string;
  history: string[];
  messages: JsonMessage[];
}

export interface JsonFileInput {
  /** As shown (relative to `cwd`, as given on the command line). */
  path: string;
  /** The parsed text (without BOM) that findings' offsets point into; gives `actual`. */
  text?: string;
}

/**
 * Exactly what vfile-reporter-json prints for VFiles `{path, cwd}` holding
 * these findings as messages: every file appears, with or without messages.
 */
export function formatJson(findings: Finding[], files: readonly JsonFileInput[], cwd: string): string {
  const byPath = new Map<string, JsonFile>(files.map((f) => [f.path, { path: f.path, cwd, history: [f.path], messages: [] }]));
  const textOf = new Map(files.map((f) => [f.path, f.text]));
  for (const f of findings) {
    let file = byPath.get(f.path);
    if (!file) {
      file = { path: f.path, cwd, history: [f.path], messages: [] };
      byPath.set(f.path, file);
    }
    file.messages.push(jsonMessage(f, textOf.get(f.path)));
  }
  return `${JSON.stringify([...byPath.values()])}\n`;
}

function jsonMessage(f: Finding, text: string | undefined): JsonMessage {
  const fix = f.fix;
  return {
    column: f.start.column,
    fatal: f.severity === 'error',
    line: f.start.line,
    place: { start: point(f.start), end: point(f.end) },
    reason: f.reason,
    ruleId: f.ruleId,
    source: 'listkeeper',
    ...(fix && text !== undefined ? { actual: text.slice(fix.start, fix.end) } : {}),
    ...(fix ? { expected: [fix.text] } : {}),
    url: urlOf(f.ruleId),
  };
}

/** Only the point's own keys, in vfile's order. */
function point(p: Point): Point {
  return { line: p.line, column: p.column, offset: p.offset };
}

function urlOf(ruleId: string): string {
  return ALL_RULES.find((r) => r.id === ruleId)?.url ?? ruleUrl(ruleId);
}

export interface SarifOptions {
  version: string;
  /** Turns a finding's path into the URI GitHub expects: relative to the repository root, `/`-separated (or a `file://` URI). */
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
          artifactLocation: artifactLocation(uriOf(f.path)),
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

/** A root-relative path against `%SRCROOT%`; an absolute `file://` URI (a file outside the repository) as it is. */
function artifactLocation(uri: string): { uri: string; uriBaseId?: string } {
  return /^file:/.test(uri) ? { uri } : { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' };
}

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());
}
