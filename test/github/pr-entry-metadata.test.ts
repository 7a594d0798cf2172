/**
 * `entry-metadata` in the pull-request check: the pages of the entries a PR
 * adds are read (a fake reader stands in for the page reader), and a wrong
 * date becomes a review suggestion that, applied, gives the page's date.
 */
import { describe, expect, it } from 'vitest';
import { runPrCheck } from '../../src/github/pr-check/pr-check.js';
import type { PageMetadata, PageMetadataReader } from '../../src/links/metadata/types.js';
import { defaultConfig } from '../../src/core/config/config-types.js';
import { api, capture, FAST_LINKS, type Json, makeClient, makeContext, mockPull7ChangingReadme, REPO_PATH, useNockAndLinkServer } from './helpers.js';

const links = useNockAndLinkServer('127.0.0.22');

function list(origin: string, added: string[]): { text: string; patch: string } {
  const old = [`- [Scaling laws, revisited](${origin}/scaling) | Lab Notes 2023-01-05`];
  const text = ['# Awesome LLM reading', '', '## Blogs', '', ...old, ...added, ''].join('\n');
  const patch = [`@@ -5,1 +5,${1 + added.length} @@`, ...old.map((l) => ` ${l}`), ...added.map((l) => `+${l}`)].join('\n');
  return { text, patch };
}

/** A reader that knows some pages, and records which it was asked for. */
function fakeReader(pages: Record<string, Partial<PageMetadata>>, asked: string[]): PageMetadataReader {
  return async (url) => {
    asked.push(url);
    const page = Object.entries(pages).find(([path]) => url.endsWith(path))?.[1];
    if (!page) return { ok: false, url, verdict: 'unknown', reason: 'no such page' };
    return { ok: true, metadata: { url, finalUrl: url, site: 'generic', title: null, source: null, published: null, identity: null, ...page } };
  };
}

const published = (value: string): PageMetadata['published'] => ({ value: { value }, from: 'article:published_time' });

describe('runPrCheck with entry-metadata', () => {
  it('posts one review whose suggestion, applied to the added line, gives the page date; old entries are not read', async () => {
    const added = `- [Sparse attention in practice](${links.origin}/sparse) | Model Digest 2023-02-10`;
    const { text, patch } = list(links.origin, [added]);
    mockPull7ChangingReadme(text, patch);
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const comment = capture();
    api().post(`${REPO_PATH}/issues/7/comments`, comment.match).reply(201, { id: 501, html_url: 'https://github.com/c/501', body: '' });
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    api().post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 9 });

    const asked: string[] = [];
    const readPage = fakeReader({ '/sparse': { published: published('2023-02-14') }, '/scaling': { published: published('2020-01-01') } }, asked);
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS, readPage });

    expect(asked).toEqual([`${links.origin}/sparse`]);
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.start.line])).toEqual([['entry-metadata', 'warning', 6]]);
    expect(result.annotations).toEqual([
      expect.objectContaining({ path: 'README.md', startLine: 6, level: 'warning', title: 'listkeeper: entry-metadata' }),
    ]);
    expect(result.annotations[0].message).toContain("the page's publish date `2023-02-14` (article:published_time)");
    expect(comment.text).toContain('entry-metadata');
    expect(review.count).toBe(1);
    const comments = review.json.comments as Json[];
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ path: 'README.md', line: 6, side: 'RIGHT' });
    const suggested = /```suggestion\n(.*)\n```/.exec(String(comments[0].body))?.[1];
    expect(suggested).toBe(added.replace('2023-02-10', '2023-02-14'));
    expect(result.outputs).toEqual({ errors: '0', warnings: '1', 'dead-links': '0' });
  });

  it('puts the metadata fix and the lint fixes of one line in one suggestion; the page date wins over the reformatted one', async () => {
    const added = `- [Why RLHF works](${links.origin}/rlhf) | Alignment weekly 2023-3-4 `;
    const { text, patch } = list(links.origin, [added]);
    mockPull7ChangingReadme(text, patch);
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    api().post(`${REPO_PATH}/issues/7/comments`).reply(201, { id: 501, html_url: 'https://github.com/c/501', body: '' });
    api().get(`${REPO_PATH}/pulls/7/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    const review = capture();
    api().post(`${REPO_PATH}/pulls/7/reviews`, review.match).reply(200, { id: 9 });

    const readPage = fakeReader({ '/rlhf': { published: published('2023-03-09'), source: { value: 'Alignment Weekly', from: 'og:site_name' } } }, []);
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS, readPage });

    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['date-format', 'entry-metadata', 'whitespace']);
    const comments = review.json.comments as Json[];
    expect(comments).toHaveLength(1);
    const suggested = /```suggestion\n(.*)\n```/.exec(String(comments[0].body))?.[1];
    // Case-only differences in the source are no message; the trailing space goes, the date is the page's.
    expect(suggested).toBe(`- [Why RLHF works](${links.origin}/rlhf) | Alignment weekly 2023-03-09`);
    // The reformatting of the old date is not applied, so not given as a reason either.
    expect(String(comments[0].body)).toContain('`entry-metadata`');
    expect(String(comments[0].body)).not.toContain('`date-format`');
  });

  it('reads no page when the rule is off, or when the PR check does not check links', async () => {
    const added = `- [Sparse attention in practice](${links.origin}/sparse) | Model Digest 2023-02-10`;
    const asked: string[] = [];
    const readPage = fakeReader({ '/sparse': { published: published('2023-02-14') } }, asked);
    const config = defaultConfig();
    config.rules['entry-metadata'].severity = 'off';
    for (const ctx of [makeContext({ config }), makeContext()]) {
      const { text, patch } = list(links.origin, [added]);
      mockPull7ChangingReadme(text, patch);
      const result = await runPrCheck(makeClient(), ctx, {
        pullNumber: 7,
        linkOptions: FAST_LINKS,
        readPage,
        comment: false,
        suggest: false,
        checkNewLinks: ctx.config === config,
      });
      expect(result.findings).toEqual([]);
    }
    expect(asked).toEqual([]);
  });
});
