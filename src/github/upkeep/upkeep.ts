/**
 * Scheduled upkeep (`mode: fix` on a schedule): sort and autofix the list
 * files of the default branch in one fix-up pull request on
 * `listkeeper/upkeep`, kept up to date and closed when nothing is left.
 */
import { today } from '../../core/date.js';
import { upkeepChange } from '../commands/compute-change.js';
import type { GitHubClient, WorkflowContext } from '../context.js';
import { type FixupResult, UPKEEP_BRANCH, upsertFixupPullRequest } from './fixup-pr.js';
import type { FileChange } from '../git/git-commit.js';
import { encodeListText, loadDefaultBranchLists } from '../repo/list-files.js';
import { blobBase, code } from '../markdown.js';
import { unmovableBlock, unmovableText, type UnmovableNote } from '../unmovable-lists.js';

export interface UpkeepResult {
  fixup: FixupResult;
  files: string[];
  /** `README.md: 2 lists sorted, 3 fixes applied` per changed file. */
  changes: string[];
  /** Lists out of date order that sorting left as they are (moving their items is unsafe). */
  unmovable: UnmovableNote[];
  problems: string[];
  /** `…/blob/<default branch sha>/`: the notes' lines are lines of that commit. */
  blobBase: string;
  outputs: { 'pull-request': string };
}

export async function runUpkeep(client: GitHubClient, ctx: WorkflowContext): Promise<UpkeepResult> {
  const { baseSha, paths, loaded } = await loadDefaultBranchLists(client, ctx);
  for (const p of loaded.problems) ctx.logger.error(p);
  const day = today(ctx.now);
  const base = blobBase(ctx.serverUrl, ctx.owner, ctx.repo, baseSha);
  const changes: FileChange[] = [];
  const described: string[] = [];
  const unmovable: UnmovableNote[] = [];
  for (const { doc } of loaded.lists) {
    const change = upkeepChange(doc, ctx.config, day);
    unmovable.push(...change.unmovable);
    if (change.text === doc.text) continue;
    changes.push({ path: doc.path, content: encodeListText(doc, change.text) });
    described.push(`${code(doc.path)}: ${change.what.join(', ')}`);
  }
  const fixup = await upsertFixupPullRequest(client, ctx, {
    branch: UPKEEP_BRANCH,
    base: ctx.defaultBranch,
    baseSha,
    title: 'Sort the list by date and fix formatting',
    body: [
      'listkeeper found entries out of date order or with fixable formatting on the default branch:',
      '',
      ...described.map((d) => `- ${d}`),
      '',
      ...unmovableBlock(unmovable, 'and later scheduled runs take care of the order.', base),
      ...(unmovable.length > 0 ? [''] : []),
      'Every change is a text edit of the affected lines; nothing else in the files is rewritten.',
      'listkeeper updates this pull request on every scheduled run and closes it when nothing is left to change.',
    ].join('\n'),
    commitMessage: `Sort lists by date and fix formatting\n\n${described.join('\n').replace(/`/g, '')}`,
    changes,
  });
  // Also when there is nothing to change, so no pull request says so: the run's log does.
  for (const note of unmovable) ctx.logger.warning(unmovableText(note));
  return {
    fixup,
    files: paths,
    changes: described,
    unmovable,
    problems: loaded.problems,
    blobBase: base,
    outputs: { 'pull-request': fixup.pullRequest ? String(fixup.pullRequest.number) : '' },
  };
}
