/**
 * Loading the configured list files of a commit as list documents, through
 * the API (as data). Files that cannot be read or decoded become problems
 * with the file name, not exceptions.
 */
import { parseList } from '../core/parse.js';
import type { ListDocument } from '../core/types.js';
import { branchHead } from './branch.js';
import type { GitHubClient, WorkflowContext } from './context.js';
import { listMatchingFiles, readRepoFile } from './repo-files.js';
import { decodeListFile } from '../core/decode.js';

export interface LoadedList {
  doc: ListDocument;
  /** The blob the text came from. */
  blobSha: string;
}

export interface LoadListsResult {
  lists: LoadedList[];
  /** One line per file that could not be read or decoded (`README.md: not valid UTF-8`). */
  problems: string[];
  /** Paths that do not exist at the ref. */
  missing: string[];
}

export async function loadLists(
  client: GitHubClient,
  at: { owner: string; repo: string; ref: string },
  paths: readonly string[],
): Promise<LoadListsResult> {
  const result: LoadListsResult = { lists: [], problems: [], missing: [] };
  for (const path of paths) {
    const file = await readRepoFile(client, { ...at, path });
    if (!file.ok) {
      if (file.missing) result.missing.push(path);
      else result.problems.push(file.error);
      continue;
    }
    const decoded = decodeListFile(file.bytes, path);
    if (!decoded.ok) {
      result.problems.push(decoded.error);
      continue;
    }
    result.lists.push({ doc: parseList(decoded.text, path), blobSha: file.blobSha });
  }
  return result;
}

/**
 * The configured list files at the default branch's head, as the scheduled
 * workflows (report, upkeep) read them. A missing default branch throws.
 */
export async function loadDefaultBranchLists(
  client: GitHubClient,
  ctx: WorkflowContext,
): Promise<{ baseSha: string; paths: string[]; loaded: LoadListsResult }> {
  const { owner, repo } = ctx;
  const baseSha = await branchHead(client, { owner, repo, branch: ctx.defaultBranch });
  if (baseSha === null) throw new Error(`the default branch ${ctx.defaultBranch} of ${owner}/${repo} was not found`);
  const paths = await listMatchingFiles(client, owner, repo, baseSha, ctx.files);
  return { baseSha, paths, loaded: await loadLists(client, { owner, repo, ref: baseSha }, paths) };
}

/** The bytes to write back for a document's new text: the BOM is kept when the file had one. */
export function encodeListText(doc: Pick<ListDocument, 'bom'>, text: string): Uint8Array {
  return Buffer.from(doc.bom ? `\uFEFF${text}` : text, 'utf8');
}
