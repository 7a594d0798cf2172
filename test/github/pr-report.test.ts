import { describe, expect, it } from 'vitest';
import { renderPrMarkdown, type PrFindings } from '../../src/github/pr-report.js';

/** The Markdown outside code spans: what GitHub scans for @mentions. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, '');
}

describe('renderPrMarkdown', () => {
  it('names an unsorted list in a code span, so headings and titles from the PR mention no one', () => {
    const findings: PrFindings = {
      pullNumber: 7,
      files: ['README.md'],
      addedLines: 2,
      findings: [],
      dead: [],
      blocked: [],
      linkNotes: [],
      unsorted: [{ path: 'README.md', line: 6, list: "the list under 'Thanks @octocat › blog:' (line 5)", severity: 'warning' }],
      problems: [],
      linkWarning: null,
    };
    const markdown = renderPrMarkdown(findings);
    expect(markdown).toContain("`the list under 'Thanks @octocat › blog:' (line 5)` is not in date order.");
    expect(outsideCode(markdown)).not.toContain('@octocat');
  });
});
