/**
 * `listkeeper add` reading the bundled fixture pages (examples/pages/, written
 * in the sites' real shapes) from a real HTTP server on 127.0.0.1, through the
 * real page reader: every entry lands in its list, lint-clean and in date
 * order; the same WeChat article under its other address is refused; a page
 * that says too little asks for the missing flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAddCommand } from '../../src/cli/add-command.js';
import { startDemoPageServer, type DemoPageServer } from '../../src/cli/demo-pages.js';
import type { CliIo } from '../../src/cli/io.js';
import { createPageMetadataReader } from '../../src/links/metadata/read.js';
import { readText, runCli, scratch } from './run.js';

const WECHAT_SHORT = 'https://mp.weixin.qq.com/s/Short1Ab';
const WECHAT_LONG = 'https://mp.weixin.qq.com/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d&chksm=e8dea8d7dfa921c1&scene=21#wechat_redirect';
const ZHIHU = 'https://zhuanlan.zhihu.com/p/612345678';
const ARXIV = 'https://arxiv.org/abs/2303.01234';
const BLOG = 'https://blog.example-lab.org/posts/eval-without-humans?utm_source=twitter';
const ONLY_TITLE = 'https://example.org/notes/dialogue-eval';
const DELETED = 'https://mp.weixin.qq.com/s/Gone1Cd';

const LIST = [
  '# Chat models',
  '',
  '## Models',
  '',
  '* ChatGLM',
  '  - blog:',
  '    - [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14',
  '    - [ChatGLM 微调](https://mp.weixin.qq.com/s/BBBB) | 量子位 2023-05-20',
  '* Evaluation',
  '  - blog:',
  '    - [评测综述](https://mp.weixin.qq.com/s/CCCC) | 机器之心 2022-12-01',
  '    - [Arena 排行](https://mp.weixin.qq.com/s/DDDD) | 量子位 2023-06-01',
  '  - paper:',
  '    - [Older paper](https://arxiv.org/abs/2201.00001) | arXiv 2022-01-03',
  '',
].join('\n');

let server: DemoPageServer;
beforeAll(async () => {
  server = await startDemoPageServer({
    'mp.weixin.qq.com/s/Short1Ab': 'wechat-article.html',
    'mp.weixin.qq.com/s': 'wechat-article.html',
    'mp.weixin.qq.com/s/Gone1Cd': 'wechat-deleted.html',
    'zhuanlan.zhihu.com/p/612345678': 'zhihu-article.html',
    'arxiv.org/abs/2303.01234': 'arxiv-abs.html',
    'blog.example-lab.org/posts/eval-without-humans': 'blog-jsonld.html',
    'blog.example-lab.org/amp/eval-without-humans': 'blog-jsonld.html',
    'example.org/notes/dialogue-eval': 'only-title.html',
  });
});
afterAll(async () => server.close());

async function add(args: string[], dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = { code: -1, stdout: '', stderr: '' };
  const io: CliIo = { stdout: (t) => void (run.stdout += t), stderr: (t) => void (run.stderr += t), cwd: dir, isTTY: false };
  // The real reader; only its connections go to the fixture server on 127.0.0.1.
  run.code = await runAddCommand(args, io, { pageReader: (options) => createPageMetadataReader({ ...options, retries: 0, dispatcher: server.dispatcher }) });
  return run;
}

/** Add with --write, then the file must lint clean and be in date order. */
async function addAndCheck(dir: string, url: string, to: string): Promise<string> {
  const run = await add([url, 'list.md', '--to', to, '--write'], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lint = await runCli(['lint', 'list.md'], dir);
  expect(lint.stdout + lint.stderr).not.toMatch(/error|warning/);
  expect(lint.code).toBe(0);
  expect((await runCli(['sort', '--check', 'list.md'], dir)).code).toBe(0);
  return readText(dir, 'list.md');
}

describe('listkeeper add on real pages served from loopback', () => {
  it('adds each kind of page to its list, formatted from what the page says, at its date', async () => {
    const dir = await scratch({ 'list.md': LIST });
    await addAndCheck(dir, WECHAT_SHORT, 'ChatGLM › blog');
    await addAndCheck(dir, ZHIHU, 'Evaluation › blog');
    await addAndCheck(dir, BLOG, 'Evaluation › blog');
    const text = await addAndCheck(dir, ARXIV, 'Evaluation › paper');
    expect(text.split('\n')).toEqual([
      '# Chat models',
      '',
      '## Models',
      '',
      '* ChatGLM',
      '  - blog:',
      '    - [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14',
      // WeChat: og:title (entity decoded), #js_name, var ct as a Beijing day; the short address kept.
      '    - [聊聊对话大模型的数据配比 & 训练细节](https://mp.weixin.qq.com/s/Short1Ab) | AINLP 2023-04-12',
      '    - [ChatGLM 微调](https://mp.weixin.qq.com/s/BBBB) | 量子位 2023-05-20',
      '* Evaluation',
      '  - blog:',
      '    - [评测综述](https://mp.weixin.qq.com/s/CCCC) | 机器之心 2022-12-01',
      // Zhihu: the title without " - 知乎", the author, the day in UTC+8.
      '    - [对话系统评测方法综述：从 BLEU 到 LLM-as-a-Judge](https://zhuanlan.zhihu.com/p/612345678) | 李四 2023-01-18',
      // JSON-LD Article; the tracking parameter dropped.
      '    - [Evaluating chat models without humans](https://blog.example-lab.org/posts/eval-without-humans) | Example Lab 2023-04-12',
      '    - [Arena 排行](https://mp.weixin.qq.com/s/DDDD) | 量子位 2023-06-01',
      '  - paper:',
      '    - [Older paper](https://arxiv.org/abs/2201.00001) | arXiv 2022-01-03',
      '    - [Measuring Dialogue Coherence with Contrastive Probes](https://arxiv.org/abs/2303.01234) | arXiv 2023-03-02',
      '',
    ]);
  });

  it('refuses the same WeChat article under its long address, naming the line it is on', async () => {
    const dir = await scratch({ 'list.md': LIST });
    await addAndCheck(dir, WECHAT_SHORT, 'ChatGLM › blog');
    const again = await add([WECHAT_LONG, 'list.md', '--to', 'Evaluation › blog', '--write'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^listkeeper: not added: already listed at list\.md:8: .*the same WeChat article/);
    expect(await readText(dir, 'list.md')).not.toContain('__biz');
  });

  it('refuses a post under another address whose page names a listed one as canonical', async () => {
    const dir = await scratch({ 'list.md': LIST });
    await addAndCheck(dir, BLOG, 'Evaluation › blog');
    const again = await add(['https://blog.example-lab.org/amp/eval-without-humans', 'list.md', '--to', 'Evaluation › blog'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^listkeeper: not added: already listed at list\.md:12: .*the page's canonical address/);
  });

  it('asks for what a page does not say, and invents nothing', async () => {
    const dir = await scratch({ 'list.md': LIST });
    const run = await add([ONLY_TITLE, 'list.md', '--to', 'Evaluation › blog', '--write'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not added: .*--source.*--date|not added: .*--date.*--source/);
    expect(await readText(dir, 'list.md')).toBe(LIST);
    const given = await add([ONLY_TITLE, 'list.md', '--to', 'Evaluation › blog', '--source', 'Example', '--date', '2023-02-01', '--write'], dir);
    expect(given.code).toBe(0);
    expect(await readText(dir, 'list.md')).toContain('    - [Notes on dialogue evaluation — metrics & pitfalls](https://example.org/notes/dialogue-eval) | Example 2023-02-01\n');
  });

  it('says a deleted article cannot be read, and adds it only from the flags', async () => {
    const dir = await scratch({ 'list.md': LIST });
    const run = await add([DELETED, 'list.md', '--to', 'ChatGLM › blog'], dir);
    expect(run.stderr).toMatch(/warning: could not read https:\/\/mp\.weixin\.qq\.com\/s\/Gone1Cd \(dead: WeChat: article deleted/);
    expect(run.code).toBe(1);
  });
});
