/**
 * `listkeeper add`, in process with a fake page reader (no request leaves the
 * machine), and as a subprocess for what fails before any page is read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAddCommand } from '../../src/cli/add-command.js';
import type { CliIo } from '../../src/cli/io.js';
import type { PageReaderOptions } from '../../src/links/metadata/read.js';
import type { PageMetadataReader } from '../../src/links/metadata/types.js';
import { wechatPage } from '../core/add/helpers.js';
import { expectNoTempFiles, expectOneLineError, readText, runCli, scratch } from './run.js';

const LIST = [
  '## Models',
  '',
  '* ChatGLM',
  '  - blog:',
  '    - [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14',
  '    - [ChatGLM-6B 开源](https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=abc) | 量子位 2023-03-20',
  '* MOSS',
  '  - blog:',
  '    - [复旦 MOSS 开放测试](https://mp.weixin.qq.com/s/DDDD) | 机器之心 2023-02-21',
  '',
].join('\n');

const SHORT = 'https://mp.weixin.qq.com/s/Short123';
const NEW_LINE = `    - [ChatGLM 推理加速](${SHORT}) | 机器之心 2023-03-16`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The URLs and options the reader was asked for. */
  reads: Array<{ url: string; options: PageReaderOptions }>;
}

/** Run `add` in `dir` with a reader that answers from `pages` (a URL not there cannot be read). */
async function add(args: string[], dir: string, pages: Record<string, ReturnType<typeof wechatPage>> = {}): Promise<Run> {
  const run: Run = { code: -1, stdout: '', stderr: '', reads: [] };
  const io: CliIo = { stdout: (t) => void (run.stdout += t), stderr: (t) => void (run.stderr += t), cwd: dir, isTTY: false };
  const pageReader = (options: PageReaderOptions): PageMetadataReader => async (url) => {
    run.reads.push({ url, options });
    const page = pages[url];
    return page ? { ok: true, metadata: page } : { ok: false, url, verdict: 'blocked', reason: 'HTTP 403' };
  };
  run.code = await runAddCommand(args, io, { pageReader });
  return run;
}

const page = wechatPage(SHORT, { title: 'ChatGLM 推理加速', source: '机器之心', date: '2023-03-16' });

describe('listkeeper add', () => {
  it('prints the change as a diff and leaves the file alone', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await add([SHORT, 'README.md', '--to', 'ChatGLM › blog'], dir, { [SHORT]: page });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '--- a/README.md',
        '+++ b/README.md',
        '@@ -3,6 +3,7 @@',
        ' * ChatGLM',
        '   - blog:',
        '     - [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14',
        `+${NEW_LINE}`,
        '     - [ChatGLM-6B 开源](https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650867323&idx=1&sn=abc) | 量子位 2023-03-20',
        ' * MOSS',
        '   - blog:',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('listkeeper: README.md:6: would add to "ChatGLM › blog"; pass --write to add it\n');
    expect(await readText(dir, 'README.md')).toBe(LIST);
  });

  it('--write adds the entry atomically, keeping the BOM and CRLF line endings', async () => {
    const crlf = `\uFEFF${LIST.replace(/\n/g, '\r\n')}`;
    const dir = await scratch({ 'README.md': crlf });
    const run = await add([`${SHORT}?scene=21#wechat_redirect`, 'README.md', '--to', 'chatglm/blog', '--write'], dir, { [SHORT]: page });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`added at README.md:6 ("ChatGLM › blog"): [ChatGLM 推理加速](${SHORT}) | 机器之心 2023-03-16\n`);
    expect(await readText(dir, 'README.md')).toBe(crlf.replace('2023-03-14\r\n', `2023-03-14\r\n${NEW_LINE}\r\n`));
    await expectNoTempFiles(dir);
  });

  it('takes --title, --source and --date when the page cannot be read, and says so', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await add([SHORT, 'README.md', '--to', 'ChatGLM › blog', '--title', 'ChatGLM 推理加速', '--source', '机器之心', '--date', '2023-03-16', '--write'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`listkeeper: warning: could not read ${SHORT} (blocked: HTTP 403); using only --title, --source and --date, and duplicates by address\n`);
    expect(await readText(dir, 'README.md')).toBe(LIST.replace('2023-03-14\n', `2023-03-14\n${NEW_LINE}\n`));
  });

  it('refuses the short WeChat address of an article listed under its long one (exit 1, naming the line)', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const same = wechatPage(SHORT, { title: 'ChatGLM-6B 开源', source: '量子位', date: '2023-03-20', identity: 'wechat:MzA3MzI4MjgzMw==/2650867323/1' });
    const run = await add([SHORT, 'README.md', '--to', 'ChatGLM › blog', '--write'], dir, { [SHORT]: same });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^listkeeper: not added: already listed at README\.md:6: 'ChatGLM-6B 开源' \(2023-03-20\), .*the same WeChat article \(wechat:MzA3MzI4MjgzMw==\/2650867323\/1, from the page's og:url\)\n$/);
    expect(await readText(dir, 'README.md')).toBe(LIST);
  });

  it('asks for the flag of a part the page does not give (exit 1)', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const undated = wechatPage(SHORT, { title: 'ChatGLM 推理加速', source: '机器之心' });
    const run = await add([SHORT, 'README.md', '--to', 'ChatGLM › blog', '--write'], dir, { [SHORT]: undated });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('listkeeper: not added: the page does not say its date: pass --date YYYY-MM-DD\n');
    expect(await readText(dir, 'README.md')).toBe(LIST);
  });

  it('a --to that names several lists is bad input: one line listing them (exit 2)', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await add([SHORT, 'README.md', '--to', 'blog'], dir, { [SHORT]: page });
    expectOneLineError(run, /^listkeeper: README\.md: --to "blog" names 2 lists: "ChatGLM › blog" \(line 5\), "MOSS › blog" \(line 9\); name one of them$/);
  });

  it('without --to prints the entry and the likeliest lists (exit 0)', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await add([SHORT, 'README.md'], dir, { [SHORT]: page });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`[ChatGLM 推理加速](${SHORT}) | 机器之心 2023-03-16\n`);
    expect(run.stderr).toBe('listkeeper: README.md: name the list with --to; likeliest: "ChatGLM › blog" (line 5)\n');
  });

  it('takes the one file the config names, and passes --timeout and --no-private to the page reader', async () => {
    const dir = await scratch({ 'list.md': LIST });
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/listkeeper.yml'), 'files: [list.md]\n');
    const run = await add([SHORT, '--to', 'MOSS › blog', '--timeout', '1500', '--no-private', '--write'], dir, { [SHORT]: page });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`added at list.md:10 ("MOSS › blog"): [ChatGLM 推理加速](${SHORT}) | 机器之心 2023-03-16\n`);
    expect(run.reads).toEqual([{ url: SHORT, options: expect.objectContaining({ timeout: 1500, privateAddresses: 'refuse' }) }]);
  });
});

describe('listkeeper add: bad input, before any page is read', () => {
  it('refuses what is not an http(s) URL, an unknown option, a bad date or --timeout and an unreadable file with one line (exit 2)', async () => {
    const dir = await scratch({ 'README.md': LIST });
    expectOneLineError(await runCli(['add', 'javascript:alert(1)', 'README.md'], dir), /add: "javascript:alert\(1\)" is not an http\(s\) URL/);
    expectOneLineError(await runCli(['add', SHORT, 'README.md', '--too', 'x'], dir), /add: unknown option '--too'/);
    expectOneLineError(await runCli(['add', SHORT, 'README.md', '--date', '2023-13-01'], dir), /add: --date "2023-13-01" is not a calendar date/);
    // As `links --timeout`: a value Node's timers cannot take would fail the page read later.
    expectOneLineError(await runCli(['add', SHORT, 'README.md', '--timeout', '2147483648'], dir), /add: --timeout must be at most 600000 \(got "2147483648"\)/);
    expectOneLineError(await runCli(['add', SHORT, 'README.md', '--timeout', '1.5'], dir), /add: --timeout must be a positive whole number \(got "1\.5"\)/);
    expectOneLineError(await runCli(['add', SHORT, 'missing.md'], dir), /^listkeeper: missing\.md: cannot read: no such file$/);
  });

  it('explains itself with --help', async () => {
    const dir = await scratch();
    const run = await runCli(['add', '--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: listkeeper add <url> \[file\] \[options\]/);
    expect((await runCli(['--help'], dir)).stdout).toMatch(/\n {2}add <url> \[file\] {3}add an article's entry/);
  });
});
