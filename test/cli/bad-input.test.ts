/**
 * Issue 2's bad inputs, one test each: a clear one-line message, the right
 * exit code, no stack trace, and the file left exactly as it was.
 */
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blog, expectNoTempFiles, expectOneLineError, readText, runCli, scratch, unprivileged } from './run.js';

/** Run `lint --fix` and `sort --write` on a file that must be refused; the bytes must not change. */
async function expectRefusedUnchanged(name: string, content: string | Uint8Array, message: RegExp): Promise<void> {
  const dir = await scratch({ [name]: content });
  const before = await readFile(join(dir, name));
  for (const args of [['lint', '--fix', name], ['sort', '--write', name]]) {
    const run = await runCli(args, dir);
    expectOneLineError(run, message);
  }
  expect(Buffer.compare(await readFile(join(dir, name)), before)).toBe(0);
  await expectNoTempFiles(dir);
}

describe('bad input', () => {
  it('a missing file', async () => {
    const dir = await scratch();
    expectOneLineError(await runCli(['lint', 'nope.md'], dir), /^listkeeper: nope\.md: cannot read: no such file$/);
    expectOneLineError(await runCli(['sort', 'nope.md'], dir), /nope\.md: cannot read: no such file/);
  });

  // As root these run the CLI as `nobody` (see `unprivileged`), for whom the modes hold.
  it('an unreadable file', async () => {
    const dir = await scratch({ 'README.md': `${blog('a', '2023-01-01')}\n` });
    await chmod(dir, 0o755);
    await chmod(join(dir, 'README.md'), 0o000);
    expectOneLineError(await runCli(['lint', 'README.md'], dir, {}, unprivileged), /README\.md: cannot read: permission denied/);
  });

  it('a directory without Markdown files', async () => {
    const dir = await scratch({ 'notes.txt': 'x\n' });
    expectOneLineError(await runCli(['lint', '.'], dir), /^listkeeper: \.: a directory without Markdown files \(\.md, \.markdown\)$/);
  });

  it('a binary file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await expectRefusedUnchanged('logo.md', png, /logo\.md:3: binary file \(NUL byte\), not a Markdown list/);
  });

  it('invalid UTF-8, with its line', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`## Blogs\n\n${blog('ok', '2023-01-01')}\n- [caf`),
      Buffer.from([0xe9]), // é in Latin-1
      Buffer.from('](https://example.com/cafe) | AINLP 2023-01-02\n'),
    ]);
    await expectRefusedUnchanged('README.md', latin1, /README\.md:4: invalid UTF-8 \(byte 0xe9 at offset \d+\); save the file as UTF-8/);
  });

  it('a UTF-16 file', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${blog('a', '2023-01-01')}\n`, 'utf16le')]);
    await expectRefusedUnchanged('README.md', utf16, /README\.md: the file is UTF-16; save it as UTF-8/);
  });

  it('an empty file (and one with only blank lines): an error, since a list file that is empty was most likely truncated', async () => {
    await expectRefusedUnchanged('README.md', '', /README\.md: the file is empty, so there is no list to check/);
    await expectRefusedUnchanged('README.md', '\uFEFF\n\r\n  \n', /README\.md: the file is empty/);
  });

  it('a 50 MB file is refused before it is read', async () => {
    const line = `${blog('A post about large language models', '2023-01-01')}\n`;
    const big = line.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(line)));
    await expectRefusedUnchanged('README.md', big, /README\.md: the file is too large \(50 MB; the limit is 10 MB\)/);
  });

  it('lists nested 1,000 deep', async () => {
    const lines = ['## Deep', ''];
    for (let i = 0; i < 1000; i++) lines.push(`${'  '.repeat(i)}- [level ${i}](https://example.com/${i}) | AINLP 2023-01-01`);
    await expectRefusedUnchanged('README.md', `${lines.join('\n')}\n`, /README\.md:103: lists nested more than 100 levels deep/);
  });

  it('quotes and list items nested 1,100 deep on one line (`- > - > …`)', async () => {
    const text = `# List\n\n## Deep\n\n${'- > '.repeat(1100)}[x](https://example.com/x) | AINLP 2023-01-01\n`;
    await expectRefusedUnchanged('README.md', text, /README\.md:5: lists nested more than 100 levels deep/);
  });

  it('CRLF line endings and a BOM are kept by sort --write', async () => {
    const text = `\uFEFF## Blogs\r\n\r\n${blog('b', '2023-02-01')}\r\n${blog('a', '2023-01-01')}\r\n`;
    const dir = await scratch({ 'README.md': text });
    const run = await runCli(['sort', '--write', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(await readText(dir, 'README.md')).toBe(`\uFEFF## Blogs\r\n\r\n${blog('a', '2023-01-01')}\r\n${blog('b', '2023-02-01')}\r\n`);
  });

  it('tabs in indentation: nested items are read, reported at the right column, and sorted in place', async () => {
    const text = `- [Parent](https://example.com/p) | AINLP 2023-01-01\n\t${blog('second', '2023-01-03')}  \n\t${blog('first', '2023-01-02')}\n`;
    const dir = await scratch({ 'README.md': text });
    const lint = await runCli(['lint', 'README.md'], dir);
    expect(lint.stdout).toMatch(/^README\.md:2:\d+ {2}warning {2}.* {2}whitespace$/m);
    expect(lint.stdout).toMatch(/^README\.md:3:4 {2}warning {2}.* {2}sort-order$/m);
    const sort = await runCli(['sort', '--write', 'README.md'], dir);
    expect(sort.code).toBe(0);
    expect(await readText(dir, 'README.md')).toBe(
      `- [Parent](https://example.com/p) | AINLP 2023-01-01\n\t${blog('first', '2023-01-02')}\n\t${blog('second', '2023-01-03')}  \n`,
    );
  });

  it('an unterminated link is reported on its line (exit 1), not a crash', async () => {
    const text = `## Blogs\n\n- [A good post](https://example.com/a | AINLP 2023-01-01\n${blog('b', '2023-01-02')}\n`;
    const dir = await scratch({ 'README.md': text });
    const run = await runCli(['lint', '--fix', 'README.md'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^README\.md:3:\d+ {2}error {2}.*closing `\)`.* {2}url-format$/m);
    expect(run.stderr).toBe('');
    expect(await readText(dir, 'README.md')).toBe(text);
  });

  it('a config with an unknown key', async () => {
    const dir = await scratch({ 'README.md': `${blog('a', '2023-01-01')}  \n`, 'lk.yml': 'rules:\n  whitespace: error\nsortt:\n  order: desc\n' });
    expectOneLineError(await runCli(['lint', '--fix', '--config', 'lk.yml', 'README.md'], dir), /^listkeeper: lk\.yml:3: unknown key "sortt"$/);
    expect(await readText(dir, 'README.md')).toBe(`${blog('a', '2023-01-01')}  \n`);
  });

  it('a config with a wrong type', async () => {
    const dir = await scratch({ 'README.md': `${blog('b', '2023-02-01')}\n${blog('a', '2023-01-01')}\n`, 'lk.yml': 'sort:\n  order: 3\n' });
    expectOneLineError(await runCli(['sort', '--write', '--config', 'lk.yml', 'README.md'], dir), /^listkeeper: lk\.yml:2: "sort\.order" must be/);
    expect(await readText(dir, 'README.md')).toBe(`${blog('b', '2023-02-01')}\n${blog('a', '2023-01-01')}\n`);
  });

  it('a config file that does not exist', async () => {
    const dir = await scratch({ 'README.md': `${blog('a', '2023-01-01')}\n` });
    expectOneLineError(await runCli(['lint', '--config', 'none.yml', 'README.md'], dir), /none\.yml: cannot read config: no such file/);
  });

  it('every bad file is named when several are given', async () => {
    const dir = await scratch({ 'ok.md': `${blog('a', '2023-01-01')}\n`, 'empty.md': '' });
    const run = await runCli(['lint', 'ok.md', 'empty.md', 'missing.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'listkeeper: empty.md: the file is empty, so there is no list to check',
      'listkeeper: missing.md: cannot read: no such file',
    ]);
  });
});

// Writing the file must not be able to fail half-way: the temp file is renamed over it.
describe('atomic writes', () => {
  it('keeps the file mode on --write', async () => {
    const dir = await scratch({ 'README.md': `${blog('b', '2023-02-01')}\n${blog('a', '2023-01-01')}\n` });
    await chmod(join(dir, 'README.md'), 0o640);
    await runCli(['sort', '--write', 'README.md'], dir);
    const { stat } = await import('node:fs/promises');
    expect((await stat(join(dir, 'README.md'))).mode & 0o777).toBe(0o640);
    await expectNoTempFiles(dir);
  });

  it('writes through a symlink to the file it points to', async () => {
    const dir = await scratch({ 'list.md': `${blog('b', '2023-02-01')}\n${blog('a', '2023-01-01')}\n` });
    const { symlink, lstat } = await import('node:fs/promises');
    await symlink('list.md', join(dir, 'README.md'));
    expect((await runCli(['sort', '--write', 'README.md'], dir)).code).toBe(0);
    expect((await lstat(join(dir, 'README.md'))).isSymbolicLink()).toBe(true);
    expect(await readText(dir, 'list.md')).toBe(`${blog('a', '2023-01-01')}\n${blog('b', '2023-02-01')}\n`);
  });

  it('reports a directory it cannot write to, and leaves the file as it was', async () => {
    const text = `${blog('b', '2023-02-01')}\n${blog('a', '2023-01-01')}\n`;
    const dir = await scratch({ 'README.md': text });
    await chmod(dir, 0o555);
    try {
      expectOneLineError(await runCli(['sort', '--write', 'README.md'], dir, {}, unprivileged), /README\.md: cannot write: permission denied/);
      expect(await readText(dir, 'README.md')).toBe(text);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});
