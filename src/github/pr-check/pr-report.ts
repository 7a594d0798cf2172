/**
 * What a pull-request check found, as annotations and as Markdown (the job
 * summary / check-run summary and the sticky comment share one text).
 */
import type { Finding, Severity } from '../../core/types.js';
import type { LinkResult } from '../../links/types.js';
import { type Annotation, findingAnnotation, linkAnnotations, linkMessage, sortAnnotations } from './annotations.js';
import { code, lineUrl, messageMarkdown, plural, table, webText } from '../markdown.js';
import { unmovableMarkdown, unmovableMessage } from '../unmovable-lists.js';

export interface SortHint {
  path: string;
  /** Line of the first item out of place. */
  line: number;
  /** `the list in section 'Blogs' (line 12)`. */
  list: string;
  severity: Severity;
  /** Set when `/sort` would leave the list as it is (moving its items is unsafe): what to change. */
  reason?: string;
}

export interface PrFindings {
  pullNumber: number;
  files: string[];
  addedLines: number;
  findings: Finding[];
  dead: LinkResult[];
  blocked: LinkResult[];
  /** Alive links with a note worth passing on (permanent redirect, archived repository). */
  linkNotes: LinkResult[];
  unsorted: SortHint[];
  /** Files that could not be read (one line each). */
  problems: string[];
  /** Set when the link check was skipped or inconclusive (offline runner). */
  linkWarning: string | null;
  /** `https://github.com/o/r/blob/<head sha>/`: line numbers become links to the PR's lines when set. */
  blobBase?: string;
}

export interface PrCounts {
  errors: number;
  warnings: number;
  deadLinks: number;
  blockedLinks: number;
}

export function countPr(f: PrFindings): PrCounts {
  const sortErrors = f.unsorted.filter((u) => u.severity === 'error').length;
  return {
    errors: f.findings.filter((x) => x.severity === 'error').length + f.dead.length + sortErrors + f.problems.length,
    warnings: f.findings.filter((x) => x.severity === 'warning').length + f.unsorted.length - sortErrors,
    deadLinks: f.dead.length,
    blockedLinks: f.blocked.length,
  };
}

export function prAnnotations(f: PrFindings): Annotation[] {
  const out: Annotation[] = f.findings.map(findingAnnotation);
  for (const r of f.dead) out.push(...linkAnnotations(r, 'error', 'listkeeper: dead link'));
  for (const r of f.blocked) out.push(...linkAnnotations(r, 'notice', 'listkeeper: link refuses bots (not checked)'));
  for (const r of f.linkNotes) out.push(...linkAnnotations(r, 'notice', 'listkeeper: link note'));
  for (const u of f.unsorted) {
    out.push({
      path: u.path,
      startLine: u.line,
      endLine: u.line,
      level: u.severity,
      title: 'listkeeper: sort-order',
      message:
        u.reason === undefined
          ? `${u.list} is not in date order; comment /sort on the pull request to sort it`
          : unmovableMessage({ list: u.list, reason: u.reason }),
    });
  }
  return sortAnnotations(out);
}

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** Nothing to report: no findings, no dead links, nothing out of order, no unreadable file. */
export function isClean(f: PrFindings): boolean {
  const c = countPr(f);
  return c.errors === 0 && c.warnings === 0;
}

export function renderPrMarkdown(f: PrFindings, maxRows = 200): string {
  const c = countPr(f);
  const lines: string[] = [];
  const scope = `${plural(f.addedLines, 'added line')} in ${f.files.length === 0 ? 'no list file' : f.files.map(code).join(', ')}`;
  if (isClean(f)) {
    lines.push('### ✅ listkeeper: all clear', '', `Checked ${scope}: nothing to report.`);
  } else {
    // Dead links are errors: named inside the error count, not added to it a second time.
    const errors = c.deadLinks > 0 ? `${plural(c.errors, 'error')} (${plural(c.deadLinks, 'dead link')})` : plural(c.errors, 'error');
    const parts = [errors, plural(c.warnings, 'warning')];
    lines.push(`### listkeeper: ${parts.join(', ')}`, '', `Checked ${scope}.`);
  }
  if (f.problems.length > 0) lines.push('', ...f.problems.map((p) => `- ❌ ${p}`));
  const placed: { path: string; line: number; row: string[] }[] = [];
  const lineCell = (path: string, line: number): string => (f.blobBase === undefined ? String(line) : `[${line}](${lineUrl(f.blobBase, path, line)})`);
  for (const x of f.findings) {
    const row = [ICON[x.severity], code(x.path), lineCell(x.path, x.start.line), code(x.ruleId), messageMarkdown(x.reason) + (x.fix ? ' (fixable)' : '')];
    placed.push({ path: x.path, line: x.start.line, row });
  }
  for (const r of f.dead) {
    for (const o of r.occurrences) {
      placed.push({ path: o.file, line: o.line, row: [ICON.error, code(o.file), lineCell(o.file, o.line), code('dead-link'), linkMessage(r, o.url, code, webText)] });
    }
  }
  // In the order a reviewer reads the diff: by file, then line (a stable sort keeps a line's messages together).
  const rows = placed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)).map((p) => p.row);
  if (rows.length > 0) {
    lines.push('', table(['', 'File', 'Line', 'Rule', 'Message'], rows.slice(0, maxRows)));
    if (rows.length > maxRows) lines.push('', `…and ${rows.length - maxRows} more (see the annotations).`);
  }
  if (f.unsorted.length > 0) {
    const lineRef = (path: string, line: number): string => (f.blobBase === undefined ? `line ${line}` : `[line ${line}](${lineUrl(f.blobBase, path, line)})`);
    lines.push('', '**Sort order**', '');
    // The list's name holds the PR's own headings and titles: a code span keeps them from mentioning anyone.
    for (const u of f.unsorted) {
      lines.push(`- ${u.reason === undefined ? `${code(u.path)} ${lineRef(u.path, u.line)}: ${code(u.list)} is not in date order.` : unmovableMarkdown({ ...u, reason: u.reason }, f.blobBase)}`);
    }
    const sortable = f.unsorted.filter((u) => u.reason === undefined).length;
    if (sortable > 0) lines.push('', `Comment \`/sort\` on this pull request and listkeeper will sort ${sortable === 1 ? 'it' : 'them'} for you.`);
    if (sortable < f.unsorted.length) lines.push('', '`/sort` leaves a list it cannot move safely as it is: change the layout as described, or sort it by hand.');
  }
  const fixable = f.findings.filter((x) => x.fix).length;
  if (fixable > 0) lines.push('', `${plural(fixable, 'message')} can be fixed automatically: comment \`/fix\`.`);
  if (f.blocked.length > 0 || f.linkNotes.length > 0) {
    lines.push('', '<details><summary>Link notes</summary>', '');
    // URLs come from the pull request, reasons and notes from web servers: code spans keep them
    // from mentioning anyone or becoming markup.
    for (const r of f.blocked) lines.push(`- ${code(r.occurrences[0]?.url ?? r.requestUrl)}: refuses automated checks (${webText(blockedWhy(r.reason))}), not counted as dead`);
    for (const r of f.linkNotes) lines.push(`- ${linkMessage(r, r.occurrences[0]?.url ?? r.requestUrl, code, webText)}`);
    lines.push('', '</details>');
  }
  if (f.linkWarning) lines.push('', `> ${f.linkWarning}`);
  return lines.join('\n');
}

/** `HTTP 403 (refuses automated requests)` says twice what the line around it says once. */
function blockedWhy(reason: string): string {
  return reason.replace(/\s*\(refuses automated requests\)$/, '');
}
