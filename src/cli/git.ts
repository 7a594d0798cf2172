import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { addedLinesFromDiff, type ChangedLines } from '../core/changed-lines.js';
import { errorText, err, ok, type Result } from './result.js';

/**
 * `git diff REV -- files`, with paths relative to the repository's top level
 * (`root`), whatever the user's diff settings. Arguments go to git directly
 * (no shell); a revision that looks like an option is refused.
 */
export async function gitDiff(base: string, files: string[], cwd: string): Promise<Result<{ diff: string; root: string }>> {
  if (base.startsWith('-') || base.trim() === '') return err(`--base: "${base}" is not a revision`);
  // Outside a repository `git diff` compares paths instead, with a confusing message; say what is wrong.
  const inside = await git(['rev-parse', '--is-inside-work-tree'], cwd);
  if (!inside.ok) return err(`--base needs a git checkout: ${inside.error}`);
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) return err(`--base needs a git checkout: ${top.error}`);
  // Not --relative: it drops files outside the working directory (`../README.md`).
  // Fixed prefixes: diff.noprefix or diff.mnemonicPrefix would change the `b/` the parser strips.
  const args = ['diff', '--no-color', '--no-ext-diff', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/', '--unified=0'];
  const diff = await git([...args, base, '--', ...files], cwd);
  return diff.ok ? ok({ diff: diff.value, root: top.value.trim() }) : err(`--base ${base}: git diff failed: ${diff.error}`);
}

/** The lines added since `base` to each of `files`, keyed by each file's path as given. */
export async function addedLinesSince(base: string, files: string[], cwd: string): Promise<Result<ChangedLines>> {
  const out = await gitDiff(base, files, cwd);
  if (!out.ok) return out;
  const added = addedLinesFromDiff(out.value.diff);
  if (!added.ok) return err(`git diff ${base}: ${added.error}`);
  const byFile = new Map<string, Set<number>>();
  for (const file of files) {
    const absolute = await realpath(resolve(cwd, file)).catch(() => resolve(cwd, file));
    const inRepo = relative(out.value.root, absolute).split(sep).join('/');
    // Every file gets its own entry, so no file borrows another's lines by a path suffix.
    byFile.set(file, added.value.files.get(inRepo) ?? new Set<number>());
  }
  return ok({ files: byFile, any: null });
}

function git(args: string[], cwd: string): Promise<Result<string>> {
  return new Promise((resolvePromise) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(ok(stdout));
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolvePromise(err('git was not found'));
      const reason = stderr.split('\n').find((l) => l.trim() !== '')?.replace(/^(fatal|error):\s*/, '') ?? errorText(error);
      resolvePromise(err(reason));
    });
  });
}
