/**
 * Matching repository paths against the `files` globs, the one matcher the
 * CLI, the Action and the App share: picomatch's syntax (`*`, `**`, `?`,
 * `[am]*`, `{ai,ml}`), and a glob led by `!` excludes what it matches
 * (`lists/**\/*.md`, `!lists/draft.md`), whatever its place in the list.
 * As in git and most glob tools, `*` and `**` do not enter dot folders
 * (`.github/`) unless the glob names them. Paths use `/` and have no leading `./`.
 */
import picomatch from 'picomatch';

export interface FileGlobs {
  /** The globs that name files to take, trimmed, without a leading `./`. */
  include: string[];
  /** The `!` globs, without their `!`. */
  exclude: string[];
}

/** Split the config's globs into what they take and what they leave out. */
export function splitFileGlobs(globs: readonly string[]): FileGlobs {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of globs) {
    const glob = raw.trim();
    if (glob.startsWith('!')) exclude.push(clean(glob.slice(1)));
    else include.push(clean(glob));
  }
  return { include, exclude };
}

function clean(glob: string): string {
  return glob.trim().replace(/^\.\//, '');
}

type Matcher = (path: string) => boolean;

const OPTIONS = { dot: false, strictSlashes: true } as const;
const cache = new Map<string, Matcher>();

/** One compiled matcher per glob, reused across calls (the Action matches every path of a tree). */
export function fileGlobMatcher(glob: string): Matcher {
  let matcher = cache.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, OPTIONS);
    cache.set(glob, matcher);
  }
  return matcher;
}

/** True when some include glob matches the path and no `!` glob does. */
export function matchesFileGlobs(path: string, globs: readonly string[]): boolean {
  const { include, exclude } = splitFileGlobs(globs);
  const clean = path.replace(/^\.\//, '');
  return include.some((glob) => fileGlobMatcher(glob)(clean)) && !exclude.some((glob) => fileGlobMatcher(glob)(clean));
}

/** Where a glob's literal part ends: the folder to walk for it, and whether it is a plain path. */
export function globBase(glob: string): { base: string; literal: boolean; anyDepth: boolean } {
  const scan = picomatch.scan(glob);
  if (!scan.isGlob) return { base: glob, literal: true, anyDepth: false };
  // A brace can hold a `/` (`{a,b/c}/*.md`), so its depth is not the glob's segment count.
  const anyDepth = glob.includes('**') || scan.isBrace || scan.isExtglob;
  return { base: scan.base, literal: false, anyDepth };
}
