/**
 * Line diffs in the format GitHub puts in a pull request file's `patch`: hunks only
 * (`@@ -a,b +c,d @@`), three lines of context, `\ No newline at end of file` markers.
 */

type Op = { kind: ' ' | '-' | '+'; text: string; oldNo: number; newNo: number; noEol: boolean };

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

function splitLines(text: string): { lines: string[]; endsWithEol: boolean } {
  if (text === '') return { lines: [], endsWithEol: true };
  const endsWithEol = text.endsWith('\n');
  const lines = (endsWithEol ? text.slice(0, -1) : text).split('\n');
  return { lines, endsWithEol };
}

/** Myers' O(ND) shortest edit script over `a` and `b`, as a list of keep/delete/insert steps. */
function myers(a: string[], b: string[]): Array<' ' | '-' | '+'> {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const steps: Array<' ' | '-' | '+'> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push(' ');
      x--;
      y--;
    }
    if (d > 0) steps.push(x === prevX ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  return steps.reverse();
}

function diffOps(oldText: string, newText: string): Op[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // The last line differs when only its line ending changed.
  const aLines = a.lines.map((l, i) => (i === a.lines.length - 1 && !a.endsWithEol ? l + '\0noeol' : l));
  const bLines = b.lines.map((l, i) => (i === b.lines.length - 1 && !b.endsWithEol ? l + '\0noeol' : l));
  let prefix = 0;
  while (prefix < aLines.length && prefix < bLines.length && aLines[prefix] === bLines[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < aLines.length - prefix &&
    suffix < bLines.length - prefix &&
    aLines[aLines.length - 1 - suffix] === bLines[bLines.length - 1 - suffix]
  )
    suffix++;
  const middle = myers(aLines.slice(prefix, aLines.length - suffix), bLines.slice(prefix, bLines.length - suffix));
  const steps: Array<' ' | '-' | '+'> = [...Array<' '>(prefix).fill(' '), ...middle, ...Array<' '>(suffix).fill(' ')];
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (const kind of steps) {
    const raw = kind === '+' ? bLines[j]! : aLines[i]!;
    const noEol = raw.endsWith('\0noeol');
    ops.push({ kind, text: noEol ? raw.slice(0, -'\0noeol'.length) : raw, oldNo: i + 1, newNo: j + 1, noEol });
    if (kind !== '+') i++;
    if (kind !== '-') j++;
  }
  return ops;
}

/** The hunks of the change from `oldText` to `newText`, with `context` lines around each change. */
export function diffHunks(oldText: string, newText: string, context = 3): Hunk[] {
  const ops = diffOps(oldText, newText);
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: Hunk[] = [];
  let g = 0;
  while (g < changed.length) {
    const start = Math.max(0, changed[g]! - context);
    let end = Math.min(ops.length - 1, changed[g]! + context);
    while (g + 1 < changed.length && changed[g + 1]! - context <= end + 1) {
      g++;
      end = Math.min(ops.length - 1, changed[g]! + context);
    }
    g++;
    const slice = ops.slice(start, end + 1);
    const first = slice[0]!;
    const oldLines = slice.filter((op) => op.kind !== '+').length;
    const newLines = slice.filter((op) => op.kind !== '-').length;
    const lines: string[] = [];
    for (const op of slice) {
      lines.push(op.kind + op.text);
      if (op.noEol) lines.push('\\ No newline at end of file');
    }
    hunks.push({
      oldStart: oldLines === 0 ? first.oldNo - 1 : first.oldNo,
      oldLines,
      newStart: newLines === 0 ? first.newNo - 1 : first.newNo,
      newLines,
      lines,
    });
  }
  return hunks;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

export function hunkHeader(h: Hunk): string {
  return `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`;
}

/** The `patch` GitHub shows for a file: hunks only, no `diff --git` header. */
export function unifiedPatch(oldText: string, newText: string): string {
  return diffHunks(oldText, newText)
    .map((h) => [hunkHeader(h), ...h.lines].join('\n'))
    .join('\n');
}

export function countChanges(oldText: string, newText: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const h of diffHunks(oldText, newText, 0)) {
    for (const line of h.lines) {
      if (line.startsWith('+')) additions++;
      else if (line.startsWith('-')) deletions++;
    }
  }
  return { additions, deletions };
}

/** True when `line` (1-based) of the given side lies inside one of the patch's hunks, as GitHub requires for review comments. */
export function lineInDiff(oldText: string, newText: string, line: number, side: 'LEFT' | 'RIGHT'): boolean {
  return diffHunks(oldText, newText).some((h) =>
    side === 'RIGHT' ? line >= h.newStart && line < h.newStart + h.newLines : line >= h.oldStart && line < h.oldStart + h.oldLines,
  );
}

/** The hunk text up to and including `line`, as GitHub's `diff_hunk` on a review comment. */
export function diffHunkUpTo(oldText: string, newText: string, line: number, side: 'LEFT' | 'RIGHT'): string {
  for (const h of diffHunks(oldText, newText)) {
    const inHunk = side === 'RIGHT' ? line >= h.newStart && line < h.newStart + h.newLines : line >= h.oldStart && line < h.oldStart + h.oldLines;
    if (!inHunk) continue;
    let oldNo = h.oldStart;
    let newNo = h.newStart;
    const out = [hunkHeader(h)];
    for (const text of h.lines) {
      out.push(text);
      if (text.startsWith('\\')) continue;
      const at = side === 'RIGHT' ? newNo : oldNo;
      const counts = side === 'RIGHT' ? !text.startsWith('-') : !text.startsWith('+');
      if (counts && at === line) break;
      if (!text.startsWith('+')) oldNo++;
      if (!text.startsWith('-')) newNo++;
    }
    return out.join('\n');
  }
  return '';
}
