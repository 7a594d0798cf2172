/**
 * Where the link failure history waits before a report issue exists.
 *
 * The report issue holds the history once it exists, but it is only created
 * when a link has failed `threshold` runs in a row — so the first failures
 * need a home too, in GitHub and not on the stateless runner. That home is a
 * hidden ref, `refs/listkeeper/link-history` (not a branch or tag, so it shows
 * up nowhere in the UI), pointing at a parentless commit whose message carries
 * the history block. Once the issue exists the ref is deleted. Only a token
 * with `contents: write` can move the ref, so unlike a labelled issue (see
 * report-author.ts) it needs no check of who wrote it.
 */
import type { LinkHistory } from '../../links/index.js';
import { parseHistory } from '../../links/index.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import { describeError, httpStatus } from '../git/http-error.js';
import { decodeDataBlock, encodeDataBlock } from '../markers.js';

/** As the refs API names it (without `refs/`). */
const REF = 'listkeeper/link-history';
const BLOCK = 'history';

export interface StoredHistory {
  history: LinkHistory | null;
  /** The commit the ref points at; null when there is no stored history. */
  sha: string | null;
}

export async function readStoredHistory(client: GitHubClient, ctx: WorkflowContext): Promise<StoredHistory> {
  const { owner, repo } = ctx;
  let sha: string;
  try {
    ({ data: { object: { sha } } } = await client.rest.git.getRef({ owner, repo, ref: REF }));
  } catch (error) {
    if (httpStatus(error) === 404) return { history: null, sha: null };
    throw error;
  }
  const { data } = await client.rest.git.getCommit({ owner, repo, commit_sha: sha });
  return { history: parseHistory(decodeDataBlock(data.message, BLOCK)), sha };
}

/**
 * Keep `history` under the ref (or drop the ref when there is nothing to
 * keep). A token without `contents: write` cannot: say so and go on.
 */
export async function storeHistory(
  client: GitHubClient,
  ctx: WorkflowContext,
  history: LinkHistory | null,
  stored: StoredHistory,
): Promise<void> {
  const { owner, repo } = ctx;
  const keep = history !== null && Object.keys(history.urls).length > 0;
  if (ctx.dryRun || (!keep && stored.sha === null)) return;
  if (keep && stored.history !== null && JSON.stringify(stored.history) === JSON.stringify(history)) return;
  try {
    if (!keep) {
      await client.rest.git.deleteRef({ owner, repo, ref: REF });
      return;
    }
    const block = encodeDataBlock(BLOCK, history);
    const blob = await client.rest.git.createBlob({ owner, repo, content: `${JSON.stringify(history, null, 2)}\n`, encoding: 'utf-8' });
    const tree = await client.rest.git.createTree({ owner, repo, tree: [{ path: 'history.json', mode: '100644', type: 'blob', sha: blob.data.sha }] });
    const commit = await client.rest.git.createCommit({
      owner,
      repo,
      message: `listkeeper link failure history (kept until a report issue exists)\n\n${block}\n`,
      tree: tree.data.sha,
      parents: [],
    });
    if (stored.sha === null) await client.rest.git.createRef({ owner, repo, ref: `refs/${REF}`, sha: commit.data.sha });
    else await client.rest.git.updateRef({ owner, repo, ref: REF, sha: commit.data.sha, force: true });
  } catch (error) {
    ctx.logger.warning(
      `could not keep the link failure history in refs/${REF} (${describeError(error)}); ` +
        'links failing fewer runs than the threshold start counting again next run (the token needs contents: write)',
    );
  }
}
