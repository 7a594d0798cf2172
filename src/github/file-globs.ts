/**
 * Matching repository paths against the `files` globs (`README.md`,
 * `docs/*.md`, `lists/**\/*.md`). Paths use `/` and have no leading `./`.
 */

const cache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  const pattern = glob.trim().replace(/^\.\//, '');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches the rest.
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`);
  cache.set(glob, re);
  return re;
}

export function matchesFileGlobs(path: string, globs: readonly string[]): boolean {
  const clean = path.replace(/^\.\//, '');
  return globs.some((glob) => globToRegExp(glob).test(clean));
}
