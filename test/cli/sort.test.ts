import { linkSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blog, expectNoTempFiles, expectOneLineError, readText, runCli, scratch } from './run.js';

const UNSORTED = ['## Blogs', '', blog('c', '2023-03-01'), blog('a', '2023-01-01'), '- author: OpenAI', blog('b', '2023-02-01'), ''].join('\n');
const SORTED = ['## Blogs', '', blog('a', '2023-01-01'), blog('b', '2023-02-01'), '- author: OpenAI', blog('c', '2023-03-01'), ''].join('\n');

describe('listkeeper sort', () => {
  it('prints the sorted document and leaves the file alone', async () => {
    const dir = await scratch({ 'README.md': UNSORTED });
    const run = await runCli(['sort', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(SORTED);
    expect(await readText(dir, 'README.md')).toBe(UNSORTED);
  });

  it('--check exits 1 and names the list and the first item out of place', async () => {
    const dir = await scratch({ 'README.md': UNSORTED });
    const run = await runCli(['sort', '--check', 'README.md'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      "README.md:4: the list in section 'Blogs' (line 3) is not sorted by date: 'a' (2023-01-01) belongs before 'c' (2023-03-01) (line 3)\n" +
        'README.md: 1 list out of order; run `listkeeper sort --write README.md` to sort.\n',
    );
    expect(await readText(dir, 'README.md')).toBe(UNSORTED);
  });

  it('--check exits 0 on a sorted file', async () => {
    const dir = await scratch({ 'README.md': SORTED });
    const run = await runCli(['sort', '--check', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('README.md: every list is sorted by date.\n');
  });

  it('says so when a file has no dated list, rather than that its lists are sorted by date', async () => {
    const dir = await scratch({ 'README.md': '# Tools\n\n- [b](https://b.example/) - B.\n- [a](https://a.example/) - A.\n' });
    for (const mode of ['--check', '--write']) {
      const run = await runCli(['sort', mode, 'README.md'], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('README.md: no list of dated entries to sort.\n');
    }
  });

  it('--write rewrites the file atomically', async () => {
    const dir = await scratch({ 'README.md': UNSORTED });
    // A second name for the old file, as a reader that opened it holds it: written in place
    // (truncate, then write) it would change under the reader; renamed over, it stays whole.
    linkSync(join(dir, 'README.md'), join(dir, 'reader.md'));
    const run = await runCli(['sort', '--write', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('README.md: sorted 1 list.\n');
    expect(await readText(dir, 'README.md')).toBe(SORTED);
    expect(await readText(dir, 'reader.md')).toBe(UNSORTED);
    expect(statSync(join(dir, 'README.md')).ino).not.toBe(statSync(join(dir, 'reader.md')).ino);
    await expectNoTempFiles(dir);
  });

  it('--write does not touch a sorted file', async () => {
    const dir = await scratch({ 'README.md': SORTED });
    const inode = statSync(join(dir, 'README.md')).ino;
    const run = await runCli(['sort', '--write', 'README.md'], dir);
    expect(run.stdout).toBe('README.md: already sorted.\n');
    expect(statSync(join(dir, 'README.md')).ino).toBe(inode);
  });

  it('takes the order from the config', async () => {
    const dir = await scratch({ 'README.md': UNSORTED, 'lk.yml': 'sort:\n  order: desc\n  undated: bottom\n' });
    const run = await runCli(['sort', '--config', 'lk.yml', 'README.md'], dir);
    expect(run.stdout).toBe(['## Blogs', '', blog('c', '2023-03-01'), blog('b', '2023-02-01'), blog('a', '2023-01-01'), '- author: OpenAI', ''].join('\n'));
  });

  it('names a list it cannot reorder safely, says why, and leaves it as it is', async () => {
    // b ends in a code block, so the paragraph after the quote is not b's; moving c last would make it c's.
    const text = ['## Quoted', '', `> ${blog('c', '2023-03-01')}`, `> ${blog('b', '2023-02-01')}`, '>   ```', '>   code', '>   ```', 'After the quote.', ''].join('\n');
    const dir = await scratch({ 'README.md': text });
    const check = await runCli(['sort', '--check', 'README.md'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      "README.md:4: the list in section 'Quoted' (line 3) is not sorted by date: 'b' (2023-02-01) belongs before 'c' (2023-03-01) (line 3); " +
        '`sort` leaves it as it is: line 8 right after it would join whichever item came last; put a blank line after the list\n' +
        'README.md: 1 list out of order that `sort` cannot reorder; sort it by hand.\n',
    );
    const write = await runCli(['sort', '--write', 'README.md'], dir);
    expect(write.code).toBe(0);
    expect(write.stdout).toContain('cannot reorder; sort it by hand.');
    expect(write.stdout).not.toContain('already sorted');
    expect(await readText(dir, 'README.md')).toBe(text);
  });

  it.each([
    ['nested lists that run into each other', ['> - [b](https://b.com) | s 2023-01-01', '> - [a](https://a.com) | s 2022-01-01', '>   + x', '>     * y', '>   - z', ''], /the item at line 2 holds nested lists that cannot be cut apart/],
    ['items at different indentations', ['  - [b](https://b.com) | s 2023-01-01', '- [a](https://a.com) | s 2022-01-01', ''], /sorted, the item at line 2 would not be read as the same item/],
  ])('--write leaves a list with %s byte-identical and names it as unmovable', async (_layout, fileLines, reason) => {
    const text = fileLines.join('\r\n');
    const dir = await scratch({ 'README.md': text });
    const check = await runCli(['sort', '--check', 'README.md'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^README\.md:2: the list at line 1 is not sorted by date: 'a' \(2022-01-01\) belongs before 'b' \(2023-01-01\) \(line 1\); `sort` leaves it as it is: /);
    expect(check.stdout).toMatch(reason);
    expect(check.stdout).not.toContain('run `listkeeper sort --write');
    const write = await runCli(['sort', '--write', 'README.md'], dir);
    expect(write.code).toBe(0);
    expect(write.stdout).toMatch(reason);
    expect(write.stdout).toContain('README.md: 1 list out of order that `sort` cannot reorder; sort it by hand.\n');
    expect(write.stdout).not.toMatch(/sorted 1 list|already sorted/);
    expect(await readText(dir, 'README.md')).toBe(text);
  });

  it('refuses --write with --check, printing several files, and no file without a config', async () => {
    const dir = await scratch({ 'README.md': UNSORTED, 'other.md': SORTED });
    expectOneLineError(await runCli(['sort', '--write', '--check', 'README.md'], dir), /sort: use --write or --check, not both \(see listkeeper sort --help\)/);
    expectOneLineError(await runCli(['sort', 'README.md', 'other.md'], dir), /sort: printing the sorted list takes one file \(got 2\); use --check or --write for several/);
    expectOneLineError(await runCli(['sort'], dir), /sort: name at least one list file, or list them under `files`/);
    expect(await readText(dir, 'README.md')).toBe(UNSORTED);
  });

  it('--write sorts every file a pre-commit hook passes, and each directory\'s Markdown files', async () => {
    const dir = await scratch({ 'README.md': UNSORTED, 'sorted.md': SORTED });
    await mkdir(join(dir, 'lists', 'deep'), { recursive: true });
    await writeFile(join(dir, 'lists', 'a.md'), UNSORTED);
    await writeFile(join(dir, 'lists', 'deep', 'b.markdown'), UNSORTED);
    await writeFile(join(dir, 'lists', 'notes.txt'), UNSORTED);
    const run = await runCli(['sort', '--write', 'README.md', 'sorted.md', 'lists'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'README.md: sorted 1 list.\nsorted.md: already sorted.\nlists/a.md: sorted 1 list.\nlists/deep/b.markdown: sorted 1 list.\n',
    );
    for (const path of ['README.md', 'lists/a.md', 'lists/deep/b.markdown']) expect(await readText(dir, path)).toBe(SORTED);
    expect(await readText(dir, 'lists/notes.txt')).toBe(UNSORTED);
  });

  it('--check over several files exits 1 when any is out of order, naming only that one', async () => {
    const dir = await scratch({ 'README.md': SORTED, 'b.md': UNSORTED });
    const run = await runCli(['sort', '--check', 'README.md', 'b.md'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('README.md: every list is sorted by date.\n');
    expect(run.stdout).toContain('b.md: 1 list out of order; run `listkeeper sort --write b.md` to sort.\n');
  });

  it('writes nothing when one of several files cannot be read', async () => {
    const dir = await scratch({ 'README.md': UNSORTED });
    expectOneLineError(await runCli(['sort', '--write', 'README.md', 'missing.md'], dir), /missing\.md: cannot read/);
    expect(await readText(dir, 'README.md')).toBe(UNSORTED);
  });
});
