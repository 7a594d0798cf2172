import type { TextEdit } from './types.js';

export interface AppliedEdits {
  text: string;
  /** The edits that were applied, in offset order. */
  applied: TextEdit[];
  /** Edits left out because they overlap an earlier one (or fall outside the text). */
  skipped: TextEdit[];
}

/**
 * Apply text edits at their offsets in `text`. Edits are taken in offset
 * order (ties keep their given order); an edit that overlaps one already taken
 * is skipped, so the result never depends on how two fixes would interleave.
 * Two insertions at the same offset both apply, in the given order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map((x) => x.edit);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of ordered) {
    const valid = edit.start >= 0 && edit.end >= edit.start && edit.end <= text.length;
    // An edit may start where the previous one ended, not inside it.
    if (!valid || edit.start < cursor) {
      skipped.push(edit);
      continue;
    }
    parts.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
    applied.push(edit);
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), applied, skipped };
}
