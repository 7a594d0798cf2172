/**
 * Keeping what a repository's config names inside that repository: a config
 * is written by whoever can push to it, and the Action runs it on a runner
 * with the workspace's neighbours (and the CLI on a maintainer's disk).
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/** True when `path` is `root` or below it (both absolute, symlinks resolved by the caller). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}

/**
 * Where `path` really is, through symlinks: its real path when it exists,
 * else its nearest existing folder's real path with the rest appended.
 */
export async function realLocation(path: string): Promise<string> {
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(await realpath(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return path;
      missing.push(basename(at));
    }
  }
}

/** Whether `path` (absolute) stays inside `root` once symlinks along it are followed. */
export async function staysInside(root: string, path: string): Promise<boolean> {
  return isInside(await realLocation(root), await realLocation(path));
}
