import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRepoConfig } from '../../src/github/repo/config-file.js';
import { loadLists } from '../../src/github/repo/list-files.js';
import { listChangedListFiles } from '../../src/github/pr-check/pr-files.js';
import { api, contentsReply, makeClient, makeContext, OWNER, REPO, REPO_PATH, setUpNock, tearDownNock } from './helpers.js';

beforeEach(setUpNock);
afterEach(() => expect(tearDownNock()).toEqual([]));

const at = { owner: OWNER, repo: REPO, ref: 'head-sha' };

describe('reading list files through the API', () => {
  it('reads a file too large for the contents API through the blob API, keeping its BOM and CRLF', async () => {
    const text = '\uFEFF## Blogs\r\n\r\n- [A](https://example.org/a) | Src 2023-01-01\r\n';
    api()
      .get(`${REPO_PATH}/contents/README.md`)
      .query({ ref: 'head-sha' })
      .reply(200, { type: 'file', encoding: 'none', content: '', size: 2_000_000, sha: 'big-blob', path: 'README.md' });
    api()
      .get(`${REPO_PATH}/git/blobs/big-blob`)
      .reply(200, { sha: 'big-blob', encoding: 'base64', content: Buffer.from(text).toString('base64'), size: 2_000_000 });
    const { lists, problems } = await loadLists(makeClient(), at, ['README.md']);
    expect(problems).toEqual([]);
    expect(lists[0].doc).toMatchObject({ bom: true, eol: '\r\n', path: 'README.md' });
    expect(lists[0].doc.items).toHaveLength(1);
  });

  it('reports a binary file and a missing file by name instead of throwing', async () => {
    api()
      .get(`${REPO_PATH}/contents/bad.md`)
      .query(true)
      .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from([0x2d, 0x00, 0x01]).toString('base64'), size: 3, sha: 's' });
    api().get(`${REPO_PATH}/contents/gone.md`).query(true).reply(404, { message: 'Not Found' });
    const result = await loadLists(makeClient(), at, ['bad.md', 'gone.md']);
    expect(result.lists).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^bad\.md:1: binary file/);
    expect(result.missing).toEqual(['gone.md']);
  });

  it('finds the added lines from the contents when GitHub leaves the patch out', async () => {
    api()
      .get(`${REPO_PATH}/pulls/3/files`)
      .query({ per_page: 100 })
      .reply(200, [{ filename: 'README.md', status: 'modified' }, { filename: 'LICENSE', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }]);
    api()
      .get(`${REPO_PATH}/contents/README.md`)
      .query({ ref: 'head-sha' })
      .reply(200, contentsReply('README.md', '## A\n\n- new entry\n- old entry\n'));
    api().get(`${REPO_PATH}/contents/README.md`).query({ ref: 'base-sha' }).reply(200, contentsReply('README.md', '## A\n\n- old entry\n'));
    const files = await listChangedListFiles(makeClient(), makeContext(), { number: 3, baseSha: 'base-sha', headSha: 'head-sha' });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: 'README.md', fromPatch: false, hunks: [] });
    expect([...files[0].added]).toEqual([3]);
  });
});

describe('loadRepoConfig', () => {
  it('uses the defaults when the repository has no config file', async () => {
    api().get(`${REPO_PATH}/contents/.github%2Flistkeeper.yml`).query({ ref: 'main' }).reply(404, { message: 'Not Found' });
    const result = await loadRepoConfig(makeClient(), { owner: OWNER, repo: REPO, ref: 'main' });
    expect(result).toMatchObject({ ok: true, found: false, config: { files: ['README.md'] } });
  });

  it('reads the config at the ref and reports a bad key with file and line', async () => {
    api()
      .get(`${REPO_PATH}/contents/.github%2Flistkeeper.yml`)
      .query({ ref: 'main' })
      .reply(200, contentsReply('.github/listkeeper.yml', 'files:\n  - lists/*.md\n'));
    const good = await loadRepoConfig(makeClient(), { owner: OWNER, repo: REPO, ref: 'main' });
    expect(good).toMatchObject({ ok: true, found: true, config: { files: ['lists/*.md'] } });

    api()
      .get(`${REPO_PATH}/contents/.github%2Flistkeeper.yml`)
      .query({ ref: 'main' })
      .reply(200, contentsReply('.github/listkeeper.yml', 'files:\n  - README.md\nsortt:\n  order: asc\n'));
    const bad = await loadRepoConfig(makeClient(), { owner: OWNER, repo: REPO, ref: 'main' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error).toMatch(/^\.github\/listkeeper\.yml:3: .*sortt/);
  });
});
