import type { ListDocument, Point } from './types.js';

/** Offsets where each line of `text` starts. */
export function buildLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line that holds `offset` (binary search over the line starts). */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** 1-based line and column of an offset. */
export function pointAt(doc: Pick<ListDocument, 'lineStarts'>, offset: number): Point {
  const line = lineAt(doc.lineStarts, offset);
  return { line, column: offset - doc.lineStarts[line - 1] + 1, offset };
}
