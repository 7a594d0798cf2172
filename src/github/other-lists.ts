/**
 * The configured list files a pull request does not touch: duplicates are
 * found across every list file (as the CLI does), so a new entry repeating a
 * link of another list is reported too. Literal globs (`README.md`) are read
 * directly; wildcards need one recursive tree listing.
 */
import type { GitHubClient, WorkflowContext } from './context.js';
import { listMatchingFiles } from './repo-files.js';

const WILDCARD = /[*?[\]{}]/;

export async function untouchedListFiles(
  client: GitHubClient,
  ctx: WorkflowContext,
  ref: string,
  touched: readonly string[],
): Promise<string[]> {
  const seen = new Set(touched);
  const globs = ctx.files.map((g) => g.trim().replace(/^\.\//, ''));
  const candidates = globs.some((g) => WILDCARD.test(g))
    ? await listMatchingFiles(client, ctx.owner, ctx.repo, ref, globs)
    : globs;
  return [...new Set(candidates)].filter((path) => !seen.has(path));
}
