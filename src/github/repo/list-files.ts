/**
 * Loading the configured list files of a commit as list documents, through
 * the API (as data). Files that cannot be read or decoded become problems
 * with the file name, not exceptions.
 */
import { parseList } from '../../core/parse.js';
import type { ListDocument } from '../../core/types.js';
import { branchHead } from '../git/branch.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import { listMatchingFiles, readRepoFile } from './repo-files.js';
import { decodeListFile, MAX_LIST_BYTES } from '../../core/decode.js';

/**
 * The size limit for content anyone can send: a pull request's files. Parsing
 * costs time and memory on a shared server (the App); the largest real lists
 * are about 1 MB, so this leaves room to grow while a 9 MB paste is refused
 * with a clear message before it is fetched.
 */
export const MAX_UNTRUSTED_LIST_BYTES = 4 * 1024 * 1024;

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
  const read = await readListTexts(client, at, paths);
  return {
    lists: read.texts.map((t) => ({ doc: parseList(t.text, t.path), blobSha: t.blobSha })),
    problems: read.problems,
    missing: read.missing,
  };
}

/** A list file's decoded text (BOM kept: `parseList` records it), not parsed yet. */
export interface ListText {
  path: string;
  text: string;
  blobSha: string;
}

export interface ReadListTextsResult {
  texts: ListText[];
  problems: string[];
  missing: string[];
}

/**
 * The files' texts without parsing them, so that the parsing can run
 * elsewhere (the App parses in a worker thread with a time budget).
 * `maxBytes` is checked against the API's size before anything is fetched.
 */
export async function readListTexts(
  client: GitHubClient,
  at: { owner: string; repo: string; ref: string },
  paths: readonly string[],
  maxBytes: number = MAX_LIST_BYTES,
): Promise<ReadListTextsResult> {
  const result: ReadListTextsResult = { texts: [], problems: [], missing: [] };
  for (const path of paths) {
    const file = await readRepoFile(client, { ...at, path }, { maxBytes });
    if (!file.ok) {
      if (file.missing) result.missing.push(path);
      else result.problems.push(file.error);
      continue;
    }
    const decoded = decodeListFile(file.bytes, path, { maxBytes });
    if (!decoded.ok) {
      result.problems.push(decoded.error);
      continue;
    }
    result.texts.push({ path, text: decoded.text, blobSha: file.blobSha });
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
  const { baseSha, paths, read } = await readDefaultBranchListTexts(client, ctx);
  const lists = read.texts.map((t) => ({ doc: parseList(t.text, t.path), blobSha: t.blobSha }));
  return { baseSha, paths, loaded: { lists, problems: read.problems, missing: read.missing } };
}

/** The same files' texts, not parsed yet (the App parses them in a worker with a time budget). */
export async function readDefaultBranchListTexts(
  client: GitHubClient,
  ctx: WorkflowContext,
): Promise<{ baseSha: string; paths: string[]; read: ReadListTextsResult }> {
  const { owner, repo } = ctx;
  const baseSha = await branchHead(client, { owner, repo, branch: ctx.defaultBranch });
  if (baseSha === null) throw new Error(`the default branch ${ctx.defaultBranch} of ${owner}/${repo} was not found`);
  const paths = await listMatchingFiles(client, owner, repo, baseSha, ctx.files);
  return { baseSha, paths, read: await readListTexts(client, { owner, repo, ref: baseSha }, paths) };
}

/** The bytes to write back for a document's new text: the BOM is kept when the file had one. */
export function encodeListText(doc: Pick<ListDocument, 'bom'>, text: string): Uint8Array {
  return Buffer.from(doc.bom ? `\uFEFF${text}` : text, 'utf8');
}
