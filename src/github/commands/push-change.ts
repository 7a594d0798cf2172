/**
 * One commit onto someone's branch, only as a fast-forward of the commit the
 * change was computed on (`/sort`, `/fix`, `/add` on a pull request): when
 * anyone pushed since, nothing is written and the caller says so.
 */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { branchHead, fastForwardBranch } from '../git/branch.js';
import { createCommit, type FileChange } from '../git/git-commit.js';
import { describeError, isPermissionError } from '../git/http-error.js';

export type PushResult = { status: 'committed'; sha: string } | { status: 'moved' } | { status: 'forbidden'; detail: string };

export async function pushChange(
  client: GitHubClient,
  input: { owner: string; repo: string; branch: string; headSha: string; files: FileChange[]; message: string },
): Promise<PushResult> {
  const at = { owner: input.owner, repo: input.repo, branch: input.branch };
  try {
    const current = await branchHead(client, at);
    if (current === null) return { status: 'forbidden', detail: `the branch ${input.branch} cannot be read` };
    // Someone pushed since the change was computed: never overwrite their work.
    if (current !== input.headSha) return { status: 'moved' };
    const commit = await createCommit(client, { owner: input.owner, repo: input.repo, parentSha: input.headSha, files: input.files, message: input.message });
    if (!commit.changed) return { status: 'forbidden', detail: 'the commit would change nothing' };
    const ff = await fastForwardBranch(client, at, commit.commitSha);
    if (ff.ok) return { status: 'committed', sha: commit.commitSha };
    return ff.reason === 'moved' ? { status: 'moved' } : { status: 'forbidden', detail: ff.detail };
  } catch (error) {
    if (isPermissionError(error)) return { status: 'forbidden', detail: describeError(error) };
    throw error;
  }
}

/** An open pull request's head: where `/sort`, `/fix` and `/add` compute their change and may push it. */
export interface PullHead {
  sha: string;
  baseSha: string;
  branch: string;
  /** The branch is in the repository itself, not a fork. */
  sameRepo: boolean;
  maintainerCanModify: boolean;
  /** Null when the fork was deleted. */
  repo: { owner: string; name: string } | null;
}

export async function readPullHead(client: GitHubClient, ctx: WorkflowContext, number: number): Promise<PullHead | { closed: string }> {
  const { data: pull } = await client.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: number });
  if (pull.state !== 'open') return { closed: pull.state };
  const headRepo = pull.head.repo;
  return {
    sha: pull.head.sha,
    baseSha: pull.base.sha,
    branch: pull.head.ref,
    sameRepo: headRepo !== null && headRepo.full_name === pull.base.repo.full_name,
    maintainerCanModify: pull.maintainer_can_modify,
    repo: headRepo === null ? null : { owner: headRepo.owner.login, name: headRepo.name },
  };
}

/** Where to push, or null when the tool should not try (fork gone, or a fork whose author does not allow edits). */
export function pushTarget(head: PullHead, pushToForks: boolean): { owner: string; repo: string; branch: string } | null {
  if (head.repo === null || !(head.sameRepo || (head.maintainerCanModify && pushToForks))) return null;
  return { owner: head.repo.owner, repo: head.repo.name, branch: head.branch };
}

/** Why nothing was pushed to a fork's branch, for the reply. */
export function notPushedReason(head: PullHead): string {
  if (head.repo === null) return 'the fork of this pull request no longer exists';
  return head.maintainerCanModify ? 'I cannot push to the fork of this pull request' : 'the author has not allowed edits from maintainers on this fork';
}
