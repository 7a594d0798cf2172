/** `listkeeper links --no-private`: a person checking someone else's list keeps the checker out of their network. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLinksCommand } from '../../src/cli/links-command.js';
import { closeAll, startHost, type TestHost } from '../links/servers.js';

afterEach(closeAll);

async function listLinkingTo(host: TestHost): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lk-no-private-'));
  await writeFile(join(dir, 'README.md'), ['# List', '', '## Blogs', '', `- [Router admin](${host.url('/admin')}) | s 2024-01-01`, ''].join('\n'));
  return dir;
}

async function links(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runLinksCommand(['README.md', '--timeout', '1000', ...args], {
    cwd,
    isTTY: false,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  });
  return { code, stdout, stderr };
}

describe('listkeeper links --no-private', () => {
  it('does not request a loopback link and says why', async () => {
    const host = await startHost('127.0.0.57', (_req, res) => res.writeHead(404).end());
    const dir = await listLinkingTo(host);
    const out = await links(['--no-private', '--format', 'json'], dir);
    expect(out.code).toBe(0);
    expect(host.requests).toHaveLength(0);
    const report = JSON.parse(out.stdout) as { results: Array<{ verdict: string; reason: string }> };
    expect(report.results.map((r) => [r.verdict, r.reason])).toEqual([['unknown', 'not checked: private address']]);
  });

  it('checks the same link without the flag (the default: your own file, your own network)', async () => {
    const host = await startHost('127.0.0.57', (_req, res) => res.writeHead(404).end());
    const dir = await listLinkingTo(host);
    const out = await links([], dir);
    expect(out.code).toBe(1);
    expect(host.requests.length).toBeGreaterThan(0);
  });
});
