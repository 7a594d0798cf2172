/**
 * One fix-up pull request on a fixed branch of the tool's own
 * (`listkeeper/archive-links`, `listkeeper/upkeep`), created or updated
 * idempotently: the branch is always one commit on top of the base branch,
 * a re-run with the same changes touches nothing, and the PR is closed when
 * nothing is left to change.
 */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { branchHead, resetOwnBranch } from '../git/branch.js';
import { buildTree, commitTree, type FileChange } from '../git/git-commit.js';
import { fitBody } from '../markdown.js';
import { FIXUP_MARKER } from '../markers.js';
import { closePullRequest, findOpenPullRequest, upsertPullRequest } from '../git/pull-request.js';

export const ARCHIVE_BRANCH = 'listkeeper/archive-links';
export const UPKEEP_BRANCH = 'listkeeper/upkeep';

export interface FixupInput {
  branch: string;
  /** The branch the PR targets; its head is the parent of the fix-up commit. */
  base: string;
  baseSha: string;
  title: string;
  /** The PR body (a hidden marker is added). */
  body: string;
  commitMessage: string;
  /** Files whose content differs from the base; empty when nothing is left to change. */
  changes: FileChange[];
}

export interface FixupResult {
  action: 'created' | 'updated' | 'unchanged' | 'closed' | 'none' | 'skipped';
  branch: string;
  pullRequest: { number: number; url: string } | null;
}

export async function upsertFixupPullRequest(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: FixupInput,
): Promise<FixupResult> {
  const { owner, repo } = ctx;
  const at = { owner, repo, branch: input.branch };
  if (ctx.dryRun) {
    ctx.logger.info(`dry run: would update the fix-up pull request on ${input.branch} (${input.changes.length} files)`);
    return { action: 'skipped', branch: input.branch, pullRequest: null };
  }
  const tree = input.changes.length > 0 ? await buildTree(client, ctx, input.baseSha, input.changes) : null;
  if (tree === null || tree.treeSha === tree.baseTreeSha) {
    const open = await findOpenPullRequest(client, owner, repo, input.branch);
    if (!open) return { action: 'none', branch: input.branch, pullRequest: null };
    await closePullRequest(client, owner, repo, open, 'Nothing is left to change on the default branch, so listkeeper closes this pull request.');
    ctx.logger.info(`closed #${open.number}: nothing left to change`);
    return { action: 'closed', branch: input.branch, pullRequest: { number: open.number, url: open.html_url } };
  }
  // Hundreds of archived links make a table longer than GitHub takes (422, and no PR at all).
  const body = fitBody(`${FIXUP_MARKER}\n${input.body}`, "\n\n…(cut to fit GitHub's size limit; the commit has every change)");
  const current = await branchHead(client, at);
  const branchMoved = !(await branchAlreadyHas(client, at, current, tree.treeSha, input.baseSha));
  if (branchMoved) {
    const commitSha = await commitTree(client, ctx, tree.treeSha, input.baseSha, input.commitMessage);
    await resetOwnBranch(client, at, commitSha, current);
  }
  const pr = await upsertPullRequest(client, { owner, repo, branch: input.branch, base: input.base, title: input.title, body });
  const action = pr.action === 'created' ? 'created' : branchMoved || pr.action === 'updated' ? 'updated' : 'unchanged';
  ctx.logger.info(`fix-up pull request #${pr.pullRequest.number} ${action}`);
  return { action, branch: input.branch, pullRequest: { number: pr.pullRequest.number, url: pr.pullRequest.html_url } };
}

/** The branch is already exactly one commit with this tree on top of the base. */
async function branchAlreadyHas(
  client: GitHubClient,
  at: { owner: string; repo: string },
  head: string | null,
  treeSha: string,
  baseSha: string,
): Promise<boolean> {
  if (head === null) return false;
  const { data } = await client.rest.git.getCommit({ owner: at.owner, repo: at.repo, commit_sha: head });
  return data.tree.sha === treeSha && data.parents.length === 1 && data.parents[0].sha === baseSha;
}
