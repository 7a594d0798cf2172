/**
 * End to end: the bundled Action (dist/index.js) in a child process, as a runner starts
 * it, against the fake GitHub API and real link servers on loopback.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { node24 } from './node24.js';
import { issueCommentPayload, pullRequestPayload, runAction as runActionOnce, schedulePayload, type ActionRun, type RunActionOptions } from './harness.js';
import { startHost, type TestHost } from '../links/servers.js';
import { BOT, createWorld, READ_ONLY_TOKEN, REPO, startWayback, TOKEN, withEntries, type World } from './world.js';

const PR_MARKER = '<!-- listkeeper:pr-check -->';

let w: World;
let runs: ActionRun[] = [];

/** Every run of the Action in a test, checked after it for leaked tokens. */
async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const run = await runActionOnce(options);
  runs.push(run);
  return run;
}

beforeEach(async () => {
  w = await createWorld();
  runs = [];
});

afterEach(async () => {
  // The Action used only operations GitHub documents, and the answers had GitHub's shapes.
  expect(w.fake.unknownRequests).toEqual([]);
  expect(w.fake.shapeErrors).toEqual([]);
  // The token is masked and never printed, summarized or output.
  expect(runs.flatMap((r) => r.tokenLeaks)).toEqual([]);
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
  it('fails with one line naming the file and line when the config is invalid, and writes nothing', async () => {
    w.fake.seedFile(REPO, '.github/listkeeper.yml', 'rules:\n  date-format: loud\n');
    const base = w.fake.fileAt(REPO, 'main', 'README.md')!;
    const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'x', files: { 'README.md': withEntries(base, ['      - [New](http://127.0.0.2:9/x) | Y 2023-03-01']) } });
    const run = await checkPr(pr.number);
    expect(run.code).toBe(1);
    expect(run.failure).toMatch(/^\.github\/listkeeper\.yml:2: /);
    expect(run.failure).not.toContain('\n');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(w.fake.getComments(REPO, pr.number)).toEqual([]);
  });

  it('with dry-run reports in the job summary and writes nothing to GitHub', async () => {
    const base = w.fake.fileAt(REPO, 'main', 'README.md')!;
    const bad = `      - [Bad new post](${w.alive.url('/d')}) | Tech Weekly 2023/3/9`;
    const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'dry', files: { 'README.md': withEntries(base, [bad]) } });
    const run = await runAction({ fake: w.fake, repo: REPO, event: 'pull_request', payload: pullRequestPayload(w.fake, REPO, pr.number), token: TOKEN, inputs: { 'dry-run': 'true', 'fail-on': 'never' } });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('date-format');
    // Asking GraphQL who the token is (POST /graphql) reads; nothing else but GETs.
    expect(w.fake.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
  });

  it('reports a bad new entry on its line (annotation, summary, one comment, a suggestion) and passes the good one', async () => {
    await goodAndBadEntry();
  });

  it('by default does not request a new link to a private address (a self-hosted runner sits inside a network)', async () => {
    const base = w.fake.fileAt(REPO, 'main', 'README.md')!;
    const entry = `      - [Metadata](${w.dead.url('/latest/meta-data/')}) | Notes Daily 2023-03-01`;
    const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'add-internal', files: { 'README.md': withEntries(base, [entry]) } });
    const payload = pullRequestPayload(w.fake, REPO, pr.number, 'opened');
    const run = await runAction({ fake: w.fake, repo: REPO, event: 'pull_request', payload, token: TOKEN, inputs: { 'allow-private-links': 'false' } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['dead-links']).toBe('0');
    expect(w.dead.requests.map((r) => r.path)).not.toContain('/latest/meta-data/');
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

const REPORT_MARKER = '<!-- listkeeper:dead-link-report -->';

async function scheduled(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({ fake: w.fake, repo: REPO, event: 'schedule', payload: schedulePayload(w.fake, REPO), token: TOKEN, inputs, env });
  expect(run.stderr).toBe('');
  return run;
}

function reportIssues(): ReturnType<World['fake']['getIssues']> {
  return w.fake.getIssues(REPO).filter((i) => i.body?.includes(REPORT_MARKER));
}

describe('Action on schedule: the dead-link report issue', () => {
  it('is created, updated in place, closed when all is alive, and reopened when links die again — never a second one', async () => {
    const inputs = { threshold: '1' };
    w.flaky.deadPaths.add('/b');
    const first = await scheduled(inputs);
    expect(first.code, first.stdout).toBe(0);
    let [issue, ...others] = reportIssues();
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ state: 'open' });
    expect(issue!.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['dead links']);
    expect(issue!.body).toContain(w.flaky.url('/b'));
    expect(first.outputs).toMatchObject({ 'dead-links': '1', 'report-issue': String(issue!.number) });
    expect(first.annotations.some((a) => a.level === 'warning' && a.file === 'README.md' && a.line === 11)).toBe(true);

    const withDead = withEntries(w.fake.fileAt(REPO, 'main', 'README.md')!, [`      - [Gone post](${w.dead.url('/gone')}) | Notes Daily 2023-03-01`]);
    w.fake.seedCommit(REPO, { 'README.md': withDead }, { message: 'Add a post' });
    const second = await scheduled(inputs);
    expect(second.outputs['dead-links']).toBe('2');
    [issue, ...others] = reportIssues();
    expect(others).toEqual([]);
    expect(second.outputs['report-issue']).toBe(String(issue!.number));
    expect(issue!.body).toContain(w.dead.url('/gone'));

    w.flaky.deadPaths.clear();
    w.fake.seedCommit(REPO, { 'README.md': withDead.replace(/\n.*Gone post.*\n/, '\n') }, { message: 'Drop the dead post' });
    const third = await scheduled(inputs);
    expect(third.outputs['dead-links']).toBe('0');
    expect(w.fake.getIssue(REPO, issue!.number).state).toBe('closed');
    expect(w.fake.getComments(REPO, issue!.number).map((c) => c.body).join('\n')).toMatch(/alive again/);

    w.flaky.deadPaths.add('/b');
    const fourth = await scheduled(inputs);
    expect(fourth.outputs['report-issue']).toBe(String(issue!.number));
    expect(w.fake.getIssue(REPO, issue!.number).state).toBe('open');
    expect(reportIssues()).toHaveLength(1);
    expect(w.fake.getComments(REPO, issue!.number)).toHaveLength(2);
  });

  it('leaves an outsider\'s look-alike issue alone (label, marker and a forged history): its history does not count', async () => {
    // The forged block says /b failed 5 runs; adopted, this one failure would report it dead (threshold 3).
    const key = w.flaky.url('/b').replace(/^http:\/\//, '');
    const entry = { failedRuns: 5, failingSince: '2020-01-01T00:00:00.000Z', lastVerdict: 'dead', lastChecked: '2020-01-02T00:00:00.000Z', lastStatus: 404, lastReason: 'HTTP 404' };
    const block = gzipSync(Buffer.from(JSON.stringify({ version: 1, urls: { [key]: entry } }))).toString('base64');
    const forgedBody = `${REPORT_MARKER}\nKeep this open\n<!-- listkeeper:history ${block} -->`;
    const forged = w.fake.seedIssue({ repo: REPO, title: 'listkeeper: 1 dead link', body: forgedBody, labels: ['dead links'], author: 'stranger' });
    w.flaky.deadPaths.add('/b');

    const run = await scheduled({ threshold: '3' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['dead-links']).toBe('0');
    expect(run.stdout).toMatch(new RegExp(`::warning::#${forged} looks like the dead-link report`));
    expect(w.fake.getIssue(REPO, forged)).toMatchObject({ state: 'open', title: 'listkeeper: 1 dead link', body: forgedBody, comments: 0 });
    expect(reportIssues().map((i) => i.number)).toEqual([forged]);

    // Two more failing runs report /b in an issue of the workflow's own, counted from its own history.
    await scheduled({ threshold: '3' });
    const third = await scheduled({ threshold: '3' });
    expect(third.outputs['dead-links']).toBe('1');
    const own = reportIssues().filter((i) => i.user?.login === BOT);
    expect(own).toHaveLength(1);
    expect(third.outputs['report-issue']).toBe(String(own[0]!.number));
    expect(own[0]!.body).toMatch(/3 runs/);
    expect(w.fake.getIssue(REPO, forged).body).toBe(forgedBody);
  });

  // Before any issue exists, the first failures wait under a hidden ref (refs/listkeeper/link-history).
  it('reports a link only after it failed in `threshold` runs in a row, counting in GitHub (the runner keeps nothing)', async () => {
    w.flaky.deadPaths.add('/b');
    const first = await scheduled({ threshold: '2' });
    expect(first.outputs['dead-links']).toBe('0');
    expect(reportIssues().filter((i) => i.state === 'open')).toEqual([]);
    const second = await scheduled({ threshold: '2' });
    expect(second.outputs['dead-links']).toBe('1');
    expect(reportIssues().filter((i) => i.state === 'open')).toHaveLength(1);
  });

  it('with suggest-archive opens one fix-up PR with Wayback snapshots, then updates the same PR', async () => {
    const wayback = await startWayback();
    const env = { LISTKEEPER_WAYBACK_API_URL: wayback.url('/wayback/available') };
    const inputs = { threshold: '1', 'suggest-archive': 'true' };
    w.flaky.deadPaths.add('/b');
    const first = await scheduled(inputs, env);
    expect(first.code, first.stdout).toBe(0);
    const [pr, ...more] = w.fake.getPulls(REPO).filter((p) => p.state === 'open');
    expect(more).toEqual([]);
    expect(pr!.head.ref).toBe('listkeeper/archive-links');
    expect(first.outputs['pull-request']).toBe(String(pr!.number));
    const snapshot = `https://web.archive.org/web/20240101000000/${w.flaky.url('/b')}`;
    expect(w.fake.fileAt(REPO, 'listkeeper/archive-links', 'README.md')).toContain(`[Helper in practice](${snapshot})`);
    // The default branch itself is untouched.
    expect(w.fake.fileAt(REPO, 'main', 'README.md')).not.toContain(snapshot);

    const withDead = withEntries(w.fake.fileAt(REPO, 'main', 'README.md')!, [`      - [Gone post](${w.dead.url('/gone')}) | Notes Daily 2023-03-01`]);
    w.fake.seedCommit(REPO, { 'README.md': withDead }, { message: 'Add a post' });
    const second = await scheduled(inputs, env);
    expect(second.outputs['pull-request']).toBe(String(pr!.number));
    expect(w.fake.getPulls(REPO).filter((p) => p.state === 'open').map((p) => p.number)).toEqual([pr!.number]);
    const branchText = w.fake.fileAt(REPO, 'listkeeper/archive-links', 'README.md')!;
    expect(branchText).toContain(snapshot);
    expect(branchText).toContain(`https://web.archive.org/web/20240101000000/${w.dead.url('/gone')}`);
    // One commit on top of the new default branch head.
    expect(w.fake.commitLog(REPO, 'listkeeper/archive-links')[0]!.parents).toEqual([w.fake.getRef(REPO, 'main')]);
  });
});

const REPLY_MARKER = '<!-- listkeeper:command-reply -->';

async function comment(number: number, author: string, body: string): Promise<{ run: ActionRun; commentId: number }> {
  const c = w.fake.seedComment({ repo: REPO, issue: number, author, body });
  const run = await runAction({ fake: w.fake, repo: REPO, event: 'issue_comment', payload: issueCommentPayload(w.fake, REPO, number, c), token: TOKEN });
  expect(run.stderr).toBe('');
  return { run, commentId: Number(c.id) };
}

function replies(number: number): string[] {
  return w.fake
    .getComments(REPO, number)
    .filter((c) => c.body?.includes(REPLY_MARKER))
    .map((c) => c.body ?? '');
}

/** A PR that appends an older post at the end of the blog list (out of date order). */
function unsortedPr(options: { headRepo?: string; maintainerCanModify?: boolean } = {}): { number: number; headSha: string; older: string } {
  const older = `      - [Older post](${w.alive.url('/older')}) | Notes Daily 2022-06-01`;
  const files = { 'README.md': withEntries(w.fake.fileAt(REPO, 'main', 'README.md')!, [older]) };
  const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'add-older', files, ...options });
  return { ...pr, older };
}

describe('Action on schedule with mode fix: the upkeep pull request', () => {
  it('opens one PR with the sorted list on the default branch, and a re-run changes nothing', async () => {
    const older = `      - [Older post](${w.alive.url('/older')}) | Notes Daily 2022-06-01`;
    w.fake.seedCommit(REPO, { 'README.md': withEntries(w.fake.fileAt(REPO, 'main', 'README.md')!, [older]) }, { message: 'Add an older post at the end' });
    const first = await scheduled({ mode: 'fix' });
    expect(first.code, first.stdout).toBe(0);
    const [pr, ...more] = w.fake.getPulls(REPO);
    expect(more).toEqual([]);
    expect(pr!.head.ref).toBe('listkeeper/upkeep');
    expect(first.outputs['pull-request']).toBe(String(pr!.number));
    expect(w.fake.fileAt(REPO, 'listkeeper/upkeep', 'README.md')!.split('\n').indexOf(older)).toBe(9);
    const branchHead = w.fake.getRef(REPO, 'listkeeper/upkeep');

    const second = await scheduled({ mode: 'fix' });
    expect(second.outputs['pull-request']).toBe(String(pr!.number));
    expect(w.fake.getPulls(REPO)).toHaveLength(1);
    expect(w.fake.getRef(REPO, 'listkeeper/upkeep')).toBe(branchHead);
  });
});

describe('Action on schedule with mode fix: a list sort must leave alone', () => {
  it('opens no PR and names the list with what to change in the job summary, as a warning', async () => {
    const section = [
      '## Left alone',
      '',
      `- [Sparse attention](${w.alive.url('/sparse')}) | Model Digest 2023-02-10`,
      `- [Scaling laws](${w.alive.url('/scaling')}) | Lab Notes 2023-01-05`,
      '  ```',
      '  pip install scaling-laws',
      '  ```',
      'More papers on the wiki.',
      '',
    ].join('\n');
    const readme = w.fake.fileAt(REPO, 'main', 'README.md')!;
    w.fake.seedCommit(REPO, { 'README.md': `${readme.replace(/\n*$/, '\n\n')}${section}` }, { message: 'A list followed by text' });
    const pullsBefore = w.fake.getPulls(REPO).length;
    const run = await scheduled({ mode: 'fix' });
    expect(run.code, run.stdout).toBe(0);
    expect(w.fake.getPulls(REPO)).toHaveLength(pullsBefore);
    expect(run.summary).toContain('Left alone');
    expect(run.summary).toMatch(/blank line after the list/);
    expect(run.summary).not.toContain('Nothing to sort or fix.');
    expect(run.outputs.warnings).toBe('1');
  });
});

describe('Action on issue_comment: /sort and /fix', () => {
  it('/sort by a maintainer commits the sorted list onto the PR branch (👀, then 🚀)', async () => {
    const pr = unsortedPr();
    const { run, commentId } = await comment(pr.number, 'maintainer', '/sort');
    expect(run.code, run.stdout).toBe(0);
    const head = w.fake.getPull(REPO, pr.number).head.sha;
    expect(head).not.toBe(pr.headSha);
    const [commit] = w.fake.commitLog(REPO, head);
    expect(commit!.parents).toEqual([pr.headSha]);
    const text = w.fake.fileAt(REPO, head, 'README.md')!;
    const lines = text.split('\n');
    expect(lines.indexOf(pr.older)).toBe(9);
    expect(lines.filter((l) => l.includes('Older post'))).toHaveLength(1);
    expect(w.fake.getReactions(commentId)).toEqual(['eyes', 'rocket']);
    expect(run.outputs['pull-request']).toBe(String(pr.number));
    // A fast-forward through the Git Data API, never a force-push.
    const refUpdates = w.fake.requests.filter((r) => r.operationId === 'git/update-ref');
    expect(refUpdates.map((r) => (r.body as { force?: boolean }).force ?? false)).toEqual([false]);
  });

  it('/sort by a stranger gets a polite reply and nothing else', async () => {
    const pr = unsortedPr();
    const { run, commentId } = await comment(pr.number, 'stranger', '/sort');
    expect(run.code).toBe(0);
    expect(w.fake.getPull(REPO, pr.number).head.sha).toBe(pr.headSha);
    expect(w.fake.getReactions(commentId)).toEqual([]);
    const [reply, ...more] = replies(pr.number);
    expect(more).toEqual([]);
    expect(reply).toMatch(/@stranger/);
    expect(reply).toMatch(/write access/);
  });

  it('/sort stops and says so when someone pushed to the PR meanwhile (no force-push)', async () => {
    const pr = unsortedPr();
    let pushed = '';
    w.fake.beforeNext('git/update-ref', () => {
      const current = w.fake.fileAt(REPO, 'add-older', 'README.md')!;
      pushed = w.fake.seedCommit(REPO, { 'README.md': current + '\n' }, { branch: 'add-older', message: 'pushed meanwhile' });
    });
    const { run, commentId } = await comment(pr.number, 'maintainer', '/sort');
    expect(run.code).toBe(0);
    expect(pushed).not.toBe('');
    expect(w.fake.getPull(REPO, pr.number).head.sha).toBe(pushed);
    expect(replies(pr.number).join('\n')).toMatch(/moved|pushed|changed/i);
    expect(w.fake.getReactions(commentId)).not.toContain('rocket');
  });

  it('/sort on a fork PR the token cannot push to answers with suggestions instead', async () => {
    w.fake.seedRepo({ repo: 'contributor/awesome-dialogue', forkOf: REPO });
    const pr = unsortedPr({ headRepo: 'contributor/awesome-dialogue', maintainerCanModify: false });
    const { run, commentId } = await comment(pr.number, 'maintainer', '/sort');
    expect(run.code, run.stdout).toBe(0);
    expect(w.fake.getRef('contributor/awesome-dialogue', 'add-older')).toBe(pr.headSha);
    const suggested = [...replies(pr.number), ...w.fake.getReviewComments(REPO, pr.number).map((c) => c.body)].join('\n');
    expect(suggested).toMatch(/```(suggestion|diff)/);
    expect(suggested).toContain('Older post');
    expect(w.fake.getReactions(commentId)).toContain('eyes');
  });

  it('/fix applies every fixable message in one commit', async () => {
    const bad = `      - [Badly dated](${w.alive.url('/bd')}) | Tech Weekly 2023/3/9`;
    const files = { 'README.md': withEntries(w.fake.fileAt(REPO, 'main', 'README.md')!, [bad]) };
    const pr = w.fake.seedPull({ repo: REPO, author: 'contributor', headBranch: 'bad-date', files });
    // The PR's author may run it on their own PR.
    const { run, commentId } = await comment(pr.number, 'contributor', '/fix');
    expect(run.code, run.stdout).toBe(0);
    const head = w.fake.getPull(REPO, pr.number).head.sha;
    expect(w.fake.commitLog(REPO, head)[0]!.parents).toEqual([pr.headSha]);
    expect(w.fake.fileAt(REPO, head, 'README.md')).toContain(bad.replace('2023/3/9', '2023-03-09'));
    expect(w.fake.getReactions(commentId)).toEqual(['eyes', 'rocket']);
  });

  it('ignores edited comments and comments that are not commands', async () => {
    const pr = unsortedPr();
    const c = w.fake.seedComment({ repo: REPO, issue: pr.number, author: 'maintainer', body: '/sort' });
    const edited = await runAction({ fake: w.fake, repo: REPO, event: 'issue_comment', payload: issueCommentPayload(w.fake, REPO, pr.number, c, 'edited'), token: TOKEN });
    const chat = await comment(pr.number, 'maintainer', 'Thanks! Please /sort later.');
    expect([edited.code, chat.run.code]).toEqual([0, 0]);
    expect(w.fake.getPull(REPO, pr.number).head.sha).toBe(pr.headSha);
    expect(replies(pr.number)).toEqual([]);
    expect(w.fake.getReactions(Number(c.id))).toEqual([]);
  });
});

describe('Action: /add and the labelled suggestion', () => {
  /** An article page on its own loopback host: title with the site's suffix, site name, publish time. */
  async function articleHost(): Promise<TestHost> {
    return startHost('127.0.0.93', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        [
          '<!doctype html><html><head><meta charset="utf-8">',
          '<meta property="og:title" content="Helper 的多轮对话评测 - 机器之心">',
          '<meta property="og:site_name" content="机器之心">',
          '<meta property="article:published_time" content="2023-01-20T10:00:00+08:00">',
          '</head><body><p>正文</p></body></html>',
        ].join('\n'),
      );
    });
  }

  it('/add on an issue opens one pull request that adds the entry at its date; asked again, it opens no second one', async () => {
    const article = await articleHost();
    const url = article.url('/s/helper-eval');
    const issue = w.fake.seedIssue({ repo: REPO, title: 'Suggest: Helper eval', author: 'reader' });

    const first = await comment(issue, 'maintainer', `/add ${url} Helper › blog`);

    expect(first.run.code, first.run.stdout).toBe(0);
    const pulls = w.fake.getPulls(REPO).filter((p) => p.head.ref.startsWith('listkeeper/add-'));
    expect(pulls).toHaveLength(1);
    const [pull] = pulls;
    expect(pull!.title).toBe('Add Helper 的多轮对话评测');
    expect(pull!.body).toContain(`Closes #${issue}.`);
    const lines = w.fake.fileAt(REPO, pull!.head.ref, 'README.md')!.split('\n');
    // Between the posts of 2023-01-05 (line 10) and 2023-02-10: line 11.
    expect(lines[10]).toBe(`      - [Helper 的多轮对话评测](${url}) | 机器之心 2023-01-20`);
    expect(lines.filter((l) => l.includes(url))).toHaveLength(1);
    expect(w.fake.getReactions(first.commentId)).toEqual(['eyes', 'rocket']);
    // The reply shows the line as the file gets it, nested under its list.
    expect(replies(issue).at(-1)).toContain(`Opened #${pull!.number}`);
    expect(replies(issue).at(-1)).toContain(`\n${lines[10]}\n`);
    expect(first.run.outputs['pull-request']).toBe(String(pull!.number));
    const branchHead = w.fake.getRef(REPO, `refs/heads/${pull!.head.ref}`);

    const again = await comment(issue, 'maintainer', `/add ${url} Helper › blog`);

    expect(again.run.code, again.run.stdout).toBe(0);
    expect(w.fake.getPulls(REPO).filter((p) => p.head.ref.startsWith('listkeeper/add-'))).toHaveLength(1);
    // The branch already holds this entry on the same base: nothing is pushed.
    expect(w.fake.getRef(REPO, `refs/heads/${pull!.head.ref}`)).toBe(branchHead);
    expect(replies(issue).at(-1)).toContain(`Already open: #${pull!.number}`);
  });

  it('a maintainer\'s `add-entry` label on a "Suggest an article" issue opens the same pull request', async () => {
    const article = await articleHost();
    const url = article.url('/s/helper-eval');
    const issue = w.fake.seedIssue({ repo: REPO, title: 'Suggest: Helper eval', author: 'reader', body: `### URL\n\n${url}\n\n### List path\n\nHelper › blog\n` });
    const payload = { action: 'labeled', issue: w.fake.getIssue(REPO, issue), label: { name: 'add-entry' }, repository: w.fake.getRepo(REPO), sender: { login: 'maintainer', type: 'User' } };

    const run = await runAction({ fake: w.fake, repo: REPO, event: 'issues', payload, token: TOKEN });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [pull, ...more] = w.fake.getPulls(REPO).filter((p) => p.head.ref.startsWith('listkeeper/add-'));
    expect(more).toEqual([]);
    expect(pull!.body).toContain(`Closes #${issue}.`);
    expect(w.fake.fileAt(REPO, pull!.head.ref, 'README.md')!.split('\n')[10]).toBe(`      - [Helper 的多轮对话评测](${url}) | 机器之心 2023-01-20`);
  });
});
