/**
 * The changed region of a whole-file rewrite (sort, fix), as the lines of the
 * old text it replaces: enough for a multi-line suggestion, or a unified diff
 * with one hunk that `git apply` accepts.
 */

export interface ChangedRegion {
  /** 1-based first and last changed lines of the old text (`oldEnd < oldStart` for a pure insertion). */
  oldStart: number;
  oldEnd: number;
  /** The new lines that replace them. */
  newLines: string[];
  oldLines: string[];
}

/** The file's lines; a final line ending does not start another line. */
function lines(text: string): string[] {
  const parts = text.split('\n');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Null when the texts are equal. */
export function changedRegion(oldText: string, newText: string): ChangedRegion | null {
  if (oldText === newText) return null;
  const a = lines(oldText);
  const b = lines(newText);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return {
    oldStart: prefix + 1,
    oldEnd: a.length - suffix,
    oldLines: a.slice(prefix, a.length - suffix),
    newLines: b.slice(prefix, b.length - suffix),
  };
}

/** A unified diff of one file with a single hunk around the changed region (3 lines of context). */
export function unifiedDiff(path: string, oldText: string, newText: string, context = 3): string {
  const region = changedRegion(oldText, newText);
  if (region === null) return '';
  const a = lines(oldText);
  const startIdx = Math.max(0, region.oldStart - 1 - context);
  const endIdx = Math.min(a.length, region.oldEnd + context);
  const before = a.slice(startIdx, region.oldStart - 1);
  const after = a.slice(region.oldEnd, endIdx);
  // CR stays on its line (a CRLF file's diff must carry it to apply).
  const body = [
    ...before.map((l) => ` ${l}`),
    ...region.oldLines.map((l) => `-${l}`),
    ...region.newLines.map((l) => `+${l}`),
    ...after.map((l) => ` ${l}`),
  ];
  const oldCount = before.length + region.oldLines.length + after.length;
  const newCount = before.length + region.newLines.length + after.length;
  const header = `@@ -${oldCount === 0 ? startIdx : startIdx + 1},${oldCount} +${newCount === 0 ? startIdx : startIdx + 1},${newCount} @@`;
  return [`--- a/${path}`, `+++ b/${path}`, header, ...body].join('\n');
}
