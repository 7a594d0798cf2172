import { describe, expect, it } from 'vitest';
import { addedLinesFromDiff, changedLinesFor, filterFindingsToLines, parseLineSpec } from '../../src/core/changed-lines.js';
import type { Finding } from '../../src/core/types.js';

const sorted = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);

describe('parseLineSpec', () => {
  it('reads single lines and ranges', () => {
    const spec = parseLineSpec('12-14, 44,3');
    expect(spec.ok && sorted(spec.value)).toEqual([3, 12, 13, 14, 44]);
  });

  it('names the bad part', () => {
    expect(parseLineSpec('12-x')).toEqual({ ok: false, error: 'invalid line range "12-x" in "12-x" (expected e.g. 12-20,44)' });
    expect(parseLineSpec('0').ok).toBe(false);
    expect(parseLineSpec('9-3').ok).toBe(false);
    expect(parseLineSpec('').ok).toBe(false);
  });
});

describe('addedLinesFromDiff', () => {
  it('reads a full git diff of several files, with new, deleted and renamed files', () => {
    const diff = [
      'diff --git a/README.md b/README.md',
      'index 83db48f..bf269f4 100644',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -2,3 +2,4 @@ ## Blogs',
      ' - [a](https://a) | AINLP 2023-01-01',
      '-- [b](https://b) | AINLP 2023-01-02',
      '+- [b](https://b) | AINLP 2023-01-03',
      '+++ a line that starts with +++ is content here',
      ' - [c](https://c) | AINLP 2023-01-04',
      '@@ -20 +21,0 @@',
      '-- removed',
      '\\ No newline at end of file',
      'diff --git a/gone.md b/gone.md',
      'deleted file mode 100644',
      '--- a/gone.md',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-- gone',
      'diff --git a/docs/new.md b/docs/new.md',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/docs/new.md',
      '@@ -0,0 +1,2 @@',
      '+- one',
      '+- two',
      '',
    ].join('\n');
    const result = addedLinesFromDiff(diff);
    if (!result.ok) throw new Error(result.error);
    expect([...result.value.files.keys()]).toEqual(['README.md', 'docs/new.md']);
    expect(sorted(result.value.files.get('README.md') ?? new Set())).toEqual([3, 4]);
    expect(sorted(result.value.files.get('docs/new.md') ?? new Set())).toEqual([1, 2]);
    expect(result.value.any).toBeNull();
  });

  it('reads a bare GitHub patch (hunks only) as lines of any file, with CRLF', () => {
    const patch = '@@ -1,2 +1,3 @@\r\n - a\r\n+- b\r\n - c\r\n@@ -10,0 +11 @@\r\n+- d\r\n';
    const result = addedLinesFromDiff(patch);
    expect(result.ok && sorted(result.value.any ?? new Set())).toEqual([2, 11]);
  });

  it('treats an empty diff as no changed lines, and refuses text that is no diff', () => {
    expect(addedLinesFromDiff('')).toEqual({ ok: true, value: { files: new Map(), any: null } });
    expect(addedLinesFromDiff('hello\nworld\n')).toEqual({ ok: false, error: 'not a unified diff (no file headers or @@ hunks)' });
  });

  /** The files of a diff and their added lines, for diffs made under different prefix settings. */
  const filesOf = (diff: string): Record<string, number[]> => {
    const result = addedLinesFromDiff(diff);
    if (!result.ok) throw new Error(result.error);
    return Object.fromEntries([...result.value.files].map(([path, lines]) => [path, sorted(lines)]));
  };
  const hunk = '@@ -1,0 +2 @@\n+- added\n';

  it('strips the prefixes git was told to use: mnemonic, custom, or none', () => {
    // diff.mnemonicPrefix: index and working tree.
    expect(filesOf(`diff --git i/docs/README.md w/docs/README.md\n--- i/docs/README.md\n+++ w/docs/README.md\n${hunk}`)).toEqual({ 'docs/README.md': [2] });
    // --src-prefix=old/ --dst-prefix=new/, and `diff -ru old new` outside git.
    expect(filesOf(`--- old/README.md\t2024-01-01 10:00:00\n+++ new/README.md\t2024-01-02 10:00:00\n${hunk}`)).toEqual({ 'README.md': [2] });
    // --no-prefix: a directory of the path is not a prefix.
    expect(filesOf(`diff --git docs/README.md docs/README.md\n--- docs/README.md\n+++ docs/README.md\n${hunk}`)).toEqual({ 'docs/README.md': [2] });
    expect(filesOf(`--- README.md.orig\n+++ README.md\n${hunk}`)).toEqual({ 'README.md': [2] });
  });

  it('reads a new file\'s prefix from the diff --git line, and a rename\'s target from git\'s own header', () => {
    expect(filesOf(`diff --git i/docs/new.md w/docs/new.md\nnew file mode 100644\n--- /dev/null\n+++ w/docs/new.md\n${hunk}`)).toEqual({ 'docs/new.md': [2] });
    expect(filesOf(`diff --git docs/new.md docs/new.md\nnew file mode 100644\n--- /dev/null\n+++ docs/new.md\n${hunk}`)).toEqual({ 'docs/new.md': [2] });
    const moved = 'diff --git docs/a.md lists/a.md\nsimilarity index 90%\nrename from docs/a.md\nrename to lists/a.md\n--- docs/a.md\n+++ lists/a.md\n';
    expect(filesOf(`${moved}${hunk}`)).toEqual({ 'lists/a.md': [2] });
  });

  it('unquotes paths git quotes', () => {
    const diff = '--- a/x\n+++ "b/\\344\\270\\255 list.md"\n@@ -0,0 +1 @@\n+- a\n';
    const result = addedLinesFromDiff(diff);
    expect(result.ok && [...result.value.files.keys()]).toEqual(['中 list.md']);
  });
});

describe('filterFindingsToLines', () => {
  const finding = (path: string, line: number, endLine = line, endColumn = 5): Finding => ({
    ruleId: 'whitespace',
    severity: 'warning',
    reason: 'r',
    path,
    start: { line, column: 1, offset: 0 },
    end: { line: endLine, column: endColumn, offset: 0 },
    fix: null,
  });

  it('keeps findings touching a changed line of their own file, the same path written with ./ or a/../', () => {
    const changed = { files: new Map([['docs/list.md', new Set([3])], ['README.md', new Set([7])]]), any: null };
    const findings = [finding('./README.md', 7), finding('README.md', 3), finding('docs/../docs/list.md', 3), finding('other.md', 7), finding('README.md', 6, 8)];
    const kept = filterFindingsToLines(findings, (path) => changedLinesFor(changed, path));
    expect(kept.map((f) => `${f.path}:${f.start.line}`)).toEqual(['./README.md:7', 'docs/../docs/list.md:3', 'README.md:6']);
  });

  it('lends no file the lines of another whose path merely ends the same way', () => {
    const docsOnly = { files: new Map([['docs/README.md', new Set([2])]]), any: null };
    expect(sorted(changedLinesFor(docsOnly, 'README.md'))).toEqual([]);
    expect(sorted(changedLinesFor(docsOnly, '/repo/docs/README.md'))).toEqual([]);
    expect(sorted(changedLinesFor(docsOnly, 'docs/README.md'))).toEqual([2]);
    const rootOnly = { files: new Map([['README.md', new Set([1])]]), any: null };
    expect(sorted(changedLinesFor(rootOnly, 'docs/README.md'))).toEqual([]);
    expect(sorted(changedLinesFor(rootOnly, './README.md'))).toEqual([1]);
  });

  it('takes exactly the file with the same path when both are in the diff', () => {
    const changed = { files: new Map([['README.md', new Set([1])], ['docs/README.md', new Set([2])]]), any: null };
    expect(sorted(changedLinesFor(changed, 'README.md'))).toEqual([1]);
    expect(sorted(changedLinesFor(changed, './docs/README.md'))).toEqual([2]);
  });

  it('adds the lines of a bare patch to every file', () => {
    const changed = { files: new Map([['docs/README.md', new Set([2])]]), any: new Set([5]) };
    expect(sorted(changedLinesFor(changed, 'README.md'))).toEqual([5]);
    expect(sorted(changedLinesFor(changed, 'docs/README.md'))).toEqual([2, 5]);
  });

  it('does not count a span that ends at column 1 of the next line as touching it', () => {
    const kept = filterFindingsToLines([finding('a.md', 4, 5, 1)], () => new Set([5]));
    expect(kept).toEqual([]);
  });
});
