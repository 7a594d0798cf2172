/**
 * The report a maintainer reads (and the Action posts): reportable dead links
 * grouped by section with file:line, status, reason, failing-since and an
 * archive suggestion; blocked links and redirects in collapsed blocks.
 */
import { code, messageMarkdown, placeLink, webText } from '../core/inline-markdown.js';
import { identityAddress } from '../core/url-identity.js';
import { hostOf } from './glob.js';
import type { ReportExtras } from './report-extras.js';
import type { LinkCheckRun, LinkResult } from './types.js';

export interface MarkdownReportOptions extends ReportExtras {
  /** Heading of the report (default "Link check"). */
  title?: string;
  /** `https://github.com/o/r/blob/<sha>/`: each `file:line` becomes a link to that line. */
  blobBase?: string;
}

/** This many dead links on one host are said once, as one group, rather than as unrelated rows. */
const HOST_GROUP_MIN = 3;
/** Rows of the per-host table: the hosts with the most failing links. */
const HOST_TABLE_ROWS = 10;

export function renderMarkdownReport(run: LinkCheckRun, options: MarkdownReportOptions = {}): string {
  const out: string[] = [`## ${options.title ?? 'Link check'}`, ''];
  const dead = run.results.filter((r) => r.reportable);
  const pending = run.results.filter((r) => r.verdict === 'dead' && !r.reportable);
  const blocked = run.results.filter((r) => r.verdict === 'blocked');
  const moved = run.results.filter((r) => r.verdict === 'alive' && r.finalUrl !== null);
  const noted = run.results.filter((r) => r.verdict === 'alive' && r.finalUrl === null && r.notes.length > 0);
  const { byVerdict } = run.stats;
  out.push(
    `Checked ${run.results.length} links: ${byVerdict.alive} alive, ${byVerdict.dead} dead, ` +
      `${byVerdict.blocked} blocked, ${byVerdict.unknown} unknown.`,
    '',
  );
  if (run.offline) {
    out.push('> [!WARNING]', '> Most hosts could not be reached at all; the network looked offline, so unreachable links are listed as unknown, not dead.', '');
  }
  out.push(...hostTable(run.results));
  const where = (result: LinkResult): string => whereOf(result, options.blobBase);
  if (dead.length === 0) out.push('No dead links to report.', '');
  else {
    out.push(`### Dead links (${dead.length})`, '');
    const byHost = groupBy(dead, hostLabel);
    const grouped = new Set<LinkResult>();
    for (const [host, results] of byHost) {
      if (results.length < HOST_GROUP_MIN) continue;
      const alive = run.results.some((r) => r.verdict === 'alive' && hostLabel(r) === host);
      out.push(`#### ${code(host)}: ${results.length} links, ${reasonsOf(results)}${alive ? '' : ' — the site may be gone'}`, '');
      for (const result of results) {
        const since = result.failingSince ? ` · failing since ${result.failingSince.slice(0, 10)}` : '';
        out.push(`- ${link(result)} — ${where(result)}${since}`);
        grouped.add(result);
      }
      out.push('');
    }
    for (const [section, results] of groupBy(dead.filter((r) => !grouped.has(r)), sectionOf)) {
      out.push(`#### ${escapeText(section)}`, '');
      for (const result of results) out.push(...deadLines(result, where));
      out.push('');
    }
  }
  if (pending.length > 0) {
    out.push(`${pending.length} more ${pending.length === 1 ? 'link' : 'links'} failed in fewer runs than the threshold; ` +
      'they are reported if they keep failing.', '');
  }
  if (blocked.length > 0) {
    out.push('<details>', `<summary>Blocked links (${blocked.length}): the site refuses automated checks; please check by hand</summary>`, '');
    for (const result of blocked) out.push(`- ${link(result)} — ${where(result)} — ${webText(result.reason)}`);
    out.push('', '</details>', '');
  }
  if (moved.length > 0) {
    out.push('<details>', `<summary>Moved permanently (${moved.length}): links that could point at their new address</summary>`, '');
    for (const result of moved) {
      out.push(`- ${link(result)} → ${escapeUrl(result.finalUrl ?? '')} — ${where(result)}${notesOf(result)}`);
    }
    out.push('', '</details>', '');
  }
  out.push(...sameArticleLines(options));
  out.push(...entryMetadataLines(options));
  if (noted.length > 0) {
    out.push('<details>', `<summary>Other notes (${noted.length}), e.g. archived repositories, or a way a link is written that fails where another works</summary>`, '');
    for (const result of noted) out.push(`- ${link(result)} — ${where(result)}${notesOf(result)}`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** `### Same article listed twice`: each later listing, linked to its line, with the first one named. */
function sameArticleLines(options: MarkdownReportOptions): string[] {
  const same = options.sameArticle ?? [];
  if (same.length === 0) return [];
  const at = (file: string, line: number): string => placeLink(file, line, options.blobBase);
  const lines = [`### Same article listed twice (${same.length})`, ''];
  for (const s of same) {
    const address = identityAddress(s.identity);
    const why = address !== null ? `both lead to ${code(address)}` : `both are ${code(s.identity)}`;
    lines.push(`- ${at(s.file, s.line)} ${escapeUrl(s.url)} — the same article as ${at(s.first.file, s.first.line)} ${escapeUrl(s.first.url)}: ${why}`);
  }
  return [...lines, ''];
}

/** `entry-metadata` messages, each with what the page says. */
function entryMetadataLines(options: MarkdownReportOptions): string[] {
  const found = options.entryMetadata ?? [];
  if (found.length === 0) return [];
  const lines = [`### Entries that differ from their pages (${found.length})`, ''];
  // The page's words are in the message's code spans, which render nothing.
  for (const f of found) lines.push(`- ${placeLink(f.path, f.start.line, options.blobBase)} — ${messageMarkdown(f.reason)}`);
  return [...lines, ''];
}


function deadLines(result: LinkResult, where: (result: LinkResult) => string): string[] {
  // "HTTP 404" as status and as reason says it twice.
  const status = result.status === null || result.reason.startsWith(`HTTP ${result.status}`) ? null : `HTTP ${result.status}`;
  const facts = [where(result), status, webText(result.reason)];
  if (result.failingSince) {
    facts.push(`failing since ${result.failingSince.slice(0, 10)} (${result.failedRuns} ${result.failedRuns === 1 ? 'run' : 'runs'})`);
  }
  const lines = [`- ${link(result)} — ${facts.filter((f) => f !== null).join(' · ')}`];
  if (result.archiveUrl) lines.push(`  - archived copy: ${escapeUrl(result.archiveUrl)}`);
  return lines;
}

function groupBy(results: readonly LinkResult[], keyOf: (result: LinkResult) => string): Map<string, LinkResult[]> {
  const groups = new Map<string, LinkResult[]>();
  for (const result of results) {
    const key = keyOf(result);
    const group = groups.get(key) ?? [];
    group.push(result);
    groups.set(key, group);
  }
  return groups;
}

function sectionOf(result: LinkResult): string {
  return result.occurrences[0]?.section ?? '(no section)';
}

/** The host a result's rows are grouped under. */
function hostLabel(result: LinkResult): string {
  return hostOf(result.requestUrl) || '(no host)';
}

/** What failed, said once for a host: `all HTTP 404`, else `HTTP 404 (8), timeout (3)`. */
function reasonsOf(results: readonly LinkResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const label = r.status === null ? webText(r.reason) : `HTTP ${r.status}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  if (counts.size === 1) return `all ${[...counts.keys()][0]}`;
  return [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} (${n})`).join(', ');
}

/** Links per host and verdict, for the hosts with the most links that are not alive. */
function hostTable(results: readonly LinkResult[]): string[] {
  const verdicts = ['dead', 'blocked', 'unknown', 'alive'] as const;
  const counts = new Map<string, Record<(typeof verdicts)[number], number>>();
  for (const r of results) {
    const host = hostLabel(r);
    const row = counts.get(host) ?? { dead: 0, blocked: 0, unknown: 0, alive: 0 };
    row[r.verdict]++;
    counts.set(host, row);
  }
  const failing = (row: Record<string, number>): number => (row.dead ?? 0) + (row.blocked ?? 0) + (row.unknown ?? 0);
  const rows = [...counts].filter(([, row]) => failing(row) > 0).sort((a, b) => failing(b[1]) - failing(a[1]) || (a[0] < b[0] ? -1 : 1));
  // One or two failing links say everything in their own rows.
  if (rows.reduce((n, [, row]) => n + failing(row), 0) < HOST_GROUP_MIN) return [];
  const lines = ['| Host | Dead | Blocked | Unknown | Alive |', '|---|---:|---:|---:|---:|'];
  for (const [host, row] of rows.slice(0, HOST_TABLE_ROWS)) lines.push(`| ${code(host)} | ${verdicts.map((v) => row[v]).join(' | ')} |`);
  if (rows.length > HOST_TABLE_ROWS) lines.push('', `…and ${rows.length - HOST_TABLE_ROWS} more hosts with links that are not alive.`);
  return [...lines, ''];
}

/** Every place a link is written. */
function whereOf(result: LinkResult, blobBase: string | undefined): string {
  return result.occurrences.map((o) => placeLink(o.file, o.line, blobBase)).join(', ');
}

function notesOf(result: LinkResult): string {
  const extra = result.notes.filter((note) => !note.startsWith('permanent redirect'));
  return extra.length > 0 ? ` (${extra.map((note) => webText(note)).join('; ')})` : '';
}

/** The entry's own title when it has one, so the maintainer recognizes the entry. */
function link(result: LinkResult): string {
  const first = result.occurrences[0];
  const text = first?.title.trim() || first?.url || result.requestUrl;
  return `[${escapeText(text)}](${escapeUrl(result.requestUrl)})`;
}

/**
 * The list's own text (titles, headings) as Markdown text. A backslash does
 * not stop a mention, so `@` gets an invisible zero-width space after it.
 */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`)
    .replace(/@/g, '@&#8203;')
    .replace(/\r?\n/g, ' ');
}


function escapeUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (ch) => encodeURIComponent(ch));
}
