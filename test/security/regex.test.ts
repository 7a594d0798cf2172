/**
 * User regexes run in linear time: a repository's config (`allow`, `exclude`)
 * or a linked server's page (`links.rules[].body`) cannot hang a run. Each
 * case runs the built CLI as a subprocess that is killed after 30 s; with
 * JavaScript's backtracking engine these inputs need hours (2^40 steps), so
 * the subprocess being killed is the failure, not a measured time.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bin } from '../cli/run.js';
import { closeAll, startHost } from '../links/servers.js';
import { loadConfig } from '../../src/core/config/config.js';

const KILL_AFTER_MS = 30_000;
const dirs: string[] = [];

afterEach(async () => {
  await closeAll();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Outcome {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', GITHUB_TOKEN: '', GH_TOKEN: '', GITHUB_API_URL: '' };
    execFile(process.execPath, [bin, ...args], { cwd, env, timeout: KILL_AFTER_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const killed = error?.killed === true;
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, killed, stdout, stderr });
    });
  });
}

async function project(config: string, list: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lk-security-'));
  dirs.push(dir);
  await mkdir(join(dir, '.github'));
  await writeFile(join(dir, '.github', 'listkeeper.yml'), config);
  await writeFile(join(dir, 'README.md'), list);
  return dir;
}

/** `https://aaaa….com`: `^(https?://)?(a+)+$` backtracks through every split of the a's before failing at `.com`. */
const CRAFTED_URL = `https://${'a'.repeat(40)}.com`;

describe('hostile regexes from the config', () => {
  it(
    'lint with `allow: ["^(https?://)?(a+)+$"]` and two crafted links finishes and still reports the duplicate',
    async () => {
      const dir = await project(
        'rules:\n  duplicate-link:\n    allow: ["^(https?://)?(a+)+$"]\n',
        `# List\n\n## Links\n\n- [One](${CRAFTED_URL}) | Source 2023-01-01\n- [Two](${CRAFTED_URL}) | Source 2023-01-02\n`,
      );
      const run = await cli(['lint', 'README.md'], dir);
      expect(run.killed).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/README\.md:6:.*duplicate-link/);
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    'links with a crafted `exclude` pattern finishes (the link is not excluded, and checked)',
    async () => {
      const host = await startHost('127.0.0.61', (_req, res) => res.writeHead(200).end('ok'));
      const url = host.url(`/${'a'.repeat(40)}.html`);
      const dir = await project(
        'links:\n  retries: 0\n  exclude: ["^(http://[^/]+/)?(a+)+$"]\n',
        `# List\n\n## Links\n\n- [One](${url}) | Source 2023-01-01\n`,
      );
      const run = await cli(['links', 'README.md', '--format', 'json'], dir);
      expect(run.killed).toBe(false);
      expect(run.code).toBe(0);
      expect(host.requests).toHaveLength(1);
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    'a `links.rules[].body` pattern on a 256 KB body from the server finishes with the generic verdict',
    async () => {
      const body = 'x'.repeat(256 * 1024);
      const host = await startHost('127.0.0.62', (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end(body));
      const dir = await project(
        'links:\n  retries: 0\n  rules:\n    - body: "(x+x+)+y"\n      verdict: alive\n',
        `# List\n\n## Links\n\n- [One](${host.url('/page')}) | Source 2023-01-01\n`,
      );
      const run = await cli(['links', 'README.md', '--format', 'json', '--threshold', '1'], dir);
      expect(run.killed).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('HTTP 404');
    },
    KILL_AFTER_MS + 10_000,
  );
});

describe('regex syntax the linear-time engine does not run', () => {
  it.each([
    ['a backreference', '(a)\\1', 'a backreference (\\1) is not supported'],
    ['a named backreference', '(?<x>a)\\k<x>', 'a named backreference (\\k<…>) is not supported'],
    ['a lookahead', 'https://(?=x)', 'a lookahead ((?=…)) is not supported'],
    ['a negative lookahead', 'https://(?!x)', 'a negative lookahead ((?!…)) is not supported'],
    ['a lookbehind', '(?<=x)y', 'a lookbehind ((?<=…)) is not supported'],
    ['a negative lookbehind', '(?<!x)y', 'a negative lookbehind ((?<!…)) is not supported'],
  ])('%s is a config error naming the file, line and key', (_name, pattern, reason) => {
    const result = loadConfig(`links:\n  timeout: 1000\n  exclude:\n    - ${JSON.stringify(pattern)}\n`, '.github/listkeeper.yml');
    expect(result).toEqual({
      ok: false,
      error: `.github/listkeeper.yml:4: "links.exclude[0]" is not a valid regular expression: ${reason} (patterns run on RE2, in linear time)`,
    });
  });

  it.each(['\\\\1', '[(?=]', '\\(?=', 'https?://example\\.com/\\d+', '(?<name>a)b', '\\/path'])('accepts %s (no backreference or lookaround)', (pattern) => {
    expect(loadConfig(`links:\n  exclude: [${JSON.stringify(pattern)}]\n`, 'c.yml').ok).toBe(true);
  });
});
