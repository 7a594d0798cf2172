import { describe, expect, it } from 'vitest';
import { renderPrMarkdown, type PrFindings, type SortHint } from '../../src/github/pr-report.js';
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
});
