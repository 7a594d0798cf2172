import { execFile } from 'node:child_process';
import { errorText, err, ok, type Result } from './result.js';

/**
 * `git diff REV -- files`, paths relative to `cwd`. Arguments go to git
 * directly (no shell); a revision that looks like an option is refused.
 */
export async function gitDiff(base: string, files: string[], cwd: string): Promise<Result<string>> {
  if (base.startsWith('-') || base.trim() === '') return err(`--base: "${base}" is not a revision`);
  // Outside a repository `git diff` compares paths instead, with a confusing message; say what is wrong.
  const inside = await git(['rev-parse', '--is-inside-work-tree'], cwd);
  if (!inside.ok) return err(`--base needs a git checkout: ${inside.error}`);
  const diff = await git(['diff', '--no-color', '--no-ext-diff', '--unified=0', '--relative', base, '--', ...files], cwd);
  return diff.ok ? diff : err(`--base ${base}: git diff failed: ${diff.error}`);
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
