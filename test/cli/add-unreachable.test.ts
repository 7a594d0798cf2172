/**
 * `listkeeper add` with no network: the article's host cannot be resolved.
 * One page read cannot tell an offline machine from a host that is gone, so
 * `add` says it could not reach the host and what to do, never that the link
 * is dead. The lookup failure is simulated by the dispatcher's own lookup
 * (ENOTFOUND), so no resolver is ever asked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runAddCommand } from '../../src/cli/add-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { createPageMetadataReader } from '../../src/links/metadata/read.js';
import { closeAll, closedPort, resolvingAgent, startHost } from '../links/servers.js';
import { readText, scratch } from './run.js';

const LIST = ['# Chat models', '', '## ChatGLM', '', '- [ChatGLM 内测](https://mp.weixin.qq.com/s/AAAA) | 机器之心 2023-03-14', ''].join('\n');

afterEach(closeAll);

async function addOffline(args: string[], dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dispatcher = resolvingAgent({ 'mp.weixin.qq.com': null });
  const run = { code: -1, stdout: '', stderr: '' };
  const io: CliIo = { stdout: (t) => void (run.stdout += t), stderr: (t) => void (run.stderr += t), cwd: dir, isTTY: false };
  try {
    run.code = await runAddCommand(args, io, { pageReader: (options) => createPageMetadataReader({ ...options, retries: 0, dispatcher }) });
  } finally {
    await dispatcher.close();
  }
  return run;
}

describe('listkeeper add when the host cannot be reached', () => {
  it('says it could not reach the host and what to do, not that the link is dead, and asks for the flags', async () => {
    const dir = await scratch({ 'list.md': LIST });
    const run = await addOffline(['https://mp.weixin.qq.com/s/x', 'list.md', '--to', 'ChatGLM'], dir);
    const [first, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toBe('listkeeper: warning: could not reach mp.weixin.qq.com (host not found); check the network, or give --title, --source and --date');
    expect(run.stderr).not.toMatch(/dead/);
    expect(rest.join('\n')).toMatch(/not added: .*--title/);
    expect(run.code).toBe(1);
  });

  it('adds the entry from the flags, with the same one warning', async () => {
    const dir = await scratch({ 'list.md': LIST });
    const run = await addOffline(['https://mp.weixin.qq.com/s/x', 'list.md', '--to', 'ChatGLM', '--title', '新文章', '--source', '量子位', '--date', '2023-04-01', '--write'], dir);
    expect(run.stderr).toBe('listkeeper: warning: could not reach mp.weixin.qq.com (host not found); check the network, or give --title, --source and --date\n');
    expect(run.code).toBe(0);
    expect(await readText(dir, 'list.md')).toContain('- [新文章](https://mp.weixin.qq.com/s/x) | 量子位 2023-04-01\n');
  });
});

describe('the page reader, when no server answers', () => {
  it('calls a refused connection unknown, naming the host, not dead', async () => {
    const port = await closedPort('127.0.0.94');
    const url = `http://127.0.0.94:${port}/post`;
    const read = await createPageMetadataReader({ timeout: 800, retries: 0 })(url);
    expect(read).toEqual({ ok: false, url, verdict: 'unknown', reason: 'could not reach 127.0.0.94 (connection refused)', unreachable: true });
  });

  it('names the host a redirect led to, when that is the one not found', async () => {
    const host = await startHost('127.0.0.95', (_req, res) => res.writeHead(302, { location: 'http://moved.example.cn/post' }).end());
    const dispatcher = resolvingAgent({ 'old.example.cn': host.address, 'moved.example.cn': null });
    const url = `http://old.example.cn:${host.port}/post`;
    const read = await createPageMetadataReader({ timeout: 800, retries: 0, dispatcher })(url);
    await dispatcher.close();
    expect(read).toMatchObject({ ok: false, verdict: 'unknown', reason: 'could not reach moved.example.cn (host not found)' });
  });
});
