import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedRegion, unifiedDiff } from '../../src/github/commands/change-diff.js';
import { matchesFileGlobs } from '../../src/github/repo/file-globs.js';
import { untouchedListFiles } from '../../src/github/pr-check/other-lists.js';
import { api, makeClient, makeContext, REPO_PATH, setUpNock, tearDownNock } from './helpers.js';
import { decodeDataBlock, encodeDataBlock, hasMarker, PR_CHECK_MARKER } from '../../src/github/markers.js';
import { addedLinesByContent, parsePatch } from '../../src/github/pr-check/patch.js';
import { fenceFor, suggestionBlock } from '../../src/github/pr-check/suggestions.js';

describe('parsePatch', () => {
  it('finds the added lines and hunk ranges of a GitHub patch with several hunks', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' # List',
      '+- [New](https://example.org/new) | Src 2023-01-01',
      ' ',
      ' ## Blogs',
      '@@ -20,2 +21,2 @@ ## Papers',
      '-- [Old](https://example.org/old) | Src 2022-01-01',
      '+- [Old](https://example.org/old) | Src 2022-01-02',
      ' - [Kept](https://example.org/kept) | Src 2022-02-01',
      '\\ No newline at end of file',
    ].join('\n');
    const { added, hunks } = parsePatch(patch);
    expect([...added]).toEqual([2, 21]);
    expect(hunks).toEqual([
      { start: 1, end: 4 },
      { start: 21, end: 22 },
    ]);
  });

  it('computes added lines from contents when GitHub leaves the patch out (moved lines are not new)', () => {
    const base = 'a\nb\nc\n';
    const head = 'c\na\nnew\nb\n';
    expect([...addedLinesByContent(base, head)]).toEqual([3]);
    expect([...addedLinesByContent(null, 'x\ny')]).toEqual([1, 2]);
  });
});

describe('matchesFileGlobs', () => {
  it('matches the configured file globs', () => {
    expect(matchesFileGlobs('README.md', ['README.md'])).toBe(true);
    expect(matchesFileGlobs('docs/README.md', ['README.md'])).toBe(false);
    expect(matchesFileGlobs('lists/a/b.md', ['lists/**/*.md'])).toBe(true);
    expect(matchesFileGlobs('lists/b.md', ['lists/**/*.md'])).toBe(true);
    expect(matchesFileGlobs('lists/b.mdx', ['lists/*.md'])).toBe(false);
    expect(matchesFileGlobs('READMEXmd', ['README.md'])).toBe(false);
  });

  it('reads braces, brackets and `!` exclusions wherever they stand, as the CLI does', () => {
    const globs = ['!lists/draft.md', 'lists/*.md', '{ai,ml}/**/*.md', '[am]*.md'];
    expect(matchesFileGlobs('lists/a.md', globs)).toBe(true);
    expect(matchesFileGlobs('lists/draft.md', globs)).toBe(false);
    expect(matchesFileGlobs('ml/x/y.md', globs)).toBe(true);
    expect(matchesFileGlobs('web/y.md', globs)).toBe(false);
    expect(matchesFileGlobs('alpha.md', globs)).toBe(true);
    expect(matchesFileGlobs('zeta.md', globs)).toBe(false);
    // Only exclusions take nothing; `**` does not enter a dot folder unless it is named.
    expect(matchesFileGlobs('README.md', ['!draft.md'])).toBe(false);
    expect(matchesFileGlobs('.github/ISSUE_TEMPLATE/bug.md', ['**/*.md'])).toBe(false);
    expect(matchesFileGlobs('.github/ISSUE_TEMPLATE/bug.md', ['.github/**/*.md'])).toBe(true);
  });
});

describe('markers and data blocks', () => {
  it('finds a marker on its own line but not in a quote', () => {
    expect(hasMarker(`${PR_CHECK_MARKER}\ntext`, PR_CHECK_MARKER)).toBe(true);
    expect(hasMarker(`> ${PR_CHECK_MARKER}\n> text`, PR_CHECK_MARKER)).toBe(false);
    expect(hasMarker(null, PR_CHECK_MARKER)).toBe(false);
  });

  it('round-trips data through a hidden block that cannot end the HTML comment early', () => {
    const value = { urls: { 'example.org/a-->b': { failedRuns: 2, reason: '-- end -->' } } };
    const block = encodeDataBlock('history', value);
    expect(block.slice(4, -3)).not.toContain('--');
    expect(decodeDataBlock(`report\n${block}\nmore`, 'history')).toEqual(value);
    expect(decodeDataBlock('no block here', 'history')).toBeNull();
  });
});

describe('suggestion blocks', () => {
  it('use a fence longer than any backtick run in the replacement', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(suggestionBlock('a ```` b')).toBe('`````suggestion\na ```` b\n`````');
  });
});

describe('unifiedDiff', () => {
  const before = ['# L', '', '- c 2023-03-01', '- a 2023-01-01', '- b 2023-02-01', '', '## End', 'x', 'y', 'z', ''].join('\n');
  const after = ['# L', '', '- a 2023-01-01', '- b 2023-02-01', '- c 2023-03-01', '', '## End', 'x', 'y', 'z', ''].join('\n');

  it('marks the changed lines of the old text', () => {
    expect(changedRegion(before, after)).toMatchObject({ oldStart: 3, oldEnd: 5 });
    expect(changedRegion(before, before)).toBeNull();
  });

  it('makes a patch that git apply turns the old file into the new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'listkeeper-diff-'));
    for (const [name, oldText, newText] of [
      ['README.md', before, after],
      ['CRLF.md', before.replace(/\n/g, '\r\n'), after.replace(/\n/g, '\r\n')],
    ]) {
      writeFileSync(join(dir, name), oldText);
      writeFileSync(join(dir, `${name}.patch`), `${unifiedDiff(name, oldText, newText)}\n`);
      execFileSync('git', ['apply', '--unsafe-paths', `${name}.patch`], { cwd: dir });
      expect(readFileSync(join(dir, name), 'utf8')).toBe(newText);
    }
  });
});

describe('untouchedListFiles (the lists a pull request leaves alone, for duplicates across lists)', () => {
  beforeEach(setUpNock);
  afterEach(() => expect(tearDownNock()).toEqual([]));

  it('leaves out what a `!` glob excludes, and never reads a `!` glob as a file name', async () => {
    api()
      .get(`${REPO_PATH}/git/trees/head-sha`)
      .query({ recursive: 'true' })
      .reply(200, { sha: 't', truncated: false, tree: ['README.md', 'lists/a.md', 'lists/draft.md', 'lists/b.md'].map((path) => ({ path, type: 'blob', sha: path })) });
    const ctx = makeContext({ files: ['README.md', 'lists/a.md', 'lists/draft.md', '!lists/draft.md'] });
    expect(await untouchedListFiles(makeClient(), ctx, 'head-sha', ['README.md'])).toEqual(['lists/a.md']);
  });
});
