import { describe, expect, it } from 'vitest';
import { runPrCheck } from '../../src/github/pr-check/pr-check.js';
import { api, FAST_LINKS, makeClient, makeContext, mockPull7ChangingReadme, REPO_PATH, useNockAndLinkServer } from './helpers.js';

const links = useNockAndLinkServer('127.0.0.29');

/**
 * The PR adds an entry with a short date that is also out of date order, and
 * (optionally) a comment above it, indented under the entry before: unindented,
 * the comment would split the list in two, and each half alone is sorted.
 */
function headList(origin: string, comment: string | null): string[] {
  return [
    '# Awesome LLM reading',
    '',
    '## Blogs',
    '',
    `- [Scaling laws, revisited](${origin}/scaling) | Lab Notes 2023-01-05`,
    `- [Sparse attention in practice](${origin}/sparse) | Model Digest 2023-02-10`,
    ...(comment === null ? [] : [comment]),
    `- [Why RLHF works](${origin}/rlhf) | Alignment Weekly 2022-1-4`,
    '',
  ];
}

function mockPull(lines: string[], addedFrom: number): void {
  const patch = [
    `@@ -4,3 +4,${lines.length - 4} @@`,
    ...lines.slice(3, -1).map((line, i) => (i + 4 >= addedFrom ? `+${line}` : ` ${line}`)),
  ].join('\n');
  mockPull7ChangingReadme(lines.join('\n'), patch);
}

describe('runPrCheck with marker comments', () => {
  it('without a comment, reports the short date and the sort order of the new entry', async () => {
    mockPull(headList(links.origin, null), 7);
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS, comment: false, suggest: false });
    expect(result.findings.map((f) => `${f.ruleId}@${f.start.line}`)).toEqual(['date-format@7']);
    expect(result.report.unsorted.map((u) => u.line)).toEqual([7]);
    expect(result.clean).toBe(false);
  });

  it('`<!-- lint ignore date-format sort-order -->` above the entry: nothing reported, no comment, no suggestion, no /sort hint', async () => {
    mockPull(headList(links.origin, '  <!-- lint ignore date-format sort-order -->'), 7);
    api().get(`${REPO_PATH}/issues/7/comments`).query({ per_page: 100 }).reply(200, []);
    const result = await runPrCheck(makeClient(), makeContext(), { pullNumber: 7, linkOptions: FAST_LINKS });
    expect(result.findings).toEqual([]);
    expect(result.report.unsorted).toEqual([]);
    expect(result.annotations).toEqual([]);
    expect(result.clean).toBe(true);
    expect(result.comment.action).toBe('none');
    expect(result.suggestions.posted).toBe(0);
  });
});
