/**
 * The archive fix-up pull request: dead links replaced by their newest
 * Wayback Machine snapshot, on the fixed branch `listkeeper/archive-links`.
 */
import { applyEdits } from '../../core/edits.js';
import { normalizeUrl } from '../../core/url.js';
import type { ListDocument, TextEdit } from '../../core/types.js';
import type { LinkResult } from '../../links/index.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import { ARCHIVE_BRANCH, type FixupResult, upsertFixupPullRequest } from './fixup-pr.js';
import type { FileChange } from '../git/git-commit.js';
import { encodeListText } from '../repo/list-files.js';
import { code, table } from '../markdown.js';

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

export async function updateArchivePullRequest(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { docs: ListDocument[]; baseSha: string; dead: LinkResult[] },
): Promise<FixupResult> {
  const archived = input.dead.filter((r) => r.archiveUrl !== null);
  const archives = new Map(archived.map((r) => [r.url, r.archiveUrl as string]));
  const changes: FileChange[] = [];
  for (const doc of input.docs) {
    const edits = archiveEdits(doc, archives);
    if (edits.length === 0) continue;
    const text = applyEdits(doc.text, edits).text;
    if (text !== doc.text) changes.push({ path: doc.path, content: encodeListText(doc, text) });
  }
  const rows = archived.map((r) => [
    r.occurrences.map((o) => `${code(o.file)}:${o.line}`).join(', '),
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
