/**
 * Reading list files from GitHub as data: never a checkout. The contents API
 * serves files up to 1 MB inline; larger ones (up to 100 MB) come back with
 * `encoding: "none"` and are read through the blob API by their SHA. With
 * `maxBytes`, the `size` the API gives is checked first: a file over the
 * limit is refused before its blob (up to 100 MB as base64) is fetched.
 */
import { tooLargeMessage } from '../../core/decode.js';
import type { GitHubClient } from '../context.js';
import { describeError, httpStatus } from '../git/http-error.js';
import { matchesFileGlobs } from './file-globs.js';

export interface FileLocation {
  owner: string;
  repo: string;
  path: string;
  /** Commit SHA, branch or tag. */
  ref: string;
}

export interface ReadFileOptions {
  /** Refuse files larger than this, by the size the API reports, before fetching their contents. */
  maxBytes?: number;
}

export type ReadFileResult =
  | { ok: true; path: string; bytes: Uint8Array; blobSha: string }
  | { ok: false; path: string; missing: boolean; error: string };

export async function readRepoFile(client: GitHubClient, at: FileLocation, options: ReadFileOptions = {}): Promise<ReadFileResult> {
  const { owner, repo, path, ref } = at;
  let data: Awaited<ReturnType<GitHubClient['rest']['repos']['getContent']>>['data'];
  try {
    ({ data } = await client.rest.repos.getContent({ owner, repo, path, ref }));
  } catch (error) {
    const missing = httpStatus(error) === 404;
    return { ok: false, path, missing, error: missing ? `${path}: not found at ${ref}` : `${path}: ${describeError(error)}` };
  }
  if (Array.isArray(data) || data.type !== 'file') {
    return { ok: false, path, missing: false, error: `${path}: not a file at ${ref}` };
  }
  if (options.maxBytes !== undefined && data.size > options.maxBytes) {
    return { ok: false, path, missing: false, error: tooLargeMessage(path, data.size, options.maxBytes) };
  }
  if (data.encoding === 'base64' && (data.content !== '' || data.size === 0)) {
    return { ok: true, path, bytes: Buffer.from(data.content, 'base64'), blobSha: data.sha };
  }
  return readBlob(client, owner, repo, path, data.sha);
}

export async function readBlob(
  client: GitHubClient,
  owner: string,
  repo: string,
  path: string,
  sha: string,
): Promise<ReadFileResult> {
  try {
    const { data } = await client.rest.git.getBlob({ owner, repo, file_sha: sha });
    const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    return { ok: true, path, bytes, blobSha: sha };
  } catch (error) {
    return { ok: false, path, missing: false, error: `${path}: ${describeError(error)}` };
  }
}

/** Paths of the blobs at `ref` that match the globs (one recursive tree request). */
export async function listMatchingFiles(
  client: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
  globs: readonly string[],
): Promise<string[]> {
  const { data } = await client.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: 'true' });
  return data.tree
    .filter((entry) => entry.type === 'blob' && typeof entry.path === 'string' && matchesFileGlobs(entry.path, globs))
    .map((entry) => entry.path as string)
    .sort();
}
