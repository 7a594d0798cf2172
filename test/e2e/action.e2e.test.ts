/**
 * End to end: the bundled Action (dist/index.js) in a child process, as a runner starts
 * it, against the fake GitHub API and real link servers on loopback.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { node24 } from './node24.js';
import { pullRequestPayload, runAction, type ActionRun } from './harness.js';
import { BOT, createWorld, READ_ONLY_TOKEN, REPO, TOKEN, withEntries, type World } from './world.js';

const PR_MARKER = '<!-- listkeeper:pr-check -->';

let w: World;

beforeEach(async () => {
  w = await createWorld();
});

afterEach(async () => {
  // The Action used only operations GitHub documents, and the answers had GitHub's shapes.
  expect(w.fake.unknownRequests).toEqual([]);
  expect(w.fake.shapeErrors).toEqual([]);
  await w.close();
});

function markedComments(issue: number): ReturnType<World["fake"]["getComments"]> {
  return w.fake.getComments(REPO, issue).filter((c) => c.body?.includes(PR_MARKER));
}

async function checkPr(number: number, action = 'opened', token = TOKEN, node?: string[]): Promise<ActionRun> {
  return runAction({ fake: w.fake, repo: REPO, event: 'pull_request', payload: pullRequestPayload(w.fake, REPO, number, action), token, node });
}

/** A PR that adds one good and one bad entry: the bad one is reported on its line, the good one passes. */
async function goodAndBadEntry(node?: string[]): Promise<void> {
  const base = w.fake.fileAt(REPO, 'main', 'README.md')!;
  const good = `      - [Good new post](${w.alive.url('/good')}) | Notes Daily 2023-03-01`;
  const bad = `      - [Bad new post](${w.dead.url('/gone')}) | Tech Weekly 2023/3/9`;
  const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'add-posts', files: { 'README.md': withEntries(base, [good, bad]) } });

  const run = await checkPr(pr.number, 'opened', TOKEN, node);

  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.failure).toMatch(/^listkeeper found \d+ errors?/);
  const onFile = run.annotations.filter((a) => a.file === 'README.md');
  // Line 12 is the good entry, line 13 the bad one: both problems are on 13, nothing on 12.
  expect(onFile.every((a) => a.line === 13)).toBe(true);
  expect(onFile.some((a) => a.level === 'error' && /2023\/3\/9/.test(a.message))).toBe(true);
  expect(onFile.some((a) => a.level === 'error' && a.message.includes(w.dead.url('/gone')))).toBe(true);
  expect(run.outputs['dead-links']).toBe('1');
  expect(Number(run.outputs.errors)).toBeGreaterThanOrEqual(2);
  expect(run.summary).toContain('date-format');
  // Only the links the PR adds were checked.
  expect(w.alive.requests.map((r) => r.path)).toContain('/good');
  expect(w.alive.requests.map((r) => r.path)).not.toContain('/a');

  const comments = markedComments(pr.number);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.user?.login).toBe(BOT);
  const suggestions = w.fake.getReviewComments(REPO, pr.number);
  expect(suggestions).toHaveLength(1);
  expect(suggestions[0]).toMatchObject({ path: 'README.md', line: 13 });
  expect(suggestions[0]!.body).toContain('```suggestion\n' + bad.replace('2023/3/9', '2023-03-09') + '\n```');
}

describe('Action on pull_request', () => {
  it('reports a bad new entry on its line (annotation, summary, one comment, a suggestion) and passes the good one', async () => {
    await goodAndBadEntry();
  });

  it('edits its one comment on a re-run, repeats no suggestion, and clears up when the PR is fixed', async () => {
    const base = w.fake.fileAt(REPO, 'main', 'README.md')!;
    const bad = `      - [Bad date](${w.alive.url('/c')}) | Tech Weekly 2023/3/9`;
    const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'add-post', files: { 'README.md': withEntries(base, [bad]) } });
    const first = await checkPr(pr.number);
    expect(first.code).toBe(1);
    const [comment] = markedComments(pr.number);
    expect(comment).toBeDefined();

    const again = await checkPr(pr.number, 'synchronize');
    expect(again.code).toBe(1);
    expect(markedComments(pr.number).map((c) => c.id)).toEqual([comment!.id]);
    expect(w.fake.getReviewComments(REPO, pr.number)).toHaveLength(1);

    w.fake.seedCommit(REPO, { 'README.md': withEntries(base, [bad.replace('2023/3/9', '2023-03-09')]) }, { branch: 'add-post', message: 'Fix date' });
    const fixed = await checkPr(pr.number, 'synchronize');
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(fixed.outputs.errors).toBe('0');
    // Never a second comment: the one comment is edited to say all is clear (or removed).
    const after = markedComments(pr.number);
    expect(after.length).toBeLessThanOrEqual(1);
    if (after.length === 1) {
      expect(after[0]!.id).toBe(comment!.id);
      expect(after[0]!.body).not.toBe(comment!.body);
    }
  });

  it('on a fork PR with a read-only token still annotates and summarizes, skips the comment, and does not fail for it', async () => {
    w.fake.seedRepo({ repo: 'contributor/awesome-dialogue', forkOf: REPO });
    const base = w.fake.fileAt(REPO, 'main', 'README.md')!;
    const entry = `      - [Fork post](${w.alive.url('/fork')}) | Notes Daily 2023-03-01 `;
    const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headRepo: 'contributor/awesome-dialogue', headBranch: 'patch-1', files: { 'README.md': withEntries(base, [entry]) } });

    const run = await checkPr(pr.number, 'opened', READ_ONLY_TOKEN);

    expect(run.code, run.stdout).toBe(0);
    expect(run.annotations.some((a) => a.level === 'warning' && a.file === 'README.md' && a.line === 12)).toBe(true);
    expect(run.summary).not.toBe('');
    expect(w.fake.getComments(REPO, pr.number)).toEqual([]);
    expect(run.stdout).toMatch(/::notice::PR comment not written/);
    // The 403s were GitHub's answers to writes, not unknown requests.
    expect(w.fake.requests.some((r) => r.status === 403)).toBe(true);
  });
});

describe('Action under Node 24 (runs.using: node24)', () => {
  it('checks a pull request the same way', async (ctx) => {
    const node = await node24();
    if (!node.command) {
      ctx.skip(node.why);
      return;
    }
    await goodAndBadEntry(node.command);
  }, 240_000);
});
