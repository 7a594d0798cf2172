import { createHash } from 'node:crypto';
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './server.js';

const LIST = ['# Awesome Things', '', '## Blogs', '', '- [Alpha post](https://alpha.example/a) | Alpha Blog 2024-01-02', '- [Beta post](https://beta.example/b) | Beta Blog 2024-02-03', ''].join('\n');

let fake: FakeGitHub;
type Octokit = ReturnType<typeof getOctokit>;
let maintainer: Octokit;
let readOnly: Octokit;

function client(token: string): Octokit {
  return getOctokit(token, { baseUrl: fake.url, request: { retries: 0 } });
}

function gitBlobSha(text: string): string {
  const body = Buffer.from(text);
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

beforeEach(async () => {
  fake = await FakeGitHub.start({ contentsMaxBytes: 100 });
  fake.seedRepo({ repo: 'acme/list', files: { 'README.md': LIST }, collaborators: { maint: 'write', reader: 'read' } });
  fake.seedToken('t-write', { login: 'github-actions[bot]', write: ['acme/list'] });
  fake.seedToken('t-read', { login: 'github-actions[bot]' });
  maintainer = client('t-write');
  readOnly = client('t-read');
});

afterEach(async () => {
  // Every answer had the documented shape.
  expect(fake.shapeErrors).toEqual([]);
  await fake.close();
});

describe('fake GitHub: only documented operations', () => {
  it('refuses and records a path GitHub does not have', async () => {
    expect(await status(maintainer.request('GET /repos/{owner}/{repo}/no-such-thing', { owner: 'acme', repo: 'list' }))).toBe(404);
    expect(await status(maintainer.request('POST /repos/{owner}/{repo}/pulls/{n}/files', { owner: 'acme', repo: 'list', n: 1 }))).toBe(404);
    expect(fake.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/list/no-such-thing', 'POST /repos/acme/list/pulls/1/files']);
  });

  it('records a documented operation it does not implement', async () => {
    expect(await status(maintainer.rest.repos.listForks({ owner: 'acme', repo: 'list' }))).toBe(501);
    expect(fake.unknownRequests[0]?.reason).toMatch(/repos\/list-forks/);
  });

  it('rejects unknown tokens with 401 and read-only tokens on writes with 403', async () => {
    expect(await status(client('nope').rest.repos.get({ owner: 'acme', repo: 'list' }))).toBe(401);
    expect(await status(readOnly.rest.issues.create({ owner: 'acme', repo: 'list', title: 'x' }))).toBe(403);
    expect(fake.getIssues('acme/list')).toEqual([]);
  });
});

describe('fake GitHub: contents and git data', () => {
  it('serves a file as base64 with its git blob sha, and large files through the blob API', async () => {
    const { data } = await maintainer.rest.repos.getContent({ owner: 'acme', repo: 'list', path: 'README.md' });
    expect(Array.isArray(data)).toBe(false);
    const file = data as { content: string; encoding: string; sha: string };
    expect(file.encoding).toBe('none'); // LIST is above the 100-byte limit set for this test
    expect(file.sha).toBe(gitBlobSha(LIST));
    const blob = await maintainer.rest.git.getBlob({ owner: 'acme', repo: 'list', file_sha: file.sha });
    expect(Buffer.from(blob.data.content, 'base64').toString('utf8')).toBe(LIST);

    fake.seedFile('acme/list', 'docs/small.md', 'hello\n');
    const small = (await maintainer.rest.repos.getContent({ owner: 'acme', repo: 'list', path: 'docs/small.md' })).data as { content: string; encoding: string };
    expect(small.encoding).toBe('base64');
    expect(Buffer.from(small.content, 'base64').toString('utf8')).toBe('hello\n');
    expect(await status(maintainer.rest.repos.getContent({ owner: 'acme', repo: 'list', path: 'missing.md' }))).toBe(404);
  });

  it('makes a commit with blob/tree/commit and moves the ref only fast-forward', async () => {
    const o = { owner: 'acme', repo: 'list' };
    const head = (await maintainer.rest.git.getRef({ ...o, ref: 'heads/main' })).data.object.sha;
    const base = await maintainer.rest.git.getCommit({ ...o, commit_sha: head });
    const blob = await maintainer.rest.git.createBlob({ ...o, content: LIST + '- [Gamma](https://g.example) | G 2024-03-04\n', encoding: 'utf-8' });
    const tree = await maintainer.rest.git.createTree({ ...o, base_tree: base.data.tree.sha, tree: [{ path: 'README.md', mode: '100644', type: 'blob', sha: blob.data.sha }] });
    const commit = await maintainer.rest.git.createCommit({ ...o, message: 'Sort list', tree: tree.data.sha, parents: [head] });
    await maintainer.rest.git.updateRef({ ...o, ref: 'heads/main', sha: commit.data.sha });
    expect(fake.fileAt('acme/list', 'main', 'README.md')).toContain('Gamma');
    expect(fake.commitLog('acme/list', 'main')[0]?.message).toBe('Sort list');

    // A commit that does not descend from the tip is refused, as on GitHub.
    const sideways = await maintainer.rest.git.createCommit({ ...o, message: 'stale', tree: tree.data.sha, parents: [head] });
    const err = await maintainer.rest.git.updateRef({ ...o, ref: 'heads/main', sha: sideways.data.sha }).catch((e: unknown) => e as { status: number; message: string });
    expect(err).toMatchObject({ status: 422 });
    expect(String((err as { message: string }).message)).toMatch(/not a fast forward/);
    expect(fake.getRef('acme/list', 'main')).toBe(commit.data.sha);
    expect(await status(maintainer.rest.git.createRef({ ...o, ref: 'refs/heads/main', sha: head }))).toBe(422);
  });
});

describe('fake GitHub: pulls', () => {
  it('lists PR files with GitHub-format patches, for same-repo and fork PRs', async () => {
    fake.seedRepo({ repo: 'stranger/list', forkOf: 'acme/list' });
    const added = LIST.replace('- [Beta', '- [New one](https://new.example/x) | New Blog 2024-01-20\n- [Beta');
    const pr = fake.seedPull({ repo: 'acme/list', author: 'stranger', headRepo: 'stranger/list', headBranch: 'patch-1', files: { 'README.md': added }, maintainerCanModify: true });
    const { data: pull } = await maintainer.rest.pulls.get({ owner: 'acme', repo: 'list', pull_number: pr.number });
    expect(pull.head.repo?.full_name).toBe('stranger/list');
    expect(pull.head.sha).toBe(pr.headSha);
    expect(pull.base.repo.full_name).toBe('acme/list');
    expect(pull.maintainer_can_modify).toBe(true);
    const { data: files } = await maintainer.rest.pulls.listFiles({ owner: 'acme', repo: 'list', pull_number: pr.number });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: 'README.md', status: 'modified', additions: 1, deletions: 0 });
    expect(files[0]!.patch).toBe(
      ['@@ -3,4 +3,5 @@', ' ## Blogs', ' ', ' - [Alpha post](https://alpha.example/a) | Alpha Blog 2024-01-02', '+- [New one](https://new.example/x) | New Blog 2024-01-20', ' - [Beta post](https://beta.example/b) | Beta Blog 2024-02-03'].join('\n'),
    );
    const open = await maintainer.rest.pulls.list({ owner: 'acme', repo: 'list', head: 'stranger:patch-1' });
    expect(open.data.map((p) => p.number)).toEqual([pr.number]);
  });

  it('accepts review comments only on lines of the diff', async () => {
    const added = LIST + '- [Tail](https://tail.example) | T 2024-05-06\n';
    const pr = fake.seedPull({ repo: 'acme/list', author: 'maint', headBranch: 'add-tail', files: { 'README.md': added } });
    const o = { owner: 'acme', repo: 'list', pull_number: pr.number, commit_id: pr.headSha, path: 'README.md', side: 'RIGHT' as const };
    expect(await status(maintainer.rest.pulls.createReviewComment({ ...o, line: 1, body: 'far away' }))).toBe(422);
    await maintainer.rest.pulls.createReviewComment({ ...o, line: 7, body: '```suggestion\nfixed\n```' });
    const comments = fake.getReviewComments('acme/list', pr.number);
    expect(comments.map((c) => [c.line, c.body])).toEqual([[7, '```suggestion\nfixed\n```']]);
    expect(comments[0]!.diff_hunk).toMatch(/^@@ .* @@\n[\s\S]*\+- \[Tail\]/);
    // A review is created with all its comments or none.
    const review = maintainer.rest.pulls.createReview({ ...o, event: 'COMMENT', body: 'x', comments: [{ path: 'README.md', line: 7, body: 'ok' }, { path: 'README.md', line: 1, body: 'bad' }] });
    expect(await status(review)).toBe(422);
    expect(fake.getReviewComments('acme/list', pr.number)).toHaveLength(1);
  });
});

describe('fake GitHub: issues, comments, reactions, search', () => {
  it('keeps an issue with labels, finds it by search, closes and reopens it', async () => {
    const o = { owner: 'acme', repo: 'list' };
    const created = await maintainer.rest.issues.create({ ...o, title: 'Dead links', body: '<!-- listkeeper:report -->\n3 dead', labels: ['dead-links'] });
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['dead-links']);
    const found = await maintainer.rest.search.issuesAndPullRequests({ q: 'repo:acme/list is:issue label:dead-links "listkeeper:report" in:body' });
    expect(found.data.items.map((i) => i.number)).toEqual([created.data.number]);
    const none = await maintainer.rest.search.issuesAndPullRequests({ q: 'repo:acme/list is:issue label:other' });
    expect(none.data.total_count).toBe(0);
    await maintainer.rest.issues.update({ ...o, issue_number: created.data.number, state: 'closed' });
    expect(fake.getIssue('acme/list', created.data.number).state).toBe('closed');
    const listed = await maintainer.rest.issues.listForRepo({ ...o, labels: 'dead-links', state: 'all' });
    expect(listed.data.map((i) => i.state)).toEqual(['closed']);
    await maintainer.rest.issues.update({ ...o, issue_number: created.data.number, state: 'open' });
    expect(fake.getIssue('acme/list', created.data.number)).toMatchObject({ state: 'open', state_reason: 'reopened' });
  });

  it('edits comments in place, reacts, and paginates long lists', async () => {
    const pr = fake.seedPull({ repo: 'acme/list', author: 'maint', headBranch: 'x', files: { 'README.md': LIST + 'x\n' } });
    const o = { owner: 'acme', repo: 'list', issue_number: pr.number };
    for (let i = 0; i < 35; i++) fake.seedComment({ repo: 'acme/list', issue: pr.number, author: 'maint', body: `c${i}` });
    const all = await maintainer.paginate(maintainer.rest.issues.listComments, { ...o, per_page: 10 });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 35 }, (_, i) => `c${i}`));
    const mine = await maintainer.rest.issues.createComment({ ...o, body: 'first' });
    await maintainer.rest.issues.updateComment({ owner: 'acme', repo: 'list', comment_id: mine.data.id, body: 'second' });
    const last = fake.getComments('acme/list', pr.number).at(-1)!;
    expect([last.body, last.user?.login]).toEqual(['second', 'github-actions[bot]']);
    await maintainer.rest.reactions.createForIssueComment({ owner: 'acme', repo: 'list', comment_id: all[0]!.id, content: 'eyes' });
    await maintainer.rest.reactions.createForIssueComment({ owner: 'acme', repo: 'list', comment_id: all[0]!.id, content: 'eyes' });
    expect(fake.getReactions(all[0]!.id)).toEqual(['eyes']);
  });

  it('reports collaborator permission levels', async () => {
    const level = async (username: string): Promise<string> =>
      (await maintainer.rest.repos.getCollaboratorPermissionLevel({ owner: 'acme', repo: 'list', username })).data.permission;
    fake.seedUser('passerby');
    expect([await level('acme'), await level('maint'), await level('reader'), await level('passerby')]).toEqual(['admin', 'write', 'read', 'read']);
  });
});

describe('fake GitHub: check runs and apps', () => {
  it('limits annotations to 50 per request and accumulates them over updates', async () => {
    const o = { owner: 'acme', repo: 'list' };
    const sha = fake.getRef('acme/list', 'main')!;
    const ann = (n: number): Array<{ path: string; start_line: number; end_line: number; annotation_level: 'failure'; message: string }> =>
      Array.from({ length: n }, (_, i) => ({ path: 'README.md', start_line: i + 1, end_line: i + 1, annotation_level: 'failure', message: `m${i}` }));
    const run = await maintainer.rest.checks.create({ ...o, name: 'listkeeper', head_sha: sha, status: 'in_progress' });
    expect(await status(maintainer.rest.checks.update({ ...o, check_run_id: run.data.id, output: { title: 't', summary: 's', annotations: ann(51) } }))).toBe(422);
    await maintainer.rest.checks.update({ ...o, check_run_id: run.data.id, output: { title: 't', summary: 's', annotations: ann(50) } });
    await maintainer.rest.checks.update({ ...o, check_run_id: run.data.id, conclusion: 'failure', output: { title: 't', summary: 's', annotations: ann(3) } });
    const [stored] = fake.getCheckRuns('acme/list');
    expect(stored).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(stored!.annotations).toHaveLength(53);
  });

  it('issues installation tokens to an app JWT, which can push to a fork PR branch that allows edits', async () => {
    fake.seedInstallation({ id: 7, account: 'acme', repos: ['acme/list'] });
    fake.seedRepo({ repo: 'stranger/list', forkOf: 'acme/list' });
    const pr = fake.seedPull({ repo: 'acme/list', author: 'stranger', headRepo: 'stranger/list', headBranch: 'p', files: { 'README.md': LIST + 'y\n' }, maintainerCanModify: true });
    const jwt = client('eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln');
    const { data } = await jwt.rest.apps.createInstallationAccessToken({ installation_id: 7 });
    const inst = client(data.token);
    const o = { owner: 'stranger', repo: 'list' };
    const commit = await inst.rest.git.createCommit({ ...o, message: 'sort', tree: (await inst.rest.git.getCommit({ ...o, commit_sha: pr.headSha })).data.tree.sha, parents: [pr.headSha] });
    await inst.rest.git.updateRef({ ...o, ref: 'heads/p', sha: commit.data.sha });
    expect(fake.getPull('acme/list', pr.number).head.sha).toBe(commit.data.sha);
    // The workflow token of the base repository cannot.
    expect(await status(maintainer.rest.git.updateRef({ ...o, ref: 'heads/p', sha: pr.headSha, force: true }))).toBe(403);
  });
});

describe('fake GitHub: test hooks', () => {
  it('runs a one-shot hook just before the next request of an operation', async () => {
    const o = { owner: 'acme', repo: 'list' };
    const head = fake.getRef('acme/list', 'main')!;
    const tree = (await maintainer.rest.git.getCommit({ ...o, commit_sha: head })).data.tree.sha;
    const mine = await maintainer.rest.git.createCommit({ ...o, message: 'mine', tree, parents: [head] });
    let pushed = '';
    fake.beforeNext('git/update-ref', () => {
      pushed = fake.seedFile('acme/list', 'other.md', 'someone else\n', { message: 'pushed meanwhile' });
    });
    expect(await status(maintainer.rest.git.updateRef({ ...o, ref: 'heads/main', sha: mine.data.sha }))).toBe(422);
    expect(fake.getRef('acme/list', 'main')).toBe(pushed);
    // One-shot: the next update is not intercepted.
    const next = await maintainer.rest.git.createCommit({ ...o, message: 'again', tree, parents: [pushed] });
    await maintainer.rest.git.updateRef({ ...o, ref: 'heads/main', sha: next.data.sha });
    expect(fake.getRef('acme/list', 'main')).toBe(next.data.sha);
  });
});

describe('fake GitHub: answers match the documented schemas', () => {
  it('for repositories and app installations too', async () => {
    fake.seedInstallation({ id: 3, account: 'acme', repos: ['acme/list'] });
    const app = client('eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln');
    const [installation] = (await app.rest.apps.listInstallations()).data;
    expect(installation?.account).toMatchObject({ login: 'acme' });
    expect((await maintainer.rest.repos.get({ owner: 'acme', repo: 'list' })).data).toMatchObject({ full_name: 'acme/list', default_branch: 'main', has_discussions: false });
    // afterEach asserts fake.shapeErrors is empty.
  });
});
