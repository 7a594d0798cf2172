/**
 * One commit through the Git Data API (blobs → tree → commit), without a
 * checkout. Moving a branch to it is branch.ts's job.
 */
import type { GitHubClient } from '../context.js';

export interface FileChange {
  path: string;
  /** The file's new bytes (BOM and line endings as they should be written). */
  content: Uint8Array;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface TreeResult {
  /** The parent commit's tree. */
  baseTreeSha: string;
  /** The tree with the files replaced; equal to `baseTreeSha` when nothing changed. */
  treeSha: string;
}

/** Upload the files as blobs and build the tree of `parentSha` with them replaced. */
export async function buildTree(client: GitHubClient, at: RepoRef, parentSha: string, files: FileChange[]): Promise<TreeResult> {
  const { owner, repo } = at;
  const parent = await client.rest.git.getCommit({ owner, repo, commit_sha: parentSha });
  const baseTreeSha = parent.data.tree.sha;
  const entries = [];
  for (const file of files) {
    const blob = await client.rest.git.createBlob({
      owner,
      repo,
      content: Buffer.from(file.content).toString('base64'),
      encoding: 'base64',
    });
    entries.push({ path: file.path, mode: '100644' as const, type: 'blob' as const, sha: blob.data.sha });
  }
  const tree = await client.rest.git.createTree({ owner, repo, base_tree: baseTreeSha, tree: entries });
  return { baseTreeSha, treeSha: tree.data.sha };
}

export type CommitResult =
  /** The files already have this content at the parent (trees are content-addressed): no commit. */
  | { changed: false; treeSha: string }
  | { changed: true; treeSha: string; commitSha: string };

export async function createCommit(
  client: GitHubClient,
  input: RepoRef & { parentSha: string; message: string; files: FileChange[] },
): Promise<CommitResult> {
  const tree = await buildTree(client, input, input.parentSha, input.files);
  if (tree.treeSha === tree.baseTreeSha) return { changed: false, treeSha: tree.treeSha };
  const commitSha = await commitTree(client, input, tree.treeSha, input.parentSha, input.message);
  return { changed: true, treeSha: tree.treeSha, commitSha };
}

export async function commitTree(
  client: GitHubClient,
  at: RepoRef,
  treeSha: string,
  parentSha: string,
  message: string,
): Promise<string> {
  const { data } = await client.rest.git.createCommit({
    owner: at.owner,
    repo: at.repo,
    message,
    tree: treeSha,
    parents: [parentSha],
  });
  return data.sha;
}
