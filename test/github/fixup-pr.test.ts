import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_BRANCH, upsertFixupPullRequest } from '../../src/github/upkeep/fixup-pr.js';
import { FIXUP_MARKER } from '../../src/github/markers.js';
import { runReport } from '../../src/github/report/report-issue.js';
import { runUpkeep } from '../../src/github/upkeep/upkeep.js';
import { type ArchiveChanger, type ArchiveChangesInput, computeArchiveChanges } from '../../src/github/upkeep/archive-fixup.js';
import {
  api,
  capture,
  FAST_LINKS,
  makeClient,
  makeContext,
  mockDefaultBranch,
  mockNoStoredHistory,
  outsideCode,
  OWNER,
  REPO_PATH,
  unmovableSection,
  useNockAndLinkServer,
} from './helpers.js';

const links = useNockAndLinkServer('127.0.0.23');

const BRANCH_REF = `${REPO_PATH}/git/ref/heads%2Flistkeeper%2Farchive-links`;


function mockSnapshot(snapshot: string): void {
  nock('https://archive.org')
    .get('/wayback/available')
    .query(true)
    .reply(200, { archived_snapshots: { closest: { available: true, url: snapshot, status: '200', timestamp: '20230301000000' } } });
}

describe('the archive fix-up pull request', () => {
  it('is created by the report run with the dead link replaced by its snapshot, then updated on the next run', async () => {
    const dead = `${links.origin}/gone-rlhf`;
    const text = [
      '## Blogs',
      '',
      `- [Scaling laws, revisited](${links.origin}/scaling) | Lab Notes 2023-01-05`,
      `- [Why RLHF works](${dead}) | Alignment Weekly 2023-03-04`,
      '',
    ].join('\n');
    // First run: the report issue and the fix-up PR are created.
    mockDefaultBranch(text);
    api().get(`${REPO_PATH}/issues`).query(true).reply(200, []);
    mockNoStoredHistory();
    api().post(`${REPO_PATH}/issues`).reply(201, { number: 31, html_url: 'x' });
    // After creating, the workflow looks again for a report a racing run created.
    api().get(`${REPO_PATH}/issues`).query(true).reply(200, []);
    mockSnapshot(`http://web.archive.org/web/20230301000000/${dead}`);
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { sha: 'main-sha', tree: { sha: 'tree-main' }, parents: [] });
    const blob = capture();
    api().post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'blob-archive' });
    api().post(`${REPO_PATH}/git/trees`, { base_tree: 'tree-main', tree: [{ path: 'README.md', mode: '100644', type: 'blob', sha: 'blob-archive' }] }).reply(201, { sha: 'tree-archive' });
    api().get(BRANCH_REF).reply(404, { message: 'Not Found' });
    api().post(`${REPO_PATH}/git/commits`, { message: /Wayback/, tree: 'tree-archive', parents: ['main-sha'] }).reply(201, { sha: 'fixup-1' });
    api().post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${ARCHIVE_BRANCH}`, sha: 'fixup-1' }).reply(201, {});
    api().get(`${REPO_PATH}/pulls`).query({ head: `${OWNER}:${ARCHIVE_BRANCH}`, state: 'open', per_page: 10 }).reply(200, []);
    const created = capture();
    api().post(`${REPO_PATH}/pulls`, created.match).reply(201, { number: 12, html_url: 'https://github.com/p/12', title: 't', body: 'b' });

    const first = await runReport(makeClient(), makeContext(), { threshold: 1, suggestArchive: true, linkOptions: FAST_LINKS });

    expect(first.fixup).toMatchObject({ action: 'created', branch: ARCHIVE_BRANCH, pullRequest: { number: 12 } });
    expect(first.outputs['pull-request']).toBe('12');
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe(
      text.replace(dead, `https://web.archive.org/web/20230301000000/${dead}`),
    );
    expect(created.json).toMatchObject({ head: ARCHIVE_BRANCH, base: 'main', title: 'Replace a dead link with archived copies' });
    expect(created.text.startsWith(FIXUP_MARKER)).toBe(true);
    expect(created.text).toContain(`https://web.archive.org/web/20230301000000/${dead}`);
    // The place links to the line in the checked commit of the default branch.
    expect(created.text).toContain('| [`README.md:4`](https://github.com/octo-lists/awesome-llm/blob/main-sha/README.md#L4) |');

    // Second run: a newer snapshot; the same branch is reset and the same PR edited.
    mockDefaultBranch(text);
    api()
      .get(`${REPO_PATH}/issues`)
      .query(true)
      .reply(200, [
        { number: 31, state: 'open', title: 'listkeeper: 1 dead link', body: '<!-- listkeeper:dead-link-report -->\nold', html_url: 'x', user: { login: 'github-actions[bot]', type: 'Bot' } },
      ]);
    mockNoStoredHistory();
    api().patch(`${REPO_PATH}/issues/31`).reply(200, {});
    mockSnapshot(`http://web.archive.org/web/20240101000000/${dead}`);
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { sha: 'main-sha', tree: { sha: 'tree-main' }, parents: [] });
    api().post(`${REPO_PATH}/git/blobs`).reply(201, { sha: 'blob-archive-2' });
    api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-archive-2' });
    api().get(BRANCH_REF).reply(200, { object: { sha: 'fixup-1' } });
    api().get(`${REPO_PATH}/git/commits/fixup-1`).reply(200, { sha: 'fixup-1', tree: { sha: 'tree-archive' }, parents: [{ sha: 'main-sha' }] });
    api().post(`${REPO_PATH}/git/commits`, { message: /Wayback/, tree: 'tree-archive-2', parents: ['main-sha'] }).reply(201, { sha: 'fixup-2' });
    api().patch(`${REPO_PATH}/git/refs/heads%2Flistkeeper%2Farchive-links`, { sha: 'fixup-2', force: true }).reply(200, {});
    api()
      .get(`${REPO_PATH}/pulls`)
      .query(true)
      .reply(200, [{ number: 12, html_url: 'https://github.com/p/12', title: 'Replace a dead link with archived copies', body: 'old body' }]);
    const edited = capture();
    api().patch(`${REPO_PATH}/pulls/12`, edited.match).reply(200, { number: 12, html_url: 'https://github.com/p/12', title: 't', body: 'b' });

    const second = await runReport(makeClient(), makeContext(), { threshold: 1, suggestArchive: true, linkOptions: FAST_LINKS });
    expect(second.fixup).toMatchObject({ action: 'updated', pullRequest: { number: 12 } });
    expect(edited.text).toContain('20240101000000');
  });

  it('takes its parsing from the injected step (how the App would run it in its worker), with plain data in and out', async () => {
    const dead = `${links.origin}/gone-rlhf`;
    const text = ['## Blogs', '', `- [Why RLHF works](${dead}) | Alignment Weekly 2023-03-04`, ''].join('\n');
    mockDefaultBranch(text);
    api().get(`${REPO_PATH}/issues`).query(true).reply(200, []);
    mockNoStoredHistory();
    api().post(`${REPO_PATH}/issues`).reply(201, { number: 31, html_url: 'x' });
    api().get(`${REPO_PATH}/issues`).query(true).reply(200, []);
    const snapshot = `https://web.archive.org/web/20230301000000/${dead}`;
    mockSnapshot(snapshot);
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { sha: 'main-sha', tree: { sha: 'tree-main' }, parents: [] });
    const blob = capture();
    api().post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'blob-archive' });
    api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-archive' });
    api().get(BRANCH_REF).reply(404, { message: 'Not Found' });
    api().post(`${REPO_PATH}/git/commits`).reply(201, { sha: 'fixup-1' });
    api().post(`${REPO_PATH}/git/refs`).reply(201, {});
    api().get(`${REPO_PATH}/pulls`).query(true).reply(200, []);
    api().post(`${REPO_PATH}/pulls`).reply(201, { number: 12, html_url: 'https://github.com/p/12', title: 't', body: 'b' });
    const asked: ArchiveChangesInput[] = [];
    // A worker gets a structured clone: the step must need nothing else.
    const archiveChanges: ArchiveChanger = async (input) => {
      asked.push(structuredClone(input));
      return [{ path: 'README.md', bom: true, newText: 'from the step\n' }];
    };

    const result = await runReport(makeClient(), makeContext(), { threshold: 1, suggestArchive: true, linkOptions: FAST_LINKS, archiveChanges });

    expect(result.fixup).toMatchObject({ action: 'created', pullRequest: { number: 12 } });
    expect(asked).toEqual([{ lists: [{ path: 'README.md', text }], archives: [[dead.replace(/^http:\/\//, ''), snapshot]] }]);
    // What is committed is the step's answer, BOM put back.
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe('\uFEFFfrom the step\n');
    expect(computeArchiveChanges(asked[0])).toEqual([{ path: 'README.md', bom: false, newText: text.replace(dead, snapshot) }]);
  });
});

describe('upsertFixupPullRequest', () => {
  const input = {
    branch: ARCHIVE_BRANCH,
    base: 'main',
    baseSha: 'main-sha',
    title: 'Replace a dead link with archived copies',
    body: 'the body',
    commitMessage: 'msg',
    changes: [{ path: 'README.md', content: Buffer.from('new text\n') }],
  };

  it('touches nothing when the branch and PR already hold this change (an idempotent re-run)', async () => {
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { tree: { sha: 'tree-main' }, parents: [] });
    api().post(`${REPO_PATH}/git/blobs`).reply(201, { sha: 'blob-1' });
    api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-fix' });
    api().get(BRANCH_REF).reply(200, { object: { sha: 'fixup-1' } });
    api().get(`${REPO_PATH}/git/commits/fixup-1`).reply(200, { tree: { sha: 'tree-fix' }, parents: [{ sha: 'main-sha' }] });
    api()
      .get(`${REPO_PATH}/pulls`)
      .query(true)
      .reply(200, [{ number: 12, html_url: 'u', title: input.title, body: `${FIXUP_MARKER}\n${input.body}` }]);
    const result = await upsertFixupPullRequest(makeClient(), makeContext(), input);
    expect(result).toEqual({ action: 'unchanged', branch: ARCHIVE_BRANCH, pullRequest: { number: 12, url: 'u' } });
  });

  it('cuts a body longer than GitHub takes (hundreds of archived links), instead of failing with a 422', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `| \`README.md\`:${i + 10} | https://mp.weixin.qq.com/s/dead-${i} | https://web.archive.org/web/20230301000000/https://mp.weixin.qq.com/s/dead-${i} |`);
    const body = ['These links are dead.', '', '| Where | Dead link | Archived copy |', '|---|---|---|', ...rows].join('\n');
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { tree: { sha: 'tree-main' }, parents: [] });
    api().post(`${REPO_PATH}/git/blobs`).reply(201, { sha: 'blob-1' });
    api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-fix' });
    api().get(BRANCH_REF).reply(200, { object: { sha: 'fixup-1' } });
    api().get(`${REPO_PATH}/git/commits/fixup-1`).reply(200, { tree: { sha: 'tree-fix' }, parents: [{ sha: 'main-sha' }] });
    api().get(`${REPO_PATH}/pulls`).query(true).reply(200, [{ number: 12, html_url: 'u', title: input.title, body: 'older body' }]);
    let sent = '';
    api()
      .patch(`${REPO_PATH}/pulls/12`)
      .reply((_uri, requestBody) => {
        sent = String((requestBody as { body?: unknown }).body);
        if (sent.length > 65_536) return [422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }] }];
        return [200, { number: 12, html_url: 'u', title: input.title, body: sent }];
      });
    expect(body.length).toBeGreaterThan(65_536);
    const result = await upsertFixupPullRequest(makeClient(), makeContext(), { ...input, body });
    expect(result.action).toBe('updated');
    expect(sent.length).toBeLessThanOrEqual(65_536);
    expect(sent.startsWith(`${FIXUP_MARKER}\nThese links are dead.`)).toBe(true);
    expect(sent).toContain(rows[0]);
    expect(sent).toMatch(/cut to fit GitHub's size limit/);
  });

  it('closes the open PR with a comment when nothing is left to change', async () => {
    api().get(`${REPO_PATH}/pulls`).query(true).reply(200, [{ number: 12, html_url: 'u', title: 't', body: 'b' }]);
    const comment = capture();
    api().post(`${REPO_PATH}/issues/12/comments`, comment.match).reply(201, {});
    api().patch(`${REPO_PATH}/pulls/12`, { state: 'closed' }).reply(200, {});
    const result = await upsertFixupPullRequest(makeClient(), makeContext(), { ...input, changes: [] });
    expect(result.action).toBe('closed');
    expect(comment.text).toMatch(/Nothing is left to change/);
  });
});

describe('runUpkeep', () => {
  it('opens the upkeep PR with the default branch sorted and fixed', async () => {
    const text = [
      '## Blogs',
      '',
      '- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
      '- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023/01/05',
      '',
    ].join('\n');
    mockDefaultBranch(text);
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { tree: { sha: 'tree-main' }, parents: [] });
    const blob = capture();
    api().post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'blob-up' });
    api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-up' });
    api().get(`${REPO_PATH}/git/ref/heads%2Flistkeeper%2Fupkeep`).reply(404, {});
    api().post(`${REPO_PATH}/git/commits`, { message: /^Sort lists by date and fix formatting/, tree: 'tree-up', parents: ['main-sha'] }).reply(201, { sha: 'up-1' });
    api().post(`${REPO_PATH}/git/refs`, { ref: 'refs/heads/listkeeper/upkeep', sha: 'up-1' }).reply(201, {});
    api().get(`${REPO_PATH}/pulls`).query({ head: `${OWNER}:listkeeper/upkeep`, state: 'open', per_page: 10 }).reply(200, []);
    api().post(`${REPO_PATH}/pulls`, { head: 'listkeeper/upkeep', base: 'main', title: /Sort/, body: /1 list sorted, 1 fix applied/, maintainer_can_modify: true }).reply(201, { number: 14, html_url: 'u', title: 't', body: 'b' });

    const result = await runUpkeep(makeClient(), makeContext());
    expect(result.fixup.action).toBe('created');
    expect(result.outputs['pull-request']).toBe('14');
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe(
      [
        '## Blogs',
        '',
        '- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
        '- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
        '',
      ].join('\n'),
    );
  });

  it('names a list it cannot sort safely in the upkeep PR body and the log, and leaves that list as it is', async () => {
    const papers = unmovableSection('## Papers, thanks @octo-reviewer');
    const blogs = ['## Blogs', '', '- [Tokenizers from scratch](https://example.org/tokenizers) | NLP Daily 2023/03/20', ''];
    mockDefaultBranch([...blogs, ...papers].join('\n'));
    api().get(`${REPO_PATH}/git/commits/main-sha`).reply(200, { tree: { sha: 'tree-main' }, parents: [] });
    const blob = capture();
    api().post(`${REPO_PATH}/git/blobs`, blob.match).reply(201, { sha: 'blob-up' });
    api().post(`${REPO_PATH}/git/trees`).reply(201, { sha: 'tree-up' });
    api().get(`${REPO_PATH}/git/ref/heads%2Flistkeeper%2Fupkeep`).reply(404, {});
    api().post(`${REPO_PATH}/git/commits`).reply(201, { sha: 'up-2' });
    api().post(`${REPO_PATH}/git/refs`, { ref: 'refs/heads/listkeeper/upkeep', sha: 'up-2' }).reply(201, {});
    api().get(`${REPO_PATH}/pulls`).query({ head: `${OWNER}:listkeeper/upkeep`, state: 'open', per_page: 10 }).reply(200, []);
    const pr = capture();
    api().post(`${REPO_PATH}/pulls`, pr.match).reply(201, { number: 15, html_url: 'u', title: 't', body: 'b' });

    const ctx = makeContext();
    const result = await runUpkeep(makeClient(), ctx);

    expect(result.fixup.action).toBe('created');
    // The date is fixed; the Papers list stays out of order, byte for byte.
    expect(Buffer.from(String(blob.json.content), 'base64').toString('utf8')).toBe([...blogs, ...papers].join('\n').replace('2023/03/20', '2023-03-20'));
    const why = 'line 12 right after it would join whichever item came last; put a blank line after the list';
    expect(pr.text).toContain('`README.md`: 1 fix applied');
    expect(pr.text).toContain('so listkeeper left this list out of date order:');
    expect(pr.text).toContain(`- \`README.md\` [line 8](https://github.com/octo-lists/awesome-llm/blob/main-sha/README.md#L8): \`the list in section 'Papers, thanks @octo-reviewer' (line 7)\` — ${why}.`);
    expect(outsideCode(pr.text)).not.toContain('@octo-reviewer');
    expect(result.unmovable).toEqual([{ path: 'README.md', line: 8, list: "the list in section 'Papers, thanks @octo-reviewer' (line 7)", reason: why }]);
    expect(ctx.logs).toContainEqual({ level: 'warning', message: expect.stringMatching(/^README\.md:8: .*cannot move its items safely: line 12 right after it/) });
  });

  it('opens no PR when the only list out of order cannot be sorted safely, and says so in the log', async () => {
    const text = unmovableSection('## Papers').join('\n');
    mockDefaultBranch(text);
    api().get(`${REPO_PATH}/pulls`).query({ head: `${OWNER}:listkeeper/upkeep`, state: 'open', per_page: 10 }).reply(200, []);
    const ctx = makeContext();
    const result = await runUpkeep(makeClient(), ctx);
    expect(result.fixup.action).toBe('none');
    expect(result.changes).toEqual([]);
    expect(result.unmovable.map((u) => [u.path, u.line])).toEqual([['README.md', 4]]);
    expect(ctx.logs.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      "README.md:4: the list in section 'Papers' (line 3) is not sorted by date, and listkeeper cannot move its items safely: line 8 right after it would join whichever item came last; put a blank line after the list",
    ]);
  });
});
