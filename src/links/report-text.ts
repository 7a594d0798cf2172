/** The terminal report: one line per problem, `file:line`, then a summary. */
import type { ReportExtras } from './report-extras.js';
import type { LinkCheckRun, LinkResult } from './types.js';

export function renderTextReport(run: LinkCheckRun, extras: ReportExtras = {}): string {
  const lines: string[] = [];
  const sorted = [...run.results].sort(byFirstOccurrence);
  for (const result of sorted) {
    const label = labelOf(result);
    if (label === null) continue;
    for (const o of result.occurrences) {
      lines.push(`${o.file}:${o.line}: ${label}: ${o.url} — ${result.reason}${details(result)}`);
    }
  }
  for (const same of extras.sameArticle ?? []) lines.push(`${same.file}:${same.line}: same article: ${same.url} — ${same.reason}`);
  for (const f of extras.entryMetadata ?? []) lines.push(`${f.path}:${f.start.line}:${f.start.column}: ${f.severity}: ${f.reason}  ${f.ruleId}`);
  for (const warning of run.warnings) lines.push(`warning: ${warning}`);
  const { byVerdict, requests, hosts, durationMs } = run.stats;
  const reportable = run.results.filter((r) => r.reportable).length;
  lines.push(
    `${run.results.length} links: ${byVerdict.alive} alive, ${byVerdict.dead} dead (${reportable} reported), ` +
      `${byVerdict.blocked} blocked, ${byVerdict.unknown} unknown; ${requests} requests to ${hosts} hosts in ${(durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}

function labelOf(result: LinkResult): string | null {
  if (result.verdict === 'dead') return result.reportable ? 'dead' : 'failing';
  if (result.verdict === 'blocked') return 'blocked';
  if (result.verdict === 'unknown') return 'unknown';
  return result.finalUrl !== null || result.notes.length > 0 ? 'note' : null;
}

function details(result: LinkResult): string {
  const parts: string[] = [];
  if (result.verdict === 'dead' && result.failingSince) parts.push(`failing since ${result.failingSince.slice(0, 10)}, ${result.failedRuns} ${result.failedRuns === 1 ? 'run' : 'runs'}`);
  if (result.verdict === 'dead' && !result.reportable) parts.push('reported if it fails again');
  for (const note of result.notes) parts.push(note);
  if (result.archiveUrl) parts.push(`archive: ${result.archiveUrl}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function byFirstOccurrence(a: LinkResult, b: LinkResult): number {
  const x = a.occurrences[0];
  const y = b.occurrences[0];
  if (!x || !y) return 0;
  return x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1;
}
