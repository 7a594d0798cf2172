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
    const end = lineEndOf(doc.text, start);
    // Only fixes that stay on their line can become a one-line suggestion.
    const usable = lineFindings.filter((f) => f.fix && f.fix.start >= start && f.fix.end <= end);
    const edits: TextEdit[] = usable.map((f) => {
      const fix = f.fix as TextEdit;
      return { start: fix.start - start, end: fix.end - start, text: fix.text };
    });
    if (edits.length === 0) continue;
    const original = doc.text.slice(start, end);
    const replacement = applyEdits(original, edits).text;
    if (replacement === original) continue;
    out.push({ path: doc.path, line, replacement, reasons: usable.map((f) => `\`${f.ruleId}\`: ${f.reason}`) });
  }
  return out;
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
