import { execFile } from 'node:child_process';
import { errorText, err, ok, type Result } from './result.js';

/**
 * `git diff REV -- files`, paths relative to `cwd`. Arguments go to git
 * directly (no shell); a revision that looks like an option is refused.
 */
export function gitDiff(base: string, files: string[], cwd: string): Promise<Result<string>> {
  if (base.startsWith('-') || base.trim() === '') return Promise.resolve(err(`--base: "${base}" is not a revision`));
  const args = ['diff', '--no-color', '--no-ext-diff', '--unified=0', '--relative', base, '--', ...files];
  return new Promise((resolvePromise) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(ok(stdout));
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolvePromise(err('--base needs git, which was not found'));
      const reason = stderr.split('\n').find((l) => l.trim() !== '')?.replace(/^fatal:\s*/, '') ?? errorText(error);
      resolvePromise(err(`--base ${base}: git diff failed: ${reason}`));
    });
  });
}
