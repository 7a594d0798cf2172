/**
 * The configured list files a pull request does not touch: duplicates are
 * found across every list file (as the CLI does), so a new entry repeating a
 * link of another list is reported too. Literal globs (`README.md`) are read
 * directly; wildcards need one recursive tree listing.
 */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { globBase, splitFileGlobs } from '../repo/file-globs.js';
import { listMatchingFiles } from '../repo/repo-files.js';

export async function untouchedListFiles(
  client: GitHubClient,
  ctx: WorkflowContext,
  ref: string,
  touched: readonly string[],
): Promise<string[]> {
  const seen = new Set(touched);
  const { include, exclude } = splitFileGlobs(ctx.files);
  // Literal paths only, nothing excluded: read them as they are; else the tree decides (a `!` glob may exclude a literal).
  const candidates = include.some((glob) => !globBase(glob).literal) || exclude.length > 0
    ? await listMatchingFiles(client, ctx.owner, ctx.repo, ref, ctx.files)
    : include;
  return [...new Set(candidates)].filter((path) => !seen.has(path));
}
