/**
 * The report a maintainer reads (and the Action posts): reportable dead links
 * grouped by section with file:line, status, reason, failing-since and an
 * archive suggestion; blocked links and redirects in collapsed blocks.
 */
import type { LinkCheckRun, LinkResult } from './types.js';

export interface MarkdownReportOptions {
  /** Heading of the report (default "Link check"). */
  title?: string;
}

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
  if (dead.length === 0) out.push('No dead links to report.', '');
  else {
    out.push(`### Dead links (${dead.length})`, '');
    for (const [section, results] of groupBySection(dead)) {
      out.push(`#### ${escapeText(section)}`, '');
      for (const result of results) out.push(...deadLines(result));
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
  if (noted.length > 0) {
    out.push('<details>', `<summary>Other notes (${noted.length}), e.g. archived repositories, or a way a link is written that fails where another works</summary>`, '');
    for (const result of noted) out.push(`- ${link(result)} — ${where(result)}${notesOf(result)}`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function deadLines(result: LinkResult): string[] {
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

function groupBySection(results: readonly LinkResult[]): Map<string, LinkResult[]> {
  const groups = new Map<string, LinkResult[]>();
  for (const result of results) {
    const first = result.occurrences[0];
    const key = first?.section ?? '(no section)';
    const group = groups.get(key) ?? [];
    group.push(result);
    groups.set(key, group);
  }
  return groups;
}

function where(result: LinkResult): string {
  return result.occurrences.map((o) => `\`${o.file}:${o.line}\``).join(', ');
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

/** Words, numbers and light punctuation: nothing GitHub turns into markup, a link, a mention or a reference. */
const PLAIN = /^[A-Za-z0-9 ,;:()'"=+-]*$/;

/**
 * Text a web server chose (a reason quoting a header or a `Location`, a note):
 * as it is when plain, else in a code span, which renders no HTML, mention,
 * link or reference; line breaks would end the span, so they become spaces.
 */
function webText(text: string, max = 200): string {
  const flat = (text.length > max ? `${text.slice(0, max)}…` : text).replace(/[\r\n]+/g, ' ');
  if (PLAIN.test(flat)) return flat;
  const fence = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function escapeUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (ch) => encodeURIComponent(ch));
}
