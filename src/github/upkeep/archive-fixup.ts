/**
 * The archive fix-up pull request: dead links replaced by their newest
 * Wayback Machine snapshot, on the fixed branch `listkeeper/archive-links`.
 */
import { applyEdits } from '../../core/edits.js';
import { parseList } from '../../core/parse.js';
import { normalizeUrl } from '../../core/url.js';
import type { ListDocument, TextEdit } from '../../core/types.js';
import type { LinkResult } from '../../links/index.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import { ARCHIVE_BRANCH, type FixupResult, upsertFixupPullRequest } from './fixup-pr.js';
import type { FileChange } from '../git/git-commit.js';
import type { ListSource } from '../pr-check/pr-analysis.js';
import { encodeListText } from '../repo/list-files.js';
import { blobBase, placeLink, table } from '../markdown.js';

/**
 * The CPU part of the fix-up, as plain data (it survives `structuredClone`,
 * like pr-analysis.ts, list-changes.ts and report-targets.ts): the lists as
 * read and, per normalized URL, its snapshot.
 */
export interface ArchiveChangesInput {
  lists: ListSource[];
  /** `[normalized URL, snapshot URL]` pairs. */
  archives: Array<[string, string]>;
}

export interface ArchiveFileChange {
  path: string;
  /** The file had a BOM (kept when writing back). */
  bom: boolean;
  /** The text after the edits, without the BOM. */
  newText: string;
}

/**
 * Where the lists are parsed and edited: in-process (the Action, one job per
 * runner), or in a worker with a budget. The App offers no archive fix-up
 * today (its report runs without `suggestArchive`), but hands its worker's
 * step all the same (core-worker.ts), so turning it on parses nothing on the
 * App's event loop.
 */
export type ArchiveChanger = (input: ArchiveChangesInput) => Promise<ArchiveFileChange[]>;

/** Edits replacing every link (as written) whose normalized URL has an archive snapshot. */
export function archiveEdits(doc: ListDocument, archives: ReadonlyMap<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const item of doc.items) {
    for (const link of item.entry?.links ?? []) {
      const key = normalizeUrl(link.url);
      const archive = key === null ? undefined : archives.get(key);
      if (archive && link.urlSpan.end > link.urlSpan.start) edits.push({ ...link.urlSpan, text: archive });
    }
  }
  return edits;
}

/** Each list whose text changes when its dead links point at their snapshots. Pure. */
export function computeArchiveChanges(input: ArchiveChangesInput): ArchiveFileChange[] {
  const archives = new Map(input.archives);
  const changes: ArchiveFileChange[] = [];
  for (const source of input.lists) {
    const doc = parseList(source.text, source.path);
    const edits = archiveEdits(doc, archives);
    if (edits.length === 0) continue;
    const text = applyEdits(doc.text, edits).text;
    if (text !== doc.text) changes.push({ path: doc.path, bom: doc.bom, newText: text });
  }
  return changes;
}

export const computeArchiveChangesInProcess: ArchiveChanger = async (input) => computeArchiveChanges(input);

export async function updateArchivePullRequest(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { lists: ListSource[]; baseSha: string; dead: LinkResult[]; computeChanges?: ArchiveChanger },
): Promise<FixupResult> {
  const archived = input.dead.filter((r) => r.archiveUrl !== null);
  const computed = await (input.computeChanges ?? computeArchiveChangesInProcess)({
    lists: input.lists,
    archives: archived.map((r) => [r.url, r.archiveUrl as string]),
  });
  const changes: FileChange[] = computed.map((c) => ({ path: c.path, content: encodeListText(c, c.newText) }));
  // The lines are those of the default branch's commit that was checked.
  const base = blobBase(ctx.serverUrl, ctx.owner, ctx.repo, input.baseSha);
  const rows = archived.map((r) => [
    r.occurrences.map((o) => placeLink(o.file, o.line, base)).join(', '),
    r.occurrences[0]?.url ?? r.requestUrl,
    r.archiveUrl as string,
  ]);
  const body = [
    'These links are dead (they failed in enough scheduled runs in a row); this pull request points them at their newest',
    'snapshot in the Wayback Machine. Please check each snapshot before merging.',
    '',
    table(['Where', 'Dead link', 'Archived copy'], rows),
    '',
    'listkeeper updates this pull request on every scheduled run and closes it when nothing is left to replace.',
  ].join('\n');
  return upsertFixupPullRequest(client, ctx, {
    branch: ARCHIVE_BRANCH,
    base: ctx.defaultBranch,
    baseSha: input.baseSha,
    title: `Replace ${archived.length === 1 ? 'a dead link' : `${archived.length} dead links`} with archived copies`,
    body,
    commitMessage: 'Replace dead links with Wayback Machine snapshots\n\nMade by listkeeper from the scheduled link report.',
    changes,
  });
}
