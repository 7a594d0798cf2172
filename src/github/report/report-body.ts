/**
 * The body of the dead-link report issue: the checker's Markdown report, a
 * footer, and the failure history in a hidden block, all under GitHub's
 * 65,536-character limit (the report is cut with a note; the history keeps
 * the longest streaks).
 */
import type { LinkHistory, LinkHistoryEntry } from '../../links/index.js';
import { parseHistory } from '../../links/index.js';
import { BODY_LIMIT } from '../markdown.js';
import { decodeDataBlock, encodeDataBlock, REPORT_MARKER } from '../markers.js';

/** GitHub's body limit, the one every comment and pull request body is cut to as well. */
export const ISSUE_BODY_LIMIT = BODY_LIMIT;
/** The history never takes more than this, so the report always has room. */
const HISTORY_BUDGET = 24_000;
const HISTORY_BLOCK = 'history';

export function readHistory(body: string | null | undefined): LinkHistory | null {
  return parseHistory(decodeDataBlock(body, HISTORY_BLOCK));
}

/** The history block, dropping the shortest streaks first when it would not fit its budget. */
export function historyBlock(history: LinkHistory, budget = HISTORY_BUDGET): string {
  let entries = Object.entries(history.urls).sort((a, b) => streak(b[1]) - streak(a[1]) || (a[0] < b[0] ? -1 : 1));
  for (;;) {
    const block = encodeDataBlock(HISTORY_BLOCK, { version: 1, urls: Object.fromEntries(entries) });
    if (block.length <= budget || entries.length === 0) return block;
    entries = entries.slice(0, Math.floor(entries.length * 0.8));
  }
}

function streak(entry: LinkHistoryEntry): number {
  return entry.failedRuns;
}

export function renderReportBody(report: string, history: LinkHistory, footer: string, limit = ISSUE_BODY_LIMIT): string {
  const hidden = historyBlock(history);
  const fixed = [REPORT_MARKER, '', '', '---', footer, hidden].join('\n');
  const room = limit - 1 - fixed.length;
  return [REPORT_MARKER, cutMarkdown(report.trimEnd(), room), '', '---', footer, hidden].join('\n');
}

/**
 * Keep whole lines of `text` within `limit` characters; when cut, close any
 * open `<details>` and say how much was left out.
 */
export function cutMarkdown(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  const reserve = 300;
  for (const line of lines) {
    if (size + line.length + 1 > limit - reserve) break;
    kept.push(line);
    size += line.length + 1;
  }
  const open = kept.filter((l) => l.trim() === '<details>').length - kept.filter((l) => l.trim() === '</details>').length;
  const left = lines.length - kept.length;
  return [
    ...kept,
    ...Array.from({ length: Math.max(0, open) }, () => '</details>'),
    '',
    `> [!NOTE]`,
    `> The report was cut to fit GitHub's issue size limit: ${left} more lines were left out. Run \`listkeeper links\` for the full report.`,
  ].join('\n');
}
