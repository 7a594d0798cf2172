/**
 * Which of a diff's files each linted file is. A diff names files relative to
 * where it was made (the repository's top level for `git diff` and GitHub's
 * pull-request diffs); a linted file is named relative to the working
 * directory. Both are resolved to one absolute path and compared, so
 * `docs/README.md` in a diff never lends its lines to `README.md`.
 */
import { relative, resolve, sep } from 'node:path';
import type { ChangedLines } from '../core/changed-lines.js';
import { realPath } from './files.js';

export interface LintedFileLines {
  /**
   * The diff's added lines keyed by each file's path as given (every file gets
   * an entry, empty when the diff does not touch it); lines that apply to
   * every file (a bare patch) stay so.
   */
  lines: ChangedLines;
  /**
   * Diff paths that name a linted file only when read from the working
   * directory, not from the diff's root (a diff made in a sub-directory, or by
   * `git diff --relative`): their lines count for no file, which would look
   * like a clean file, so the caller says so.
   */
  readOnlyFromHere: Array<{ diffPath: string; file: string }>;
}

/** Each linted file's real path is looked up once, for both answers. */
export async function linesByLintedFile(changed: ChangedLines, files: string[], cwd: string, diffRoot: string): Promise<LintedFileLines> {
  // git's top level is a real path: compare real paths throughout.
  const root = await realPath(diffRoot);
  const linted = new Map<string, string>();
  const byFile = new Map<string, Set<number>>();
  for (const file of files) {
    const real = await realPath(resolve(cwd, file));
    linted.set(real, file);
    byFile.set(file, changed.files.get(relative(root, real).split(sep).join('/')) ?? new Set<number>());
  }
  return { lines: { files: byFile, any: changed.any }, readOnlyFromHere: await pathsReadOnlyFromHere(changed, linted, root, cwd) };
}

/** `linted`: each linted file's real path → its path as given; `root` is real already. */
async function pathsReadOnlyFromHere(changed: ChangedLines, linted: Map<string, string>, root: string, cwd: string): Promise<LintedFileLines['readOnlyFromHere']> {
  const here = await realPath(cwd);
  if (root === here) return [];
  const out: LintedFileLines['readOnlyFromHere'] = [];
  for (const diffPath of changed.files.keys()) {
    if (linted.has(await realPath(resolve(root, diffPath)))) continue;
    const file = linted.get(await realPath(resolve(here, diffPath)));
    if (file !== undefined) out.push({ diffPath, file });
  }
  return out;
}
