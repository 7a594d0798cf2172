/**
 * The list files a command works on: those named on the command line (a
 * directory standing for the Markdown files below it), else
 * those the config file's `files` globs (default README.md) match under the
 * repository root, as the Action expands them.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../core/config/config-path.js';
import type { CliConfig } from './config-file.js';
import { staysInside } from './confine.js';
import { realPath } from './files.js';
import { filesBelow } from './walk-files.js';
import { gitTopLevel } from './git.js';
import type { CliIo } from './io.js';
import { fail, usageError } from './output.js';
import { err, ok, type Result } from './result.js';

/** The paths to read (relative to the working directory), or the exit code after saying why there are none. */
export async function listFilesOrExit(
  command: string,
  named: string[],
  config: CliConfig,
  io: CliIo,
): Promise<string[] | number> {
  if (named.length > 0) {
    const expanded = await expandNamedPaths(named, io.cwd);
    return expanded.ok ? expanded.value : fail(io, expanded.error);
  }
  const configPath = config.path;
  if (configPath === null) {
    return usageError(io, `${command}: name at least one list file, or list them under \`files\` in ${DEFAULT_CONFIG_PATH} or --config F`, command);
  }
  // Real paths both, so a symlinked working directory still shows short relative paths.
  const cwd = await realPath(io.cwd);
  const root = await repositoryRoot(configPath, cwd);
  // A config without `files` holds the default, README.md, as in the Action.
  // Loaded here: only a run that names no file matches globs (picomatch), so `lint README.md` need not load it.
  const { expandFileGlobs } = await import('./expand-globs.js');
  const { files, unmatched } = await expandFileGlobs(config.config.files, root);
  if (unmatched.length > 0) return fail(io, unmatched.map((glob) => `${configPath}: files: "${glob}" matches no file under ${root}`).join('\n'));
  if (files.length === 0) {
    const globs = config.config.files.map((glob) => `"${glob}"`).join(', ');
    return fail(io, `${configPath}: files: ${globs} leave no file to check under ${root} (the \`!\` globs exclude every match, or there is no glob without \`!\`)`);
  }
  const paths = files.map((path) => relative(cwd, resolve(root, path)));
  // A symlink in the repository to a file outside it (`README.md -> /home/me/.bashrc`) is not
  // one of its lists: reading it leaks the file into reports, and --fix/--write would rewrite it.
  const outside: string[] = [];
  for (const path of paths) if (!(await staysInside(root, resolve(cwd, path)))) outside.push(path);
  if (outside.length > 0) {
    return fail(io, outside.map((path) => `${path}: a symlink to a file outside the repository (${root}); listkeeper does not follow it`).join('\n'));
  }
  return paths;
}

/**
 * Where the config's globs start, as the Action reads them from the root of
 * the repository: the folder above the config's `.github/`, else the git top
 * level, else the working directory.
 */
export async function repositoryRoot(configPath: string, cwd: string): Promise<string> {
  const folder = dirname(resolve(cwd, configPath));
  if (basename(folder) === '.github') return dirname(folder);
  return (await gitTopLevel(cwd)) ?? cwd;
}

/**
 * The files named on the command line, with each directory replaced by the
 * Markdown files below it (`.md`, `.markdown`), sorted, at any depth, as a
 * pre-commit hook or `lint docs/` expects, walked as the config's globs are
 * (walk-files.ts: no hidden folder, `node_modules` or symlinked folder); a
 * symlinked file leading out of the directory is refused, as one leading out
 * of the repository is. A file named as a file is kept as it is, whatever its
 * extension.
 */
export async function expandNamedPaths(named: string[], cwd: string): Promise<Result<string[]>> {
  const out: string[] = [];
  const problems: string[] = [];
  for (const path of named) {
    const absolute = resolve(cwd, path);
    if (!(await isDirectory(absolute))) {
      out.push(path);
      continue;
    }
    const found = (await filesBelow(absolute)).filter((file) => MARKDOWN.test(file)).sort();
    if (found.length === 0) problems.push(`${path}: a directory without Markdown files (.md, .markdown)`);
    for (const relativePath of found) {
      const shown = join(path, relativePath);
      if (await staysInside(absolute, resolve(absolute, relativePath))) out.push(shown);
      else problems.push(`${shown}: a symlink to a file outside ${path}; listkeeper does not follow it`);
    }
  }
  return problems.length > 0 ? err(problems.join('\n')) : ok(out);
}

const MARKDOWN = /\.(md|markdown)$/i;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
