/**
 * One commit onto someone's branch, only as a fast-forward of the commit the
 * change was computed on (`/sort`, `/fix`, `/add` on a pull request): when
 * anyone pushed since, nothing is written and the caller says so.
 */
import type { GitHubClient } from '../context.js';
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
