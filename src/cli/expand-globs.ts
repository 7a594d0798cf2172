/**
 * The files under a root that the config's `files` globs match (`README.md`,
 * `docs/*.md`, `lists/**\/*.md`), with the Action's own matcher, so the CLI
 * lints what the Action would (`!` globs exclude). Only the directory a glob
 * names before its first wildcard is walked, by the walk a directory named on
 * the command line gets (walk-files.ts: no node_modules, .git or other hidden
 * folder below it unless the glob names one, no symlinked folder).
 */
import { join } from 'node:path';
import { fileGlobMatcher, globBase, splitFileGlobs } from '../github/repo/file-globs.js';
import { filesBelow, isFile } from './walk-files.js';

export interface ExpandedGlobs {
  /** Root-relative `/` paths, sorted, once each, none excluded by a `!` glob. */
  files: string[];
  /** Include globs that match no file at all (before exclusions): a typo or a moved file. */
  unmatched: string[];
}

/** The files the globs take under the root, and the include globs that match nothing. */
export async function expandFileGlobs(globs: readonly string[], root: string): Promise<ExpandedGlobs> {
  const { include, exclude } = splitFileGlobs(globs);
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const glob of include) {
    const matches = await filesMatching(glob, root);
    if (matches.length === 0) unmatched.push(glob);
    for (const path of matches) found.add(path);
  }
  const files = [...found].filter((path) => !exclude.some((glob) => fileGlobMatcher(glob)(path)));
  return { files: files.sort(), unmatched };
}

async function filesMatching(glob: string, root: string): Promise<string[]> {
  const segments = glob.split('/');
  // The Action matches repository paths (`docs/a.md`), which never start with `/` or hold `.` or `..`:
  // such a glob matches nothing there, and here it must not reach outside the root either.
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return [];
  const { base, literal, anyDepth } = globBase(glob);
  if (literal) return (await isFile(join(root, glob))) ? [glob] : [];
  // Without `**` or braces the match is exactly as deep as the glob below its base.
  const depth = anyDepth ? Infinity : segments.length - (base === '' ? 0 : base.split('/').length);
  // The matcher (picomatch, `dot: false`) takes a dot folder a glob names anywhere, in a brace or
  // pattern too (`{.lists,docs}/*.md`, `.l*/*.md`); the walk must enter such folders for it to see them.
  const files = await filesBelow(root, base, depth, NAMES_DOT_SEGMENT.test(glob));
  const matches = fileGlobMatcher(glob);
  return files.filter((path) => matches(path));
}

/** A `.` leading a path segment or an alternative of a brace or extglob: the glob may match inside a dot folder. */
const NAMES_DOT_SEGMENT = /(^|[/{,(|])\./;
