/**
 * Which lines changed: from a `12-20,44` spec or from a unified diff (a full
 * `git diff`, or the bare `patch` of one file from the GitHub API, which has
 * only `@@` hunks). Lint messages are then kept only on those lines; rules
 * still see the whole file, so a new entry that repeats an old one is
 * reported on the new line.
 */
import { posix } from 'node:path';
import type { Finding } from './types.js';

export type LineSet = ReadonlySet<number>;

/** Lines added per file; `any` holds lines that apply to every file (a line spec, or a bare patch). */
export interface ChangedLines {
  files: Map<string, Set<number>>;
  any: Set<number> | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `12-20,44` → {12..20, 44}. */
export function parseLineSpec(spec: string): Parsed<Set<number>> {
  const lines = new Set<number>();
  const parts = spec.split(',').map((p) => p.trim());
  for (const part of parts) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) return { ok: false, error: `invalid line range "${part}" in "${spec}" (expected e.g. 12-20,44)` };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to < from) return { ok: false, error: `invalid line range "${part}" in "${spec}" (lines start at 1, ranges go up)` };
    if (to - from > 10_000_000) return { ok: false, error: `line range "${part}" is too large` };
    for (let line = from; line <= to; line++) lines.add(line);
  }
  return { ok: true, value: lines };
}

/** The new-side line numbers of added lines, per file. */
export function addedLinesFromDiff(diff: string): Parsed<ChangedLines> {
  const files = new Map<string, Set<number>>();
  let bare: Set<number> | null = null;
  let current: Set<number> | null = null;
  let sawHeader = false;
  // The current file block's headers, to tell the path from the diff's prefixes.
  let gitLine: string | null = null;
  let renamedTo: string | null = null;
  let oldRaw: string | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  const lines = diff.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (oldLeft > 0 || newLeft > 0) {
      // Inside a hunk: every line is content until the counts run out.
      const tag = line[0];
      if (tag === '+') {
        current?.add(newLine);
        newLine++;
        newLeft--;
      } else if (tag === '-') {
        oldLeft--;
      } else if (tag === ' ' || line === '') {
        newLine++;
        newLeft--;
        oldLeft--;
      } else if (tag !== '\\') {
        return { ok: false, error: `diff line ${i + 1}: unexpected line inside a hunk` };
      }
      continue;
    }
    if (line.startsWith('diff --git ')) {
      gitLine = line.slice('diff --git '.length);
      renamedTo = null;
      oldRaw = null;
      continue;
    }
    // git writes rename and copy targets without its a/ b/ prefixes.
    const target = /^(?:rename|copy) to (.+)$/.exec(line);
    if (target && gitLine !== null) {
      renamedTo = headerPath(target[1]);
      continue;
    }
    if (line.startsWith('--- ')) {
      oldRaw = rawHeaderPath(line.slice(4));
      continue;
    }
    if (line.startsWith('+++ ')) {
      sawHeader = true;
      const path = newSidePath(rawHeaderPath(line.slice(4)), oldRaw, gitLine, renamedTo);
      if (path === null) current = null;
      else {
        current = files.get(path) ?? new Set<number>();
        files.set(path, current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      if (!sawHeader && current === null) {
        bare = new Set<number>();
        current = bare;
      }
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLine = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    }
  }
  if (files.size === 0 && bare === null && diff.trim() !== '' && !/^diff |^--- |^\+\+\+ |^@@ /m.test(diff)) {
    return { ok: false, error: 'not a unified diff (no file headers or @@ hunks)' };
  }
  return { ok: true, value: { files, any: bare } };
}

/** A `--- `/`+++ ` header's path as written (quoted or not), without a timestamp. */
function rawHeaderPath(header: string): string {
  return header.split('\t')[0].trim();
}

/** A header path unquoted; null for `/dev/null`. */
function headerPath(raw: string): string | null {
  const path = raw.startsWith('"') && raw.endsWith('"') ? unquoteC(raw.slice(1, -1)) : raw;
  return path === '/dev/null' ? null : path;
}

/**
 * The path of the file a `+++ ` header names, without the diff's prefixes:
 * git's `a/` `b/`, its mnemonic `i/` `w/` `c/` `o/`, `--src-prefix`/`--dst-prefix`,
 * or none (`--no-prefix`). The old side shows them: when both sides name the
 * same path under a different first directory, that directory is a prefix.
 * For a new file the old side is `/dev/null`, so it is read from the
 * `diff --git OLD NEW` line. Null for a deleted file.
 */
function newSidePath(newRaw: string, oldRaw: string | null, gitLine: string | null, renamedTo: string | null): string | null {
  const next = headerPath(newRaw);
  if (next === null) return null;
  if (renamedTo !== null) return renamedTo;
  let prev = oldRaw === null ? null : headerPath(oldRaw);
  if (prev === null && gitLine !== null && gitLine.endsWith(` ${newRaw}`)) prev = headerPath(gitLine.slice(0, -newRaw.length - 1));
  if (prev === next) return next;
  if (prev !== null) {
    const rest = (path: string): string | null => (path.indexOf('/') > 0 ? path.slice(path.indexOf('/') + 1) : null);
    const same = rest(next);
    if (same !== null && same === rest(prev)) return same;
  }
  return next.replace(/^b\//, '');
}

/** git quotes unusual paths C-style, with octal escapes for UTF-8 bytes. */
function unquoteC(s: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const oct = /^[0-7]{3}/.exec(s.slice(i + 1));
      if (oct) {
        bytes.push(parseInt(oct[0], 8));
        i += 3;
        continue;
      }
      const c = simple[s[i + 1]];
      if (c !== undefined) {
        bytes.push(c);
        i++;
        continue;
      }
    }
    bytes.push(...new TextEncoder().encode(s[i]));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * The changed lines of one file: those of the diff file with the same path
 * (`./`, `a/../` and backslashes aside), plus the lines that apply to every
 * file. Paths are compared as they are: a caller whose diff paths are relative
 * to somewhere else (the repository root) keys `files` by its own paths first,
 * because a path suffix cannot tell `README.md` from `docs/README.md`.
 */
export function changedLinesFor(changed: ChangedLines, path: string): LineSet {
  const wanted = normalizePath(path);
  const out = new Set<number>(changed.any ?? []);
  for (const [file, lines] of changed.files) {
    if (normalizePath(file) === wanted) for (const line of lines) out.add(line);
  }
  return out;
}

function normalizePath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/'));
}

/** Keep the findings that touch a changed line of their file. */
export function filterFindingsToLines(findings: Finding[], linesOf: (path: string) => LineSet): Finding[] {
  const cache = new Map<string, LineSet>();
  return findings.filter((finding) => {
    let lines = cache.get(finding.path);
    if (!lines) {
      lines = linesOf(finding.path);
      cache.set(finding.path, lines);
    }
    // A span ending at column 1 of a line does not touch that line.
    const last = finding.end.line > finding.start.line && finding.end.column === 1 ? finding.end.line - 1 : finding.end.line;
    for (let line = finding.start.line; line <= Math.max(last, finding.start.line); line++) if (lines.has(line)) return true;
    return false;
  });
}
