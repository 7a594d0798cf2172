import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CommentEvent, parseCommand, runCommand } from '../../src/github/commands/commands.js';
import { COMMAND_REPLY_MARKER } from '../../src/github/markers.js';
import { TooComplexError } from '../../src/github/core-budget.js';
import {
  api,
  capture,
  contentsReply,
  type Json,
  makeClient,
  makeContext,
  outsideCode,
  REPO_PATH,
  setUpNock,
  tearDownNock,
  unmovableSection,
} from './helpers.js';

beforeEach(setUpNock);
afterEach(() => expect(tearDownNock()).toEqual([]));

/** Line 7 is the new entry; its date belongs between lines 5 and 6. */
const UNSORTED = [
  '# Awesome LLM reading',
  '',
  '## Blogs',
  '',
  '- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
  '- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
  '- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20',
  '',
].join('\n');

const SORTED = [
  '# Awesome LLM reading',
  '',
  '## Blogs',
  '',
  '- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
  '- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20',
  '- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
  '',
].join('\n');

const PATCH = [
  '@@ -4,3 +4,4 @@',
  ' ',
  ' - [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
  ' - [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
  '+- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20',
].join('\n');

/**
 * The Papers list is out of order, but its last item ends in a code block and
 * line 10 follows without a blank line: moved last, the other item would
 * swallow that line, so `/sort` leaves the list as it is.
 */
const UNMOVABLE = ['# Awesome LLM reading', '', ...unmovableSection('## Papers, thanks @octo-reviewer')].join('\n');

const UNMOVABLE_PATCH = [
  '@@ -5,1 +5,2 @@',
  ' - [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
  '+- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
].join('\n');

// The line links to the PR's head commit, where the list was read.
const UNMOVABLE_NOTE =
  "- `README.md` [line 6](https://github.com/octo-lists/awesome-llm/blob/head-sha-1/README.md#L6): `the list in section 'Papers, thanks @octo-reviewer' (line 5)` — " +
  'line 10 right after it would join whichever item came last; put a blank line after the list.';

const SAME_REPO = { full_name: 'octo-lists/awesome-llm', name: 'awesome-llm', owner: { login: 'octo-lists' } };
const FORK = { full_name: 'contributor/awesome-llm', name: 'awesome-llm', owner: { login: 'contributor' } };

function pull(headRepo: Json, maintainerCanModify = false): Json {
  return {
    number: 7,
    state: 'open',
    user: { login: 'contributor' },
    maintainer_can_modify: maintainerCanModify,
    head: { sha: 'head-sha-1', ref: 'add-posts', repo: headRepo },
    base: { sha: 'base-sha-1', ref: 'main', repo: SAME_REPO },
  };
}

function event(body: string, login = 'maintainer', extra: Partial<CommentEvent> = {}): CommentEvent {
  return {
    action: 'created',
    issue: { number: 7, pull_request: { url: 'x' }, user: { login: 'contributor' } },
    comment: { id: 900, body, user: { login, type: 'User' } },
    ...extra,
  };
}

function mockPermission(login: string, permission: string, role = permission): void {
  api().get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: role, user: { login } });
}

function mockReaction(content: string): void {
  api().post(`${REPO_PATH}/issues/comments/900/reactions`, { content }).reply(201, { id: 1, content });
}

function mockReply(): ReturnType<typeof capture> {
  const reply = capture();
  api().post(`${REPO_PATH}/issues/7/comments`, reply.match).reply(201, { id: 901, html_url: 'x' });
  return reply;
}

function mockPullState(headRepo: Json, text: string, patch = PATCH, maintainerCanModify = false): void {
  api().get(`${REPO_PATH}/pulls/7`).reply(200, pull(headRepo, maintainerCanModify));
  api().get(`${REPO_PATH}/pulls/7/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified', patch }]);
  api().get(`${REPO_PATH}/contents/README.md`).query({ ref: 'head-sha-1' }).reply(200, contentsReply('README.md', text));
}

/** The Git Data API calls of one commit on `repoPath`, capturing the uploaded file. */
function mockCommit(repoPath: string): { blob: ReturnType<typeof capture>; tree: ReturnType<typeof capture>; commit: ReturnType<typeof capture> } {
  const blob = capture();
  const tree = capture();
  const commit = capture();
  api().get(`${repoPath}/git/commits/head-sha-1`).reply(200, { sha: 'head-sha-1', tree: { sha: 'tree-head' }, parents: [] });
  api().post(`${repoPath}/git/blobs`, blob.match).reply(201, { sha: 'blob-new' });
  api().post(`${repoPath}/git/trees`, tree.match).reply(201, { sha: 'tree-new' });
  api().post(`${repoPath}/git/commits`, commit.match).reply(201, { sha: 'commit-new-1234' });
  return { blob, tree, commit };
}

describe('parseCommand', () => {
  it('takes only an exact first line', () => {
    expect(parseCommand('/sort')).toBe('sort');
    expect(parseCommand('  /fix  \r\nthanks!')).toBe('fix');
    expect(parseCommand('/check-links')).toBe('check-links');
    expect(parseCommand('please /sort')).toBeNull();
    expect(parseCommand('/sorted')).toBeNull();
    expect(parseCommand('thanks\n/sort')).toBeNull();
    expect(parseCommand('/sort; rm -rf /')).toBeNull();
  });
});

describe('runCommand /sort', () => {
  it('by a maintainer on a same-repository PR makes one fast-forward commit with the sorted file', async () => {
    mockPermission('maintainer', 'write', 'maintain');
    mockReaction('eyes');
    mockPullState(SAME_REPO, UNSORTED);
    api().get(`${REPO_PATH}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'head-sha-1' } });
    const { blob, tree, commit } = mockCommit(REPO_PATH);
    const ref = capture();
    api().patch(`${REPO_PATH}/git/refs/heads%2Fadd-posts`, ref.match).reply(200, { object: { sha: 'commit-new-1234' } });
    mockReaction('rocket');
    const reply = mockReply();

    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });

    expect(result).toMatchObject({ command: 'sort', outcome: 'committed', commitSha: 'commit-new-1234' });
    expect(blob.json.encoding).toBe('base64');
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe(SORTED);
    expect(tree.json).toEqual({ base_tree: 'tree-head', tree: [{ path: 'README.md', mode: '100644', type: 'blob', sha: 'blob-new' }] });
    expect(commit.json).toMatchObject({ tree: 'tree-new', parents: ['head-sha-1'] });
    expect(String(commit.json.message)).toMatch(/^Sort lists by date/);
    expect(ref.json).toEqual({ sha: 'commit-new-1234', force: false });
    expect(reply.text.startsWith(COMMAND_REPLY_MARKER)).toBe(true);
    expect(reply.text).toContain('commit-');
  });

  it('by a stranger gets a polite reply and nothing else (no reaction, no commit)', async () => {
    mockPermission('passer-by', 'read');
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort', 'passer-by') });
    expect(result.outcome).toBe('refused');
    expect(reply.text).toMatch(/Thanks.*@passer-by.*can only be run by people with write access/s);
  });

  it('stops when the head moved after the comment, without touching the branch', async () => {
    mockPermission('maintainer', 'admin');
    mockReaction('eyes');
    mockPullState(SAME_REPO, UNSORTED);
    api().get(`${REPO_PATH}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'someone-elses-push' } });
    mockReaction('confused');
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('head-moved');
    expect(reply.text).toMatch(/branch moved/);
    expect(reply.text).toContain('/sort` again');
  });

  it('stops when the branch moves between the check and the push (GitHub refuses the non-fast-forward)', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(SAME_REPO, UNSORTED);
    api().get(`${REPO_PATH}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'head-sha-1' } });
    mockCommit(REPO_PATH);
    api().patch(`${REPO_PATH}/git/refs/heads%2Fadd-posts`).reply(422, { message: 'Update is not a fast forward' });
    mockReaction('confused');
    mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('head-moved');
  });

  it('on a fork without maintainer edits replies with a suggestion block on the diff', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(FORK, UNSORTED);
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    api().post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 5 });
    const reply = mockReply();

    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });

    expect(result.outcome).toBe('suggested');
    const [comment] = review.json.comments as Json[];
    expect(comment).toMatchObject({ path: 'README.md', start_line: 6, line: 7, side: 'RIGHT', start_side: 'RIGHT' });
    expect(String(comment.body)).toContain(
      '```suggestion\n- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20\n- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10\n```',
    );
    expect(reply.text).toMatch(/not allowed edits from maintainers/);
    expect(reply.text).toMatch(/Commit suggestion/);
  });

  it('on a fork whose change lies outside the diff replies with a patch that git can apply', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    const onlyLastLine = '@@ -6,0 +7,1 @@\n+- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20';
    mockPullState(FORK, UNSORTED, onlyLastLine);
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('suggested');
    expect(reply.text).toContain('git apply');
    expect(reply.text).toContain(
      [
        '--- a/README.md',
        '+++ b/README.md',
        '@@ -3,5 +3,5 @@',
        ' ## Blogs',
        ' ',
        ' - [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
        '-- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
        '-- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20',
        '+- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20',
        '+- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
      ].join('\n'),
    );
  });

  it('puts the patch in a code block that a line of backticks in the list cannot close', async () => {
    // The list holds an (empty) fenced block of four backticks just above the entries the patch moves.
    const withFence = UNSORTED.replace('## Blogs\n\n', '## Blogs\n\n````\n````\n\n');
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(FORK, withFence, '@@ -8,0 +9,1 @@\n+- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20');
    const reply = mockReply();

    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });

    expect(result.outcome).toBe('suggested');
    expect(reply.text).toContain('\n ````\n');
    // The block opens with more backticks than any run inside, and closes only after the last diff line.
    const block = /^(`{5,})diff\n([\s\S]*?)\n\1$/m.exec(reply.text);
    expect(block?.[2]).toContain('+- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10');
    expect(block?.[2].split('\n').at(-1)).toMatch(/^\+- \[Sparse attention/);
  });

  it('on a fork that allows maintainer edits pushes to the fork branch', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(FORK, UNSORTED, PATCH, true);
    const forkPath = '/repos/contributor/awesome-llm';
    api().get(`${forkPath}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'head-sha-1' } });
    mockCommit(forkPath);
    api().patch(`${forkPath}/git/refs/heads%2Fadd-posts`, { sha: 'commit-new-1234', force: false }).reply(200, {});
    mockReaction('rocket');
    mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('committed');
  });

  it('on a fork that allows maintainer edits but refuses this token falls back to suggestions', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(FORK, UNSORTED, PATCH, true);
    const forkPath = '/repos/contributor/awesome-llm';
    api().get(`${forkPath}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'head-sha-1' } });
    api().get(`${forkPath}/git/commits/head-sha-1`).reply(200, { tree: { sha: 'tree-head' }, parents: [] });
    api().post(`${forkPath}/git/blobs`).reply(403, { message: 'Resource not accessible by integration' });
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    api().post(`${REPO_PATH}/pulls/7/reviews`).reply(200, { id: 5 });
    const reply = mockReply();
    const ctx = makeContext();
    const result = await runCommand(makeClient(), ctx, { event: event('/sort') });
    expect(result.outcome).toBe('suggested');
    expect(reply.text).toMatch(/cannot push to the fork/);
    expect(ctx.logs.some((l) => l.level === 'notice' && /cannot push to the fork branch/.test(l.message))).toBe(true);
  });

  it('replies that the file has no dated list to sort, rather than that it is sorted by date', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(SAME_REPO, '# Tools\n\n- [b](https://b.example/) - B.\n- [a](https://a.example/) - A.\n');
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('unchanged');
    expect(reply.text).toMatch(/`README.md` has no list of dated entries to sort at head-sh/);
  });

  it('replies that the file is already sorted when there is nothing to change', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(SAME_REPO, SORTED);
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('unchanged');
    expect(reply.text).toMatch(/`README.md` is already sorted by date at head-sh/);
  });

  it('names a list it cannot sort safely, says why, and does not claim the file is sorted', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(SAME_REPO, UNMOVABLE, UNMOVABLE_PATCH);
    const reply = mockReply();
    // No commit is attempted: nock refuses any request not mocked here.
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('unchanged');
    expect(reply.text).not.toMatch(/already sorted/);
    expect(reply.text).toContain('Nothing was changed at head-sh');
    expect(reply.text).toContain('Not sorted: moving the items could change the document, so listkeeper left this list out of date order:');
    expect(reply.text).toContain(UNMOVABLE_NOTE);
    expect(reply.text).toContain('then comment `/sort` again.');
    expect(outsideCode(reply.text)).not.toContain('@');
  });

  it('sorts what it can and names the list it left as it is in the same reply', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    const text = `${UNSORTED}\n${UNMOVABLE.replace('# Awesome LLM reading\n\n', '')}`;
    mockPullState(SAME_REPO, text);
    api().get(`${REPO_PATH}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'head-sha-1' } });
    const { blob } = mockCommit(REPO_PATH);
    api().patch(`${REPO_PATH}/git/refs/heads%2Fadd-posts`, { sha: 'commit-new-1234', force: false }).reply(200, {});
    mockReaction('rocket');
    const reply = mockReply();

    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });

    expect(result.outcome).toBe('committed');
    // Blogs sorted; the Papers list (lines 11 on) left byte for byte.
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe(`${SORTED}\n${UNMOVABLE.replace('# Awesome LLM reading\n\n', '')}`);
    expect(reply.text).toContain('Done: `README.md`: 1 list sorted in commit-');
    expect(reply.text).toContain(UNMOVABLE_NOTE.replace('line 6', 'line 12').replace('#L6', '#L12').replace('(line 5)', '(line 11)').replace('line 10 right', 'line 16 right'));
  });

  it('on a fork it cannot push to, names the list it left as it is under the suggestions', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    const text = `${UNSORTED}\n${UNMOVABLE.replace('# Awesome LLM reading\n\n', '')}`;
    mockPullState(FORK, text);
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    api().post(`${REPO_PATH}/pulls/7/reviews`).reply(200, { id: 5 });
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('suggested');
    expect(reply.text).toMatch(/Commit suggestion/);
    expect(reply.text).toContain("- `README.md` [line 12](https://github.com/octo-lists/awesome-llm/blob/head-sha-1/README.md#L12): `the list in section 'Papers, thanks @octo-reviewer' (line 11)` — line 16 right after it");
  });

  it('ignores edits, bots, its own replies and commands not on the first line, without any request', async () => {
    const client = makeClient();
    const ctx = makeContext();
    const cases: CommentEvent[] = [
      event('/sort', 'maintainer', { action: 'edited' }),
      { ...event('/sort'), comment: { id: 900, body: '/sort', user: { login: 'renovate[bot]', type: 'Bot' } } },
      event('/sort', 'github-actions[bot]'),
      event(`${COMMAND_REPLY_MARKER}\n/sort`),
      event('I think we should\n/sort'),
      { ...event('/sort'), issue: { number: 7, user: { login: 'contributor' } } },
    ];
    for (const e of cases) expect((await runCommand(client, ctx, { event: e })).outcome).toBe('ignored');
  });
});

describe('runCommand /fix', () => {
  it("lets the PR's author fix their own PR: one commit with every fixable message applied", async () => {
    const broken = UNSORTED.replace('NLP Daily 2023-01-20', 'NLP Daily 2023-1-20').replace(') | Model Digest', ')  |  Model Digest');
    mockReaction('eyes');
    mockPullState(SAME_REPO, broken);
    api().get(`${REPO_PATH}/git/ref/heads%2Fadd-posts`).reply(200, { object: { sha: 'head-sha-1' } });
    const { blob, commit } = mockCommit(REPO_PATH);
    api().patch(`${REPO_PATH}/git/refs/heads%2Fadd-posts`, { sha: 'commit-new-1234', force: false }).reply(200, {});
    mockReaction('rocket');
    const reply = mockReply();

    const result = await runCommand(makeClient(), makeContext(), { event: event('/fix', 'contributor') });

    expect(result.outcome).toBe('committed');
    // Fixed, not sorted: /fix leaves the order alone.
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe(UNSORTED);
    expect(String(commit.json.message)).toMatch(/^Fix list formatting/);
    expect(reply.text).toMatch(/fixes applied/);
  });

  it("refuses a PR's list file over 4 MB (the limit for anyone's files) before fetching it, and pushes nothing", async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    api().get(`${REPO_PATH}/pulls/7`).reply(200, pull(SAME_REPO));
    api().get(`${REPO_PATH}/pulls/7/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified', patch: PATCH }]);
    // 5 MB by the API's size: under the 10 MB limit of the maintainers' own files, over the 4 MB of a PR's.
    api()
      .get(`${REPO_PATH}/contents/README.md`)
      .query({ ref: 'head-sha-1' })
      .reply(200, { ...contentsReply('README.md', UNSORTED), size: 5 * 1024 * 1024 });
    mockReaction('confused');
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort') });
    expect(result.outcome).toBe('failed');
    expect(reply.text).toContain('😕 README.md: the file is too large (5.0 MB; the limit is 4.0 MB)');
  });

  it('answers a list too complex for the budget with the clear message, not a stack or a generic failure', async () => {
    mockPermission('maintainer', 'write');
    mockReaction('eyes');
    mockPullState(SAME_REPO, UNSORTED);
    mockReaction('confused');
    const reply = mockReply();
    const changeLists = async (): Promise<never> => {
      throw new TooComplexError('time', { timeMs: 20_000, memoryMb: 512 });
    };
    const result = await runCommand(makeClient(), makeContext(), { event: event('/sort'), changeLists });
    expect(result.outcome).toBe('failed');
    expect(reply.text).toContain('😕 `/sort` stopped: the list files of this pull request are too complex to check within 20 s.');
    expect(reply.text).not.toMatch(/failed:/);
  });

  it('reports a failure with 😕 and the reason', async () => {
    mockReaction('eyes');
    api().get(`${REPO_PATH}/pulls/7`).reply(502, { message: 'Bad gateway' });
    mockReaction('confused');
    const reply = mockReply();
    const result = await runCommand(makeClient(), makeContext(), { event: event('/fix', 'contributor') });
    expect(result.outcome).toBe('failed');
    expect(reply.text).toMatch(/`\/fix` failed: HTTP 502/);
  });
});
