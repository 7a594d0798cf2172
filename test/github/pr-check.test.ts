import { describe, expect, it } from 'vitest';
import { runPrCheck } from '../../src/github/pr-check/pr-check.js';
import { PR_CHECK_MARKER } from '../../src/github/markers.js';
import {
  api,
  capture,
  contentsReply,
  FAST_LINKS,
  type Json,
  makeClient,
  makeContext,
  mockPull7ChangingReadme,
  outsideCode,
  PULL_7,
  REPO_PATH,
  unmovableSection,
  useNockAndLinkServer,
} from './helpers.js';

const links = useNockAndLinkServer('127.0.0.21');

/** The list at the PR's head: lines 7 (bad: short date, dead link) and 8 (good) are new. */
function headList(origin: string): string {
  return [
    '# Awesome LLM reading',
    '',
    '## Blogs',
    '',
    `- [Scaling laws, revisited](${origin}/scaling) | Lab Notes 2023-01-05`,
    `- [Sparse attention in practice](${origin}/sparse) | Model Digest 2023-02-10`,
    `- [Why RLHF works](${origin}/gone-rlhf) | Alignment Weekly 2023-3-4`,
    `- [Tokenizers from scratch](${origin}/tokenizers) | NLP Daily 2023-03-20`,
    '',
  ].join('\n');
}

function patchFor(origin: string): string {
  return [
    '@@ -4,3 +4,5 @@',
    ' ',
    ` - [Scaling laws, revisited](${origin}/scaling) | Lab Notes 2023-01-05`,
    ` - [Sparse attention in practice](${origin}/sparse) | Model Digest 2023-02-10`,
    `+- [Why RLHF works](${origin}/gone-rlhf) | Alignment Weekly 2023-3-4`,
    `+- [Tokenizers from scratch](${origin}/tokenizers) | NLP Daily 2023-03-20`,
  ].join('\n');
}

/** The same change with the bad entry corrected. */
function fixed(text: string): string {
  return text.replace('gone-rlhf', 'rlhf').replace('2023-3-4', '2023-03-04');
}

function mockPullAndFiles(text: string, patch: string): void {
  mockPull7ChangingReadme(text, patch, [{ filename: 'src/index.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }]);
}

describe('runPrCheck', () => {
  it('reports the bad new entry (annotation, comment, suggestion) and leaves the good one alone', async () => {
    const text = headList(links.origin);
    mockPullAndFiles(text, patchFor(links.origin));
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const commentBody = capture();
    api()
      .post(`${REPO_PATH}/issues/7/comments`, commentBody.match)
      .reply(201, { id: 501, html_url: 'https://github.com/c/501', body: '' });
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    api()
      .post(`${REPO_PATH}/pulls/7/reviews`, review.match)
      .reply(200, { id: 9 });

    const ctx = makeContext();
    const result = await runPrCheck(makeClient(), ctx, { pullNumber: 7, linkOptions: FAST_LINKS });

    expect(result.files).toEqual(['README.md']);
    expect(result.findings.map((f) => [f.ruleId, f.start.line])).toEqual([['date-format', 7]]);
    expect(result.report.dead.map((r) => r.occurrences[0].line)).toEqual([7]);
    expect(result.counts).toMatchObject({ errors: 2, deadLinks: 1 });
    expect(result.outputs).toEqual({ errors: '2', warnings: '0', 'dead-links': '1' });
    expect(result.annotations.every((a) => a.startLine === 7 && a.level === 'error')).toBe(true);
    // Only the links the PR adds were requested, not the old ones.
    expect(links.hits.some((h) => h.includes('/scaling'))).toBe(false);
    expect(links.hits.some((h) => h.includes('/tokenizers'))).toBe(true);

    expect(commentBody.text.startsWith(PR_CHECK_MARKER)).toBe(true);
    expect(commentBody.text).toContain('date-format');
    expect(commentBody.text).toContain('/gone-rlhf');
    expect(commentBody.text).not.toContain('Tokenizers');
    expect(result.comment.action).toBe('created');

    expect(review.json.commit_id).toBe('head-sha-1');
    expect(review.json.event).toBe('COMMENT');
    const comments = review.json.comments as Json[];
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ path: 'README.md', line: 7, side: 'RIGHT' });
    expect(String(comments[0].body)).toContain(
      `\`\`\`suggestion\n- [Why RLHF works](${links.origin}/gone-rlhf) | Alignment Weekly 2023-03-04\n\`\`\``,
    );
  });

  it('on a re-run edits the same comment and does not repeat a posted suggestion', async () => {
    const text = headList(links.origin);
    mockPullAndFiles(text, patchFor(links.origin));
    const first = await runFirstRunForBodies(text);
    api()
      .get(`${REPO_PATH}/issues/7/comments`)
      .query({ per_page: 100 })
      .reply(200, [
        { id: 400, body: 'LGTM', html_url: 'x', user: { login: 'maintainer' } },
        { id: 501, body: `> ${PR_CHECK_MARKER}\n> quoted`, html_url: 'x', user: { login: 'maintainer' } },
        { id: 502, body: `${PR_CHECK_MARKER}\nold text`, html_url: 'x', user: { login: 'github-actions[bot]' } },
      ]);
    const edited = capture();
    api()
      .patch(`${REPO_PATH}/issues/comments/502`, edited.match)
      .reply(200, { id: 502, html_url: 'https://github.com/c/502' });
    api()
      .get(`${REPO_PATH}/pulls/7/comments`)
      .query({ per_page: 100 })
      .reply(200, [{ id: 77, body: first.suggestionBody, path: 'README.md', line: 7 }]);

    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS });
    expect(result.comment).toMatchObject({ action: 'updated', commentId: 502 });
    expect(edited.text).toContain('date-format');
    expect(result.suggestions).toEqual({ posted: 0, alreadyPosted: 1, notPosted: [], duplicatesRemoved: 0, skipped: null });
  });

  it('replaces the comment with "all clear" once the problems are fixed', async () => {
    const text = fixed(headList(links.origin));
    mockPullAndFiles(text, fixed(patchFor(links.origin)));
    api()
      .get(`${REPO_PATH}/issues/7/comments`)
      .query({ per_page: 100 })
      .reply(200, [{ id: 502, body: `${PR_CHECK_MARKER}\nold`, html_url: 'x', user: { login: 'github-actions[bot]' } }]);
    const edited = capture();
    api()
      .patch(`${REPO_PATH}/issues/comments/502`, edited.match)
      .reply(200, { id: 502, html_url: 'x' });

    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS });
    expect(result.clean).toBe(true);
    expect(result.annotations).toEqual([]);
    expect(edited.text).toContain('all clear');
    expect(edited.text).not.toContain('date-format');
  });

  it('does not create a comment for a clean PR that never had one', async () => {
    const text = fixed(headList(links.origin));
    mockPullAndFiles(text, fixed(patchFor(links.origin)));
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS });
    expect(result.comment.action).toBe('none');
    expect(result.summary).toContain('all clear');
  });

  it('on a fork PR with a read-only token skips the comment and review with a notice, without failing', async () => {
    const text = headList(links.origin);
    mockPullAndFiles(text, patchFor(links.origin));
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);
    api()
      .post(`${REPO_PATH}/issues/7/comments`)
      .reply(403, { message: 'Resource not accessible by integration' });
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).reply(200, []);
    api()
      .post(`${REPO_PATH}/pulls/7/reviews`)
      .reply(403, { message: 'Resource not accessible by integration' });

    const ctx = makeContext();
    const result = await runPrCheck(makeClient(), ctx, { pullNumber: 7, linkOptions: FAST_LINKS });
    expect(result.comment.action).toBe('skipped');
    expect(result.suggestions.posted).toBe(0);
    expect(result.suggestions.skipped).toMatch(/permission/);
    expect(ctx.logs.filter((l) => l.level === 'notice')).toHaveLength(2);
    // The annotations and summary are still there for the job summary.
    expect(result.annotations.length).toBeGreaterThan(0);
    expect(result.summary).toContain('date-format');
  });

  it('reports a new entry that repeats an old link on the new line, even when inserted above the old one', async () => {
    const text = [
      '# Awesome LLM reading',
      '',
      '## Blogs',
      '',
      `- [Scaling laws, the sequel](${links.origin}/scaling/) | Other Blog 2023-01-01`,
      `- [Scaling laws, revisited](${links.origin}/scaling) | Lab Notes 2023-01-05`,
      '',
    ].join('\n');
    const patch = ['@@ -4,2 +4,3 @@', ' ', `+- [Scaling laws, the sequel](${links.origin}/scaling/) | Other Blog 2023-01-01`, ` - [Scaling laws, revisited](${links.origin}/scaling) | Lab Notes 2023-01-05`].join('\n');
    mockPullAndFiles(text, patch);
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const comment = capture();
    api().post(`${REPO_PATH}/issues/7/comments`, comment.match).reply(201, { id: 504, html_url: 'x' });
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS });
    expect(result.findings.map((f) => [f.ruleId, f.start.line])).toEqual([['duplicate-link', 5]]);
    expect(result.findings[0].reason).toMatch(/already linked at README.md:6/);
    expect(comment.text).toContain('duplicate-link');
  });

  it('finds a duplicate of a link in another configured list file the PR does not touch', async () => {
    const added = '- [Scaling laws, the sequel](https://example.org/scaling) | Other Blog 2023-01-01';
    api().get(`${REPO_PATH}/pulls/7`).reply(200, PULL_7);
    api()
      .get(`${REPO_PATH}/pulls/7/files`)
      .query({ per_page: 100 })
      .reply(200, [{ filename: 'lists/blogs.md', status: 'modified', patch: `@@ -1,2 +1,3 @@\n # Blogs\n \n+${added}` }]);
    api().get(`${REPO_PATH}/contents/lists%2Fblogs.md`).query({ ref: 'head-sha-1' }).reply(200, contentsReply('lists/blogs.md', `# Blogs\n\n${added}\n`));
    api()
      .get(`${REPO_PATH}/git/trees/head-sha-1`)
      .query({ recursive: 'true' })
      .reply(200, { tree: ['README.md', 'lists/blogs.md', 'lists/papers.md'].map((path) => ({ path, type: 'blob', sha: path })) });
    api()
      .get(`${REPO_PATH}/contents/lists%2Fpapers.md`)
      .query({ ref: 'head-sha-1' })
      .reply(200, contentsReply('lists/papers.md', '# Papers\n\n- [Scaling laws](https://example.org/scaling) | Lab Notes 2022-05-01\n'));
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    api().post(`${REPO_PATH}/issues/7/comments`).reply(201, { id: 505, html_url: 'x' });

    const ctx = makeContext({ files: ['lists/*.md'] });
    const result = await runPrCheck(makeClient(), ctx, { pullNumber: 7, checkNewLinks: false });
    expect(result.files).toEqual(['lists/blogs.md']);
    expect(result.findings.map((f) => [f.path, f.ruleId, f.start.line])).toEqual([['lists/blogs.md', 'duplicate-link', 3]]);
    expect(result.findings[0].reason).toContain('lists/papers.md:3');
  });

  it('hints at /sort when the PR adds an entry out of date order', async () => {
    const early = (t: string) => fixed(t).replace('NLP Daily 2023-03-20', 'NLP Daily 2022-12-01');
    mockPullAndFiles(early(headList(links.origin)), early(patchFor(links.origin)));
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const commentBody = capture();
    api()
      .post(`${REPO_PATH}/issues/7/comments`, commentBody.match)
      .reply(201, { id: 503, html_url: 'x' });
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS, suggest: true });
    expect(result.report.unsorted).toHaveLength(1);
    expect(result.counts.warnings).toBe(1);
    expect(commentBody.text).toContain('/sort');
    expect(result.annotations[0]).toMatchObject({ level: 'warning', title: 'listkeeper: sort-order' });
  });

  it('names a list /sort cannot reorder safely, with what to change, instead of hinting at /sort', async () => {
    // The new entry (line 6) is out of order, and the old one ends in a code block right above text: sorting it could swallow line 10.
    const text = ['# Awesome LLM reading', '', ...unmovableSection('## Papers, thanks @octo-reviewer')].join('\n');
    const patch = ['@@ -5,1 +5,2 @@', ' - [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10', '+- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05'].join('\n');
    mockPullAndFiles(text, patch);
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const commentBody = capture();
    api().post(`${REPO_PATH}/issues/7/comments`, commentBody.match).reply(201, { id: 506, html_url: 'x' });

    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, checkNewLinks: false, suggest: false });

    expect(result.clean).toBe(false);
    expect(result.counts.warnings).toBe(1);
    const why = 'line 10 right after it would join whichever item came last; put a blank line after the list';
    expect(commentBody.text).toContain(
      `- \`README.md\` [line 6](https://github.com/octo-lists/awesome-llm/blob/head-sha-1/README.md#L6): \`the list in section 'Papers, thanks @octo-reviewer' (line 5)\` is not sorted by date, and listkeeper cannot move its items safely: ${why}.`,
    );
    expect(commentBody.text).toContain('`/sort` leaves a list it cannot move safely as it is');
    expect(commentBody.text).not.toContain('listkeeper will sort');
    expect(outsideCode(commentBody.text)).not.toContain('@octo-reviewer');
    expect(result.annotations).toEqual([
      expect.objectContaining({ path: 'README.md', startLine: 6, level: 'warning', title: 'listkeeper: sort-order', message: expect.stringContaining(why) }),
    ]);
    expect(result.annotations[0].message).not.toContain('/sort on the pull request');
  });
});

/** What the first run posts, computed the same way, so the re-run can find it. */
async function runFirstRunForBodies(text: string): Promise<{ suggestionBody: string }> {
  const { suggestionsFromFindings } = await import('../../src/github/pr-check/suggestions.js');
  const { suggestionCommentBody } = await import('../../src/github/pr-check/review-comments.js');
  const { parseList } = await import('../../src/core/parse.js');
  const { lintDocuments } = await import('../../src/core/lint.js');
  const { defaultConfig } = await import('../../src/core/config/config-types.js');
  const doc = parseList(text, 'README.md');
  const findings = lintDocuments([doc], defaultConfig(), { today: '2024-06-01' });
  const [s] = suggestionsFromFindings(doc, findings, new Set([7, 8]));
  return { suggestionBody: suggestionCommentBody(s) };
}
