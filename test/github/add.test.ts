/**
 * `/add` and the labelled "Suggest an article" issue, end to end through the
 * shared workflow: GitHub is nock, the article is a real page on a loopback
 * server (127.0.0.91) read by the real page reader, the entry is planned by
 * the real planner.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoPageServer, type DemoPageServer } from '../../src/cli/demo-pages.js';
import { addBranchName } from '../../src/github/commands/add/add.js';
import { runAddFromIssue, type IssueLabelEvent } from '../../src/github/commands/add/add-issue.js';
import { type CommentEvent, runCommand } from '../../src/github/commands/commands.js';
import { api, APP_LINKS, capture, contentsReply, makeClient, makeContext, REPO_PATH, setUpNock, tearDownNock } from './helpers.js';

const HOST = '127.0.0.91';
let origin = '';
let server: Server;
/** The headers of every page request, to see which settings a read kept. */
const seenHeaders: IncomingHttpHeaders[] = [];

/** A WeChat-like article (Chinese title with the site's suffix, its account, a publish time), and one that gives no date. */
const PAGES: Record<string, string> = {
  '/s/glm-speed': page('ChatGLM 推理加速实战 - 机器之心', '机器之心', '2023-01-10T09:30:00+08:00'),
  '/s/no-date': page('对话系统综述', 'AINLP', null),
};

function page(title: string, site: string, published: string | null): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<title>${title}</title>`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:site_name" content="${site}">`,
    published ? `<meta property="article:published_time" content="${published}">` : '',
    '</head><body><h1 id="activity-name">', title, '</h1><p>正文……</p></body></html>',
  ].join('\n');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders.push(req.headers);
    const body = PAGES[req.url ?? ''];
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  origin = `http://${HOST}:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(setUpNock);
afterEach(() => expect(tearDownNock()).toEqual([]));

const LIST = [
  '# Awesome LLM reading',
  '',
  '## Blogs',
  '',
  '- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
  '- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023-01-20',
  '',
].join('\n');

const ADD = { reader: APP_LINKS };

function commentOn(issue: { number: number; pull?: boolean }, body: string, login = 'maintainer'): CommentEvent {
  return {
    action: 'created',
    issue: { number: issue.number, ...(issue.pull ? { pull_request: { url: 'x' } } : {}), user: { login: 'reader' } },
    comment: { id: 900, body, user: { login, type: 'User' } },
  };
}

function mockPermission(login: string, permission: string): void {
  api().get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: permission, user: { login } });
}

function mockCommentReaction(content: string): void {
  api().post(`${REPO_PATH}/issues/comments/900/reactions`, { content }).reply(201, { id: 1, content });
}

function mockReply(issue: number): ReturnType<typeof capture> {
  const reply = capture();
  api().post(`${REPO_PATH}/issues/${issue}/comments`, reply.match).reply(201, { id: 901, html_url: 'x' });
  return reply;
}

/** A writer's `/add` on issue 12 that the workflow turns down (with a reply) after reading the lists at `main-sha`. */
function mockTurnedDownOnIssue(lists = LIST): ReturnType<typeof capture> {
  mockPermission('maintainer', 'write');
  mockCommentReaction('eyes');
  mockDefaultHead();
  mockLists('main-sha', lists);
  mockCommentReaction('confused');
  return mockReply(12);
}

/** The lists as the workflow reads them at `sha`. */
function mockLists(sha: string, text = LIST): void {
  api().get(`${REPO_PATH}/git/trees/${sha}`).query({ recursive: 'true' }).reply(200, { sha: `tree-${sha}`, truncated: false, tree: [{ path: 'README.md', type: 'blob', sha: 'b1' }] });
  api().get(`${REPO_PATH}/contents/README.md`).query({ ref: sha }).reply(200, contentsReply('README.md', text));
}

function mockDefaultHead(): void {
  api().get(`${REPO_PATH}/git/ref/heads%2Fmain`).reply(200, { ref: 'refs/heads/main', object: { sha: 'main-sha', type: 'commit' } });
}

const refPath = (branch: string): string => `${REPO_PATH}/git/ref/${encodeURIComponent(`heads/${branch}`)}`;

/** Blob and tree of one commit on top of `parent`; the blob's text is captured. */
function mockTree(parent: string): ReturnType<typeof capture> {
  const blob = capture();
  api().get(`${REPO_PATH}/git/commits/${parent}`).reply(200, { sha: parent, tree: { sha: `tree-${parent}` }, parents: [] });
  api().post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'blob-new' });
  api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-added' });
  return blob;
}

function blobText(blob: ReturnType<typeof capture>): string {
  return Buffer.from(String(blob.json.content), 'base64').toString('utf8');
}

/** No branch or pull request for `url` yet: the commit on top of the planned tree, its branch and the pull request are created (bodies captured). */
function mockNewPullRequest(url: string, commitSha: string, number: number): { commit: ReturnType<typeof capture>; pr: ReturnType<typeof capture> } {
  const branch = addBranchName(url);
  api().get(refPath(branch)).reply(404, { message: 'Not Found' });
  const commit = capture();
  api().post(`${REPO_PATH}/git/commits`, commit.match).reply(201, { sha: commitSha });
  api().post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${branch}`, sha: commitSha }).reply(201, {});
  api().get(`${REPO_PATH}/pulls`).query({ head: `octo-lists:${branch}`, state: 'open', per_page: 10 }).times(2).reply(200, []);
  const pr = capture();
  api().post(`${REPO_PATH}/pulls`, pr.match).reply(201, { number, html_url: `https://github.com/octo-lists/awesome-llm/pull/${number}`, title: 't', body: 'b' });
  return { commit, pr };
}

const EXPECTED_LINE = (url: string): string => `- [ChatGLM 推理加速实战](${url}) | 机器之心 2023-01-10`;

describe('/add on an issue', () => {
  it('opens a pull request on the URL\'s own branch that adds the entry at its date and closes the issue, and replies with the entry', async () => {
    const url = `${origin}/s/glm-speed`;
    const branch = addBranchName(url);
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockDefaultHead();
    mockLists('main-sha');
    const blob = mockTree('main-sha');
    const { commit, pr } = mockNewPullRequest(url, 'add-commit-1', 31);
    mockCommentReaction('rocket');
    const reply = mockReply(12);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${url} Blogs`), add: ADD });

    expect(result).toMatchObject({ command: 'add', outcome: 'opened', pullRequest: { number: 31 } });
    expect(blobText(blob).split('\n')).toEqual([...LIST.split('\n').slice(0, 5), EXPECTED_LINE(url), ...LIST.split('\n').slice(5)]);
    expect(commit.json.parents).toEqual(['main-sha']);
    expect(pr.json).toMatchObject({ head: branch, base: 'main', title: 'Add ChatGLM 推理加速实战' });
    expect(pr.text).toContain('Closes #12.');
    expect(pr.text).toContain(EXPECTED_LINE(url));
    expect(reply.text).toContain('Opened #31');
    expect(reply.text).toContain('`README.md` › `Blogs`, line 6');
    expect(reply.text).toContain(EXPECTED_LINE(url));
  });

  it('asked again for the same URL, finds the branch and pull request already there and opens no second one', async () => {
    const url = `${origin}/s/glm-speed`;
    const branch = addBranchName(url);
    mockPermission('maintainer', 'admin');
    mockCommentReaction('eyes');
    mockDefaultHead();
    mockLists('main-sha');
    mockTree('main-sha');
    // The branch is already one commit with this tree on the same base: nothing is committed or pushed.
    api().get(refPath(branch)).reply(200, { ref: `refs/heads/${branch}`, object: { sha: 'add-commit-1', type: 'commit' } });
    api().get(`${REPO_PATH}/git/commits/add-commit-1`).reply(200, { sha: 'add-commit-1', tree: { sha: 'tree-added' }, parents: [{ sha: 'main-sha' }] });
    // The open pull request is found by its branch; its body is compared, and brought up to date.
    api()
      .get(`${REPO_PATH}/pulls`)
      .query({ head: `octo-lists:${branch}`, state: 'open', per_page: 10 })
      .times(2)
      .reply(200, [{ number: 31, html_url: 'https://github.com/octo-lists/awesome-llm/pull/31', title: 'Add ChatGLM 推理加速实战', body: 'Adds …\n\nCloses #12.\n' }]);
    const update = capture();
    api().patch(`${REPO_PATH}/pulls/31`, update.match).reply(200, { number: 31, html_url: 'https://github.com/octo-lists/awesome-llm/pull/31', title: 'Add ChatGLM 推理加速实战', body: 'new' });
    mockCommentReaction('rocket');
    const reply = mockReply(13);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 13 }, `/add ${url} Blogs`), add: ADD });

    expect(result).toMatchObject({ outcome: 'updated', pullRequest: { number: 31 } });
    // Both suggestions are closed by the one pull request.
    expect(update.text).toContain('Closes #12.\nCloses #13.');
    expect(reply.text).toContain('Updated #31');
  });

  it('the same article under another spelling of its address goes to the same branch', () => {
    expect(addBranchName('https://arxiv.org/abs/2303.08774')).toBe(addBranchName('https://arxiv.org/pdf/2303.08774v2.pdf'));
    expect(addBranchName('https://example.org/post?utm_source=x')).toBe(addBranchName('https://www.example.org/post/'));
    expect(addBranchName('https://example.org/a')).not.toBe(addBranchName('https://example.org/b'));
  });

  it("reads the page with the repository's links settings (here its headers) under the front end's", async () => {
    const url = `${origin}/s/no-date`;
    mockTurnedDownOnIssue();
    const ctx = makeContext();
    ctx.config.links.headers = { 'x-list-owner': 'acme' };
    seenHeaders.length = 0;

    await runCommand(makeClient(), ctx, { event: commentOn({ number: 12 }, `/add ${url} Blogs`), add: ADD });

    expect(seenHeaders.map((h) => h['x-list-owner'])).toEqual(['acme']);
  });

  it('replies with what the page does not say and how to give it, and opens nothing', async () => {
    const url = `${origin}/s/no-date`;
    const reply = mockTurnedDownOnIssue();

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${url} Blogs`), add: ADD });

    expect(result).toMatchObject({ command: 'add', outcome: 'not-added' });
    expect(reply.text).toContain('the page does not say its date');
    expect(reply.text).toContain(`Comment again with it, e.g. \`/add ${url} Blogs --date YYYY-MM-DD\``);
  });

  it('takes the missing value from the command and adds the entry', async () => {
    const url = `${origin}/s/no-date`;
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockDefaultHead();
    mockLists('main-sha');
    const blob = mockTree('main-sha');
    mockNewPullRequest(url, 'add-commit-2', 32);
    mockCommentReaction('rocket');
    mockReply(12);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${url} Blogs --date 2023-01-30 --source "AINLP 公众号"`), add: ADD });

    expect(result.outcome).toBe('opened');
    expect(blobText(blob).split('\n')[6]).toBe(`- [对话系统综述](${url}) | AINLP 公众号 2023-01-30`);
  });

  it('adds an entry dated after today, and says so under the reply', async () => {
    const url = `${origin}/s/no-date`;
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockDefaultHead();
    mockLists('main-sha');
    const blob = mockTree('main-sha');
    mockNewPullRequest(url, 'add-commit-4', 34);
    mockCommentReaction('rocket');
    const reply = mockReply(12);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${url} Blogs --date 2099-03-01 --source AINLP`), add: ADD });

    expect(result.outcome).toBe('opened');
    expect(blobText(blob).split('\n')[6]).toBe(`- [对话系统综述](${url}) | AINLP 2099-03-01`);
    expect(reply.text).toMatch(/Worth a look:\n- ⚠️ line 7: .*2099-03-01/);
  });

  it('refuses an article already listed, naming the line it is on', async () => {
    const url = `${origin}/s/glm-speed`;
    const reply = mockTurnedDownOnIssue(LIST.replace('- [Tokenizers', `- [Old title](${url}) | 机器之心 2023-01-10\n- [Tokenizers`));

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${url} Blogs`), add: ADD });

    expect(result.outcome).toBe('not-added');
    expect(reply.text).toContain(`not added: already listed at README.md:6: 'Old title' (2023-01-10), ${url}`);
  });

  it('is refused for someone without write access, with a reply and nothing read', async () => {
    mockPermission('reader', 'read');
    const reply = mockReply(12);
    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${origin}/s/glm-speed`, 'reader'), add: ADD });
    expect(result.outcome).toBe('refused');
    expect(reply.text).toContain('can only be run by people with write access');
  });

  it('answers a command without a URL with how to write it', async () => {
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockCommentReaction('confused');
    const reply = mockReply(12);
    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, '/add'), add: ADD });
    expect(result.outcome).toBe('failed');
    expect(reply.text).toContain('the URL is missing');
    expect(reply.text).toContain('/add <url> [list path]');
  });
});

const SAME_REPO = { full_name: 'octo-lists/awesome-llm', name: 'awesome-llm', owner: { login: 'octo-lists' } };

const FORK = { full_name: 'contributor/awesome-llm', name: 'awesome-llm', owner: { login: 'contributor' } };

function mockPull(headRepo = SAME_REPO): void {
  api()
    .get(`${REPO_PATH}/pulls/7`)
    .reply(200, {
      number: 7,
      state: 'open',
      user: { login: 'contributor' },
      maintainer_can_modify: false,
      head: { sha: 'head-sha-1', ref: 'add-posts', repo: headRepo },
      base: { sha: 'base-sha-1', ref: 'main', repo: SAME_REPO },
    });
}

describe('/add on a pull request', () => {
  it('commits the entry onto the branch of a same-repository pull request, as a fast-forward of its head', async () => {
    const url = `${origin}/s/glm-speed`;
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockPull();
    mockLists('head-sha-1');
    api().get(refPath('add-posts')).reply(200, { ref: 'refs/heads/add-posts', object: { sha: 'head-sha-1', type: 'commit' } });
    const blob = mockTree('head-sha-1');
    const commit = capture();
    api().post(`${REPO_PATH}/git/commits`, commit.match).reply(201, { sha: 'commit-add-1234' });
    api().patch(`${REPO_PATH}/git/refs/${encodeURIComponent('heads/add-posts')}`, { sha: 'commit-add-1234', force: false }).reply(200, {});
    mockCommentReaction('rocket');
    const reply = mockReply(7);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 7, pull: true }, `/add ${url} Blogs`), add: ADD });

    expect(result).toMatchObject({ command: 'add', outcome: 'committed', commitSha: 'commit-add-1234' });
    expect(blobText(blob).split('\n')[5]).toBe(EXPECTED_LINE(url));
    expect(commit.json.parents).toEqual(['head-sha-1']);
    expect(reply.text).toContain('Added to `README.md` › `Blogs`, line 6 in commit-');
  });

  it('pushes nothing when the branch moved after the entry was planned', async () => {
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockPull();
    mockLists('head-sha-1');
    api().get(refPath('add-posts')).reply(200, { ref: 'refs/heads/add-posts', object: { sha: 'head-sha-2', type: 'commit' } });
    mockCommentReaction('confused');
    const reply = mockReply(7);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 7, pull: true }, `/add ${origin}/s/glm-speed Blogs`), add: ADD });

    expect(result.outcome).toBe('head-moved');
    expect(reply.text).toContain('the branch moved while I was working');
  });
});

describe('/add on a fork pull request', () => {
  it('pushes nothing and replies with the exact line to paste and where', async () => {
    const url = `${origin}/s/glm-speed`;
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockPull(FORK);
    mockLists('head-sha-1');
    const reply = mockReply(7);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 7, pull: true }, `/add ${url} Blogs`), add: ADD });

    expect(result.outcome).toBe('suggested');
    expect(reply.text).toContain('the author has not allowed edits from maintainers on this fork');
    expect(reply.text).toContain(`Add this line to \`README.md\` as line 6 (in \`Blogs\`):\n\n\`\`\`markdown\n${EXPECTED_LINE(url)}\n\`\`\``);
  });
});

const FORM_BODY = (url: string, path: string): string => `### URL\n\n${url}\n\n### List path\n\n${path}\n`;

function labelEvent(body: string, label = 'add-entry', login = 'maintainer'): IssueLabelEvent {
  return { action: 'labeled', label: { name: label }, issue: { number: 20, body, state: 'open' }, sender: { login, type: 'User' } };
}

describe('a labelled "Suggest an article" issue', () => {
  it('becomes the same pull request as /add, with the URL and list path from the form', async () => {
    const url = `${origin}/s/glm-speed`;
    mockPermission('maintainer', 'maintain');
    api().post(`${REPO_PATH}/issues/20/reactions`, { content: 'eyes' }).reply(201, {});
    mockDefaultHead();
    mockLists('main-sha');
    const blob = mockTree('main-sha');
    const { pr } = mockNewPullRequest(url, 'add-commit-3', 33);
    api().post(`${REPO_PATH}/issues/20/reactions`, { content: 'rocket' }).reply(201, {});
    const reply = mockReply(20);

    const result = await runAddFromIssue(makeClient(), makeContext(), { event: labelEvent(FORM_BODY(url, 'Blogs')), add: ADD });

    expect(result).toMatchObject({ outcome: 'opened', pullRequest: { number: 33 } });
    expect(blobText(blob).split('\n')[5]).toBe(EXPECTED_LINE(url));
    expect(pr.text).toContain('Closes #20.');
    expect(reply.text).toContain('Opened #33');
  });

  it('ignores other labels, and is refused when the labeller cannot write', async () => {
    const ignored = await runAddFromIssue(makeClient(), makeContext(), { event: labelEvent(FORM_BODY('https://example.org/a', 'Blogs'), 'question'), add: ADD });
    expect(ignored.outcome).toBe('ignored');

    mockPermission('triager', 'triage');
    const reply = mockReply(20);
    const refused = await runAddFromIssue(makeClient(), makeContext(), { event: labelEvent(FORM_BODY('https://example.org/a', 'Blogs'), 'add-entry', 'triager'), add: ADD });
    expect(refused.outcome).toBe('refused');
    expect(reply.text).toContain('someone with write access');
  });

  it('uses the label the config names', async () => {
    const ctx = makeContext();
    ctx.config.add.label = 'accepted';
    const result = await runAddFromIssue(makeClient(), ctx, { event: labelEvent(FORM_BODY('https://example.org/a', 'Blogs')), add: ADD });
    expect(result).toMatchObject({ outcome: 'ignored', reason: 'label add-entry is not accepted' });
  });
});

/** The bundled WeChat fixture pages, served from loopback whatever the address's host (src/cli/demo-pages.ts). */
const WECHAT_SHORT = 'https://mp.weixin.qq.com/s/Short1Ab';
const WECHAT_LONG = 'https://mp.weixin.qq.com/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d&chksm=e8dea8d7dfa921c1&scene=21#wechat_redirect';

describe('/add of a WeChat article listed under its short address', () => {
  let pages: DemoPageServer;
  beforeAll(async () => {
    pages = await startDemoPageServer({
      'mp.weixin.qq.com/s/Short1Ab': 'wechat-article.html',
      'mp.weixin.qq.com/s': 'wechat-article.html',
      'mp.weixin.qq.com/s/Gone1Cd': 'wechat-deleted.html',
    });
  });
  afterAll(async () => pages.close());
  const withPages = () => ({ reader: { ...APP_LINKS, retries: 0, dispatcher: pages.dispatcher } });

  it('reads the listed short address that could be it, and refuses the long one naming that line', async () => {
    const reply = mockTurnedDownOnIssue(LIST.replace('- [Tokenizers', `- [聊聊对话大模型的数据配比 & 训练细节](${WECHAT_SHORT}) | AINLP 2023-04-12\n- [Tokenizers`));

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${WECHAT_LONG} Blogs`), add: withPages() });

    expect(result.outcome).toBe('not-added');
    expect(reply.text).toContain(`not added: already listed at README.md:6: '聊聊对话大模型的数据配比 & 训练细节' (2023-04-12), ${WECHAT_SHORT}: the same WeChat article`);
  });

  it('adds the article when the listed short address of that day turns out to be another (here a deleted one)', async () => {
    mockPermission('maintainer', 'write');
    mockCommentReaction('eyes');
    mockDefaultHead();
    const gone = 'https://mp.weixin.qq.com/s/Gone1Cd';
    mockLists('main-sha', LIST.replace('NLP Daily 2023-01-20\n', `NLP Daily 2023-01-20\n- [另一篇文章](${gone}) | AINLP 2023-04-12\n`));
    const blob = mockTree('main-sha');
    mockNewPullRequest(WECHAT_LONG, 'add-commit-5', 35);
    mockCommentReaction('rocket');
    mockReply(12);

    const result = await runCommand(makeClient(), makeContext(), { event: commentOn({ number: 12 }, `/add ${WECHAT_LONG} Blogs`), add: withPages() });

    expect(result.outcome).toBe('opened');
    expect(blobText(blob).split('\n').slice(6, 8)).toEqual([
      `- [另一篇文章](${gone}) | AINLP 2023-04-12`,
      '- [聊聊对话大模型的数据配比 & 训练细节](https://mp.weixin.qq.com/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d) | AINLP 2023-04-12',
    ]);
  });
});
