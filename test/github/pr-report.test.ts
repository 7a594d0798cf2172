import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { code, messageMarkdown } from '../../src/github/markdown.js';
import type { Finding } from '../../src/core/types.js';
import { renderPrMarkdown, type PrFindings, type SortHint } from '../../src/github/pr-check/pr-report.js';
import type { LinkResult, Verdict } from '../../src/links/types.js';
import { outsideCode } from './helpers.js';

/** A PR check that found nothing but lists out of date order. */
function sortFindings(unsorted: SortHint[]): PrFindings {
  return { pullNumber: 7, files: ['README.md'], addedLines: 2, findings: [], dead: [], blocked: [], linkNotes: [], unsorted, problems: [], linkWarning: null };
}

describe('renderPrMarkdown', () => {
  it('names an unsorted list in a code span, so headings and titles from the PR mention no one', () => {
    const markdown = renderPrMarkdown(sortFindings([{ path: 'README.md', line: 6, list: "the list under 'Thanks @octocat › blog:' (line 5)", severity: 'warning' }]));
    expect(markdown).toContain("`the list under 'Thanks @octocat › blog:' (line 5)` is not in date order.");
    expect(outsideCode(markdown)).not.toContain('@octocat');
  });

  it('offers /sort for the lists it can sort and names the one it cannot, with what to change', () => {
    const why = "line 4 starts with another list's marker; put each item on a line of its own";
    const markdown = renderPrMarkdown(
      sortFindings([
        { path: 'README.md', line: 4, list: "the list under 'Thanks @octocat' (line 3)", severity: 'warning', reason: why },
        { path: 'README.md', line: 12, list: "the list in section 'Blogs' (line 10)", severity: 'warning' },
      ]),
    );
    expect(markdown).toContain('### listkeeper: 0 errors, 2 warnings');
    expect(markdown).toContain(`- \`README.md\` line 4: \`the list under 'Thanks @octocat' (line 3)\` is not sorted by date, and listkeeper cannot move its items safely: ${why}.`);
    expect(markdown).toContain("- `README.md` line 12: `the list in section 'Blogs' (line 10)` is not in date order.");
    expect(markdown).toContain('Comment `/sort` on this pull request and listkeeper will sort it for you.');
    expect(markdown).toContain('`/sort` leaves a list it cannot move safely as it is');
    expect(outsideCode(markdown)).not.toContain('@octocat');
  });

  it('shows what web servers sent (headers, Location, notes) only in code spans: no HTML, mention, link or reference', () => {
    const hostile = 'bot challenge (cf-mitigated: <img src=x onerror=alert(1)> @octocat #1 https://evil.example/)';
    const dead = linkResult('dead', { reason: 'redirect to an invalid URL: javascript:alert(1)//@octocat', notes: ['tried http:// too: HTTP 404 @octo-team'] });
    const blocked = linkResult('blocked', { reason: hostile });
    const noted = linkResult('alive', { reason: 'HTTP 200', finalUrl: 'https://ok.example/new', notes: ['permanent redirect to https://x.example/`@octocat`\n\n<img src=y>'] });
    const markdown = renderPrMarkdown({ ...sortFindings([]), dead: [dead], blocked: [blocked], linkNotes: [noted] });

    expect(markdown).toContain('refuses automated checks (`bot challenge (cf-mitigated: <img src=x onerror=alert(1)> @octocat #1 https://evil.example/)`)');
    expect(markdown).toContain('`redirect to an invalid URL: javascript:alert(1)//@octocat`; `tried http:// too: HTTP 404 @octo-team`');
    // A backtick run and a blank line in a note cannot end the code span early.
    expect(markdown).toContain('``permanent redirect to https://x.example/`@octocat` <img src=y>``');
    const outside = outsideCode(markdown);
    for (const text of ['<img', '@octo', '#1', 'evil.example', 'javascript:']) expect(outside).not.toContain(text);
  });
});

/** The text of every code span as GitHub renders it (GFM: tables, pipes escaped in cells). */
function renderedCode(markdown: string): string[] {
  const out: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }): void => {
    if (node.type === 'inlineCode' && node.value !== undefined) out.push(node.value);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
  return out;
}

function finding(line: number, reason: string, severity: 'error' | 'warning' = 'error'): Finding {
  return {
    ruleId: 'entry-format',
    severity,
    path: 'README.md',
    reason,
    start: { line, column: 1, offset: 0 },
    end: { line, column: 2, offset: 1 },
  } as Finding;
}

describe('the PR report as a reviewer reads it', () => {
  it('shows " | " in a rule message with its spaces, in the table where GitHub renders it', () => {
    const markdown = renderPrMarkdown({ ...sortFindings([]), findings: [finding(3, 'Unexpected `｜` after the separator: expected ` | ` once')] });
    expect(renderedCode(markdown)).toContain(' | ');
    expect(renderedCode(messageMarkdown('Missing ` | ` between the link and the source'))).toEqual([' | ']);
  });

  it('lists messages and dead links by line, links each line to the commit, and counts dead links once', () => {
    const dead = linkResult('dead', { reason: 'HTTP 404', status: 404, occurrences: [{ file: 'README.md', line: 7, section: 'Blogs', url: 'https://site.example/dead', title: 'A post' }] });
    const markdown = renderPrMarkdown({
      ...sortFindings([]),
      findings: [finding(22, 'Entry lacks its date after the separator', 'warning'), finding(3, 'Entry lacks its source after the separator')],
      dead: [dead],
      blobBase: 'https://github.com/o/r/blob/abc123/',
    });
    expect(markdown).toContain('### listkeeper: 2 errors (1 dead link), 1 warning');
    const lines = [...markdown.matchAll(/^\| \S+ \| `README.md` \| \[(\d+)\]\((\S+)\)/gm)];
    expect(lines.map((m) => m[1])).toEqual(['3', '7', '22']);
    expect(lines[1]?.[2]).toBe('https://github.com/o/r/blob/abc123/README.md#L7');
    const sorted = renderPrMarkdown({ ...sortFindings([{ path: 'README.md', line: 12, list: "the list in section 'Blogs' (line 10)", severity: 'warning' }]), blobBase: 'https://github.com/o/r/blob/abc123/' });
    expect(sorted).toContain("- `README.md` [line 12](https://github.com/o/r/blob/abc123/README.md#L12): `the list in section 'Blogs' (line 10)` is not in date order.");
  });

  it('says a blocked link refuses automated checks once, not in nested parentheses', () => {
    const blocked = linkResult('blocked', { reason: 'HTTP 403 (refuses automated requests)' });
    const markdown = renderPrMarkdown({ ...sortFindings([]), blocked: [blocked] });
    expect(markdown).toContain('`https://site.example/blocked`: refuses automated checks (HTTP 403), not counted as dead');
  });
});

describe('code', () => {
  it('keeps spaces at both ends, which GitHub would otherwise trim', () => {
    expect(renderedCode(`x ${code(' | ')} y`)).toEqual([' | ']);
    expect(renderedCode(`x ${code('  ')} y`)).toEqual(['  ']);
  });

  it('keeps text with backticks and line breaks inside one span', () => {
    expect(code('a ``b`` c')).toBe('```a ``b`` c```');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('one\n\n<img src=x>\r\ntwo')).toBe('`one <img src=x> two`');
  });
});

function linkResult(verdict: Verdict, extra: Partial<LinkResult>): LinkResult {
  const url = `https://site.example/${verdict}`;
  return {
    url,
    requestUrl: url,
    occurrences: [{ file: 'README.md', line: 7, section: 'Blogs', url, title: 'A post' }],
    verdict,
    status: 403,
    reason: 'HTTP 403',
    finalUrl: null,
    notes: [],
    archiveUrl: null,
    requests: 1,
    cached: false,
    failedRuns: 1,
    failingSince: null,
    reportable: verdict === 'dead',
    checkedAt: '2024-06-01T12:00:00.000Z',
    ...extra,
  };
}
