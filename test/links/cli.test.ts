/**
 * `listkeeper links` as a subprocess through bin/listkeeper.js (built code in lib/; `npm test` builds first):
 * exit codes, the JSON shape, the cache across runs, one-line errors.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/server.js';
import { runLinksCommand } from '../../src/cli/links-command.js';
import { closeAll, startHost, type TestHost } from './servers.js';

afterEach(closeAll);

const bin = fileURLToPath(new URL('../../bin/listkeeper.js', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, GITHUB_TOKEN: '', GH_TOKEN: '', GITHUB_API_URL: '', ...extraEnv };
    execFile(process.execPath, [bin, 'links', ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function project(host: TestHost, config = 'links:\n  timeout: 1000\n  retries: 0\n'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lk-links-cli-'));
  await mkdir(join(dir, '.github'));
  await writeFile(join(dir, '.github', 'listkeeper.yml'), config);
  const list = [
    '# Awesome Test',
    '',
    '## Blogs',
    '',
    `- [Alive post](${host.url('/ok')}) | Source 2023-01-01`,
    `- [Gone post](${host.url('/gone')}) | Source 2023-01-02`,
    `  - [Gone again](${host.url('/gone?utm_source=x')}) | Repost 2023-01-03`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'README.md'), list);
  return dir;
}

/** stderr without the plain progress lines a slow run writes (a loaded machine can make any run slow). */
const warningsOf = (stderr: string): string => stderr.split('\n').filter((line) => line !== '' && !/^listkeeper: checked \d/.test(line)).join('\n');

const server = () => startHost('127.0.0.50', (req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end());

describe('listkeeper links', () => {
  it('prints the documented JSON and exits 1 on a reportable dead link (--threshold 1)', async () => {
    const host = await server();
    const dir = await project(host);
    const out = await cli(['README.md', '--format', 'json', '--threshold', '1'], dir);
    expect(warningsOf(out.stderr)).toBe('');
    expect(out.code).toBe(1);
    const json = JSON.parse(out.stdout);
    expect(json.version).toBe(1);
    const gone = json.results.find((r: { verdict: string }) => r.verdict === 'dead');
    expect(gone).toMatchObject({ status: 404, failedRuns: 1, finalUrl: null, archiveUrl: null, reportable: true });
    // `url` as the list writes it (first occurrence), `key` the normalized form without scheme.
    expect(gone.url).toBe(host.url('/gone'));
    expect(gone.key).toBe(host.url('/gone').replace(/^http:\/\//, ''));
    expect(gone.occurrences).toEqual([
      { file: 'README.md', line: 6, url: host.url('/gone') },
      { file: 'README.md', line: 7, url: host.url('/gone?utm_source=x') },
    ]);
    expect(json.stats.byVerdict).toEqual({ alive: 1, dead: 1, blocked: 0, unknown: 0 });
  });

  it('with the default threshold 2 and a cache: exit 0 on the first failing run, 1 on the second; alive links are not re-requested', async () => {
    const host = await server();
    const dir = await project(host);
    const first = await cli(['README.md', '--cache', '.cache/links.json'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('README.md:6: failing:');
    const okRequests = host.requests.filter((r) => r.path === '/ok').length;
    const second = await cli(['README.md', '--cache', '.cache/links.json', '--format', 'markdown'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('### Dead links (1)');
    expect(second.stdout).toContain('`README.md:6`, `README.md:7`');
    expect(host.requests.filter((r) => r.path === '/ok').length).toBe(okRequests);
  });

  it('without a cache reports a dead link at once (no history to count runs in), unless --threshold says otherwise', async () => {
    const host = await server();
    const dir = await project(host);
    const plain = await cli(['README.md'], dir);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('README.md:6: dead:');
    const patient = await cli(['README.md', '--threshold', '2'], dir);
    expect(patient.code).toBe(0);
    expect(patient.stdout).toContain('README.md:6: failing:');
  });

  it('checks only the changed lines when asked', async () => {
    const host = await server();
    const dir = await project(host);
    const out = await cli(['README.md', '--format', 'json', '--changed-lines', '5'], dir);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).results.map((r: { verdict: string }) => r.verdict)).toEqual(['alive']);
    expect(host.requests.every((r) => r.path === '/ok')).toBe(true);
  });

  it('exits 2 with one line on usage and I/O errors', async () => {
    const host = await server();
    const dir = await project(host);
    const cases = [['README.md', '--format', 'xml'], ['README.md', '--threshold', '0'], ['missing.md'], ['.github'], ['README.md', '--bogus']];
    const outs = await Promise.all(cases.map((args) => cli(args, dir)));
    outs.forEach((out, i) => {
      expect(out.code, cases[i].join(' ')).toBe(2);
      expect(out.stderr, cases[i].join(' ')).toMatch(/^listkeeper: [^\n]+\n$/);
    });
    expect(host.requests).toEqual([]);
  });

  it('a timeout past what Node timers take is refused up front (it made every request fail with "delay is out of range")', async () => {
    const host = await server();
    const fromConfig = await cli(['README.md'], await project(host, 'links:\n  retries: 0\n  timeout: 2147483648\n'));
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.stderr).toBe('listkeeper: .github/listkeeper.yml:3: "links.timeout" must be at most 600000\n');
    const fromFlag = await cli(['README.md', '--timeout', '2147483648'], await project(host));
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr).toBe('listkeeper: links: --timeout must be at most 600000 (got "2147483648") (see listkeeper links --help)\n');
    expect(host.requests).toEqual([]);
  });

  it('exits 2 naming file and line for a bad link rule in the config', async () => {
    const host = await server();
    const dir = await project(host, 'links:\n  rules:\n    - hosts: ["*"]\n      body: "(unclosed"\n      verdict: dead\n');
    const out = await cli(['README.md'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^listkeeper: \.github\/listkeeper\.yml:4: /);
  });

  it('warns about a corrupt cache and checks everything anyway', async () => {
    const host = await server();
    const dir = await project(host);
    // A cache cut short (ours by its head); a file of other data is refused instead (test/security/repo-paths).
    await writeFile(join(dir, 'cache.json'), '{"version":1,"alive":{"ht');
    const out = await cli(['README.md', '--cache', 'cache.json', '--format', 'json'], dir);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/warning: link cache cache\.json is corrupt/);
    expect(JSON.parse(out.stdout).results).toHaveLength(2);
  });

  it('checks github.com repository links through the API named by GITHUB_API_URL with GITHUB_TOKEN', async () => {
    const github = await FakeGitHub.start();
    try {
      github.seedToken('ghs_links_e2e', { login: 'maintainer' });
      github.seedRepo({ repo: 'octo/alive-tool' });
      const host = await server();
      const dir = await project(host);
      await writeFile(
        join(dir, 'TOOLS.md'),
        '## Tools\n\n- [Alive tool](https://github.com/octo/alive-tool): a tool\n- [Gone tool](https://github.com/octo/gone-tool): gone\n',
      );
      // The fake validates every answer against GitHub's schema: slow on a first call, so a generous timeout.
      const out = await cli(['TOOLS.md', '--format', 'json', '--threshold', '1', '--timeout', '20000'], dir, {
        GITHUB_TOKEN: 'ghs_links_e2e',
        GITHUB_API_URL: github.url,
      });
      expect(warningsOf(out.stderr)).toBe('');
      expect(out.code).toBe(1);
      const json = JSON.parse(out.stdout);
      expect(json.results.map((r: { key: string; verdict: string }) => [r.key, r.verdict])).toEqual([
        ['github.com/octo/alive-tool', 'alive'],
        ['github.com/octo/gone-tool', 'dead'],
      ]);
      expect(github.requests.map((r) => r.path)).toEqual(['/repos/octo/alive-tool', '/repos/octo/gone-tool']);
      expect(github.unknownRequests).toEqual([]);
      expect(out.stdout).not.toContain('ghs_links_e2e');
    } finally {
      await github.close();
    }
  });

  it('draws the progress bar when stderr is a terminal, even with stdout redirected, fitted to its width', async () => {
    const host = await server();
    const dir = await project(host);
    const capture = async (stderrColumns: number | null) => {
      let stderr = '';
      let stdout = '';
      // isTTY false: stdout goes to a file (`links README.md > out.txt`).
      const code = await runLinksCommand(['README.md'], { cwd: dir, isTTY: false, stderrColumns, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
      return { code, stdout, stderr };
    };
    const terminal = await capture(60);
    expect(terminal.stderr).toContain('2/2 dead 1');
    expect(terminal.stderr.endsWith('\r\x1b[K')).toBe(true);
    for (const drawn of terminal.stderr.split('\r').filter((d) => d !== '')) expect(drawn.replace('\x1b[K', '').length).toBeLessThan(60);
    expect(terminal.stdout).toContain('README.md:6: dead:');
    expect(terminal.stdout).not.toContain('\x1b');
    // stderr to a file (`links README.md 2> err.txt`): no control codes, and a quick run writes nothing.
    const piped = await capture(null);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain('README.md:6: dead:');
  });

  it('as a subprocess with stdout and stderr redirected, writes no control codes to stderr', async () => {
    const host = await server();
    const dir = await project(host);
    const out = await cli(['README.md', '--threshold', '1'], dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('README.md:6: dead:');
    expect(out.stderr).not.toMatch(/[\r\x1b]/);
  });
});
