/**
 * `listkeeper add` on an older Chinese site's page: GBK bytes served as bare
 * `text/html`, the charset only in the page's `<meta>`. A real HTTP server on
 * 127.0.0.93 serves it; a dispatcher routes the site's name there, so no
 * request leaves the machine.
 */
import { connect, type Socket } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { runAddCommand } from '../../src/cli/add-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { createPageMetadataReader } from '../../src/links/metadata/read.js';
import { gbkPage } from '../links/gbk.js';
import { closeAll, startHost } from '../links/servers.js';
import { readText, runCli, scratch } from './run.js';

const LIST = ['# Chat models', '', '## Evaluation', '', '- [评测方法](https://mp.weixin.qq.com/s/CCCC) | 量子位 2022-12-01', '- [Arena 排行](https://mp.weixin.qq.com/s/DDDD) | 量子位 2023-06-01', ''].join('\n');

afterEach(closeAll);

async function addServed(meta: string, dir: string): Promise<{ code: number; stderr: string }> {
  const host = await startHost('127.0.0.93', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(gbkPage(meta)));
  // Every connection goes to the loopback server, whatever the URL's host.
  const dispatcher = new Agent({
    connect: (_options, callback) => {
      const socket: Socket = connect(host.port, host.address);
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, null));
    },
  });
  const run = { code: -1, stderr: '' };
  const io: CliIo = { stdout: () => undefined, stderr: (t) => void (run.stderr += t), cwd: dir, isTTY: false };
  try {
    run.code = await runAddCommand(['http://news.example.cn/a/2023/0412.html', 'list.md', '--to', 'Evaluation', '--write'], io, {
      pageReader: (options) => createPageMetadataReader({ ...options, retries: 0, dispatcher }),
    });
  } finally {
    await dispatcher.close();
  }
  return run;
}

describe('listkeeper add on a GBK page', () => {
  for (const [how, meta] of [
    ['<meta charset>', '<meta charset="gbk">'],
    ['http-equiv Content-Type', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'],
  ] as const) {
    it(`writes the page's Chinese title and source, read with its ${how}, and lint finds nothing to say`, async () => {
      const dir = await scratch({ 'list.md': LIST });
      const run = await addServed(meta, dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect((await readText(dir, 'list.md')).split('\n')[5]).toBe('- [大模型评测综述](http://news.example.cn/a/2023/0412.html) | 机器之心 2023-04-12');
      const lint = await runCli(['lint', 'list.md'], dir);
      expect(lint.stdout + lint.stderr).not.toMatch(/error|warning/);
      expect(lint.code).toBe(0);
    });
  }
});
