/**
 * Turning fixes into GitHub suggestions: a suggestion replaces whole lines of
 * the new file, so the fixes on one line are applied to that line's text.
 */
import { createHash } from 'node:crypto';
import { applyEdits } from '../../core/edits.js';
import { lineEndOf } from '../../core/parse.js';
import type { Finding, ListDocument, TextEdit } from '../../core/types.js';

export interface Suggestion {
  path: string;
  /** Last line replaced (1-based, new file). */
  line: number;
  /** First line replaced, when more than one. */
  startLine?: number;
  /** The new text of the lines, without a final line ending. */
  replacement: string;
  /** Why, in words (one line per message). */
  reasons: string[];
}

/** One suggestion per line that has fixable findings, for the lines `onLines` allows. */
export function suggestionsFromFindings(
  doc: ListDocument,
  findings: readonly Finding[],
  onLines: ReadonlySet<number>,
): Suggestion[] {
  const byLine = new Map<number, Finding[]>();
  for (const finding of findings) {
    if (!finding.fix || finding.path !== doc.path || !onLines.has(finding.start.line)) continue;
    const list = byLine.get(finding.start.line) ?? [];
    list.push(finding);
    byLine.set(finding.start.line, list);
  }
  const out: Suggestion[] = [];
  for (const [line, lineFindings] of [...byLine].sort((a, b) => a[0] - b[0])) {
    const start = doc.lineStarts[line - 1];
    const suggestion = suggestionForLine(doc.path, line, start, doc.text.slice(start, lineEndOf(doc.text, start)), lineFindings);
    if (suggestion) out.push(suggestion);
  }
  return out;
}

/**
 * One suggestion for one line from the fixes of `findings` that stay on it
 * (`lineStart` is the line's offset in the file, `lineText` its text without
 * the line ending); null when none changes the line.
 */
export function suggestionForLine(path: string, line: number, lineStart: number, lineText: string, findings: readonly Finding[]): Suggestion | null {
  const end = lineStart + lineText.length;
  // Only fixes that stay on their line can become a one-line suggestion.
  const usable = findings.filter((f) => f.path === path && f.fix && f.fix.start >= lineStart && f.fix.end <= end);
  const edits: TextEdit[] = usable.map((f) => {
    const fix = f.fix as TextEdit;
    return { start: fix.start - lineStart, end: fix.end - lineStart, text: fix.text };
  });
  if (edits.length === 0) return null;
  const { text: replacement, applied } = applyEdits(lineText, edits);
  if (replacement === lineText) return null;
  // A fix left out for overlapping another (two rewrites of one date) is not given as a reason.
  const kept = usable.filter((_, i) => applied.includes(edits[i]));
  return { path, line, replacement, reasons: kept.map((f) => `\`${f.ruleId}\`: ${f.reason}`) };
}

/** A stable key for "this suggestion was already posted", independent of line shifts. */
export function suggestionKey(s: Suggestion): string {
  return createHash('sha256').update(`${s.path}\n${s.replacement}`).digest('hex').slice(0, 16);
}

/** A fence longer than any backtick run in the text, so the block cannot be closed early. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export function suggestionBlock(replacement: string): string {
  const fence = fenceFor(replacement);
  return `${fence}suggestion\n${replacement}\n${fence}`;
}
