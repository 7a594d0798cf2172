/** Reading and moving branches through the refs API. */
import type { GitHubClient } from '../context.js';
import { httpStatus } from './http-error.js';

export interface BranchRef {
  owner: string;
  repo: string;
  branch: string;
}

/** The commit a branch points at, or null when the branch does not exist. */
export async function branchHead(client: GitHubClient, at: BranchRef): Promise<string | null> {
  try {
    const { data } = await client.rest.git.getRef({ owner: at.owner, repo: at.repo, ref: `heads/${at.branch}` });
    return data.object.sha;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

export type FastForwardResult = { ok: true } | { ok: false; reason: 'moved' | 'forbidden'; detail: string };

/**
 * Move a branch to `sha` only as a fast-forward (never a force-push): GitHub
 * refuses with 422 when the branch moved past the commit ours is based on.
 */
export async function fastForwardBranch(client: GitHubClient, at: BranchRef, sha: string): Promise<FastForwardResult> {
  try {
    await client.rest.git.updateRef({ owner: at.owner, repo: at.repo, ref: `heads/${at.branch}`, sha, force: false });
    return { ok: true };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 422) return { ok: false, reason: 'moved', detail: 'the branch moved (not a fast-forward)' };
    if (status === 403 || status === 404) return { ok: false, reason: 'forbidden', detail: `HTTP ${status}` };
    throw error;
  }
}

/**
 * Point the tool's own branch (e.g. `listkeeper/upkeep`) at `sha`, creating it
 * when missing. Only for branches the tool owns: it resets them to a fresh
 * commit on the base, as create-pull-request does.
 */
export async function resetOwnBranch(
  client: GitHubClient,
  at: BranchRef,
  sha: string,
  /** Where the branch points now (null: it does not exist), from `branchHead`. */
  current: string | null,
): Promise<'created' | 'updated'> {
  if (current === null) {
    await client.rest.git.createRef({ owner: at.owner, repo: at.repo, ref: `refs/heads/${at.branch}`, sha });
    return 'created';
  }
  await client.rest.git.updateRef({ owner: at.owner, repo: at.repo, ref: `heads/${at.branch}`, sha, force: true });
  return 'updated';
}
