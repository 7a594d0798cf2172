import { execFile } from 'node:child_process';
import { addedLinesFromDiff, type ChangedLines } from '../core/changed-lines.js';
import { linesByLintedFile } from './diff-files.js';
import { errorText, err, ok, type Result } from './result.js';

/**
 * `git diff REV -- files`, with paths relative to the repository's top level
 * (`root`), whatever the user's diff settings. Arguments go to git directly
 * (no shell); a revision that looks like an option is refused.
 */
async function gitDiff(base: string, files: string[], cwd: string): Promise<Result<{ diff: string; root: string }>> {
  if (base.startsWith('-') || base.trim() === '') return err(`--base: "${base}" is not a revision`);
  // Outside a repository `git diff` compares paths instead, with a confusing message; asking for
  // the top level first fails there with git's own "not a git repository".
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
  // --no-relative: every path reads from the top level, so none is read only from here.
  return ok((await linesByLintedFile(added.value, files, cwd, out.value.root)).lines);
}

/** The top level of the git checkout holding `cwd`; null outside one, or without git. */
export async function gitTopLevel(cwd: string): Promise<string | null> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  return top.ok && top.value.trim() !== '' ? top.value.trim() : null;
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
