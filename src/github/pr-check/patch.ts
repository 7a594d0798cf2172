/**
 * Reading the `patch` field of GitHub's PR files API: a unified diff without
 * the `---`/`+++` header, one or more `@@ -a,b +c,d @@` hunks.
 */

export interface PatchLines {
  /** 1-based lines of the new file that the patch adds. */
  added: Set<number>;
  /** Line ranges of the new file covered by the hunks (where review comments may go). */
  hunks: Array<{ start: number; end: number }>;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(patch: string): PatchLines {
  const added = new Set<number>();
  const hunks: Array<{ start: number; end: number }> = [];
  let line = 0;
  let inHunk = false;
  for (const raw of patch.split('\n')) {
    const header = HUNK.exec(raw);
    if (header) {
      line = Number(header[1]);
      const count = header[2] === undefined ? 1 : Number(header[2]);
      if (count > 0) hunks.push({ start: line, end: line + count - 1 });
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const mark = raw[0];
    if (mark === '+') {
      added.add(line);
      line++;
    } else if (mark === ' ') {
      line++;
    }
    // `-` lines and "\ No newline at end of file" do not exist in the new file.
  }
  return { added, hunks };
}

/**
 * Lines of `head` not in `base` (by multiset of line texts), for files whose
 * patch GitHub leaves out because the diff is too large. Moved lines count as
 * unchanged, which is what a linter of new content wants.
 */
export function addedLinesByContent(base: string | null, head: string): Set<number> {
  const remaining = new Map<string, number>();
  for (const text of base === null ? [] : splitLines(base)) remaining.set(text, (remaining.get(text) ?? 0) + 1);
  const added = new Set<number>();
  splitLines(head).forEach((text, index) => {
    const left = remaining.get(text) ?? 0;
    if (left > 0) remaining.set(text, left - 1);
    else added.add(index + 1);
  });
  return added;
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
