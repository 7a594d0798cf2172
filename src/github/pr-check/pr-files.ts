/**
 * The lines a pull request adds to the configured list files, from the PR
 * files API and its patches (never a checkout of the PR's code).
 */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { matchesFileGlobs } from '../repo/file-globs.js';
import { addedLinesByContent, parsePatch } from './patch.js';
import { readRepoFile } from '../repo/repo-files.js';
import { decodeListFile } from '../../core/decode.js';
import { MAX_UNTRUSTED_LIST_BYTES } from '../repo/list-files.js';

export interface ChangedListFile {
  path: string;
  status: string;
  /** Path at the base, for renamed files. */
  previousPath: string | null;
  /** 1-based lines of the head version that the PR adds. */
  added: Set<number>;
  /** Head-side line ranges of the diff hunks (where review comments can go); empty without a patch. */
  hunks: Array<{ start: number; end: number }>;
  /** False when GitHub left the patch out (diff too large) and the added lines were computed from contents. */
  fromPatch: boolean;
}

interface PullFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

export async function listChangedListFiles(
  client: GitHubClient,
  ctx: WorkflowContext,
  pull: { number: number; baseSha: string; headSha: string },
): Promise<ChangedListFile[]> {
  const files: PullFile[] = await client.paginate(client.rest.pulls.listFiles, {
    owner: ctx.owner,
    repo: ctx.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  const out: ChangedListFile[] = [];
  for (const file of files) {
    if (file.status === 'removed' || !matchesFileGlobs(file.filename, ctx.files)) continue;
    const previousPath = file.previous_filename ?? null;
    if (typeof file.patch === 'string') {
      const { added, hunks } = parsePatch(file.patch);
      out.push({ path: file.filename, status: file.status, previousPath, added, hunks, fromPatch: true });
      continue;
    }
    const added = await addedLinesWithoutPatch(client, ctx, pull, file.filename, previousPath ?? file.filename);
    out.push({ path: file.filename, status: file.status, previousPath, added, hunks: [], fromPatch: false });
  }
  return out;
}

async function addedLinesWithoutPatch(
  client: GitHubClient,
  ctx: WorkflowContext,
  pull: { baseSha: string; headSha: string },
  path: string,
  basePath: string,
): Promise<Set<number>> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  // The PR's files are anyone's: too large ones are not fetched (the check reports them as problems).
  const maxBytes = MAX_UNTRUSTED_LIST_BYTES;
  const head = await readRepoFile(client, { ...repo, path, ref: pull.headSha }, { maxBytes });
  if (!head.ok) return new Set();
  const headText = decodeListFile(head.bytes, path, { maxBytes });
  if (!headText.ok) return new Set();
  const base = await readRepoFile(client, { ...repo, path: basePath, ref: pull.baseSha }, { maxBytes });
  const baseText = base.ok ? decodeListFile(base.bytes, basePath, { maxBytes }) : null;
  return addedLinesByContent(baseText?.ok ? baseText.text : null, headText.text);
}
