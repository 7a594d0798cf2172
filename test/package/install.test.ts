/**
 * What a user installs: `npm pack`, then the tarball installed into an empty project, offline
 * from this machine's npm cache (never the registry). The CLI and the remark preset, installed
 * beside remark-cli as the README says and run through its `remark` command, must come
 * without probot, @actions or Octokit and install with `--engine-strict` checked against the oldest Node
 * that `engines` admits; the App is the same tarball plus probot, started as `probot run` and asked for its health.
 * Needs lib/ built (`npm test` builds first) and the cache `npm ci` leaves behind.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../github/helpers.js';
import { testPrivateKey } from '../app/harness.js';
import { ROOT, installOffline, nodeSatisfies, pack } from './offline-install.js';

const run = promisify(execFile);
const INSTALL_TIMEOUT = 240_000;
const APP_PACKAGES = /^(probot|@probot\/.*|@actions\/.*|@octokit\/.*|octokit-.*)$/;

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The oldest Node that `engines` admits (`>=X.Y.Z`): the install is checked against it. */
function oldestNode(): string {
  const range = rootPackage.engines.node;
  const version = /^>=\s*(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  if (!version) throw new Error(`engines.node ${range} is not of the form >=X.Y.Z this test reads`);
  return version;
}

let work: string;
let tarball: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'listkeeper-pack-'));
  tarball = await pack(work);
}, INSTALL_TIMEOUT);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Paths of every package npm installed in `dir` (nested ones too). */
function installedPaths(dir: string): string[] {
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  return Object.keys(lock.packages);
}

/** Names of every package npm installed in `dir`. */
function installedNames(dir: string): string[] {
  return installedPaths(dir).map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

function projectDir(name: string): string {
  return mkdtempSync(join(work, `${name}-`));
}

describe('the CLI and preset install', () => {
  let dir: string;
  const bin = (): string => join(dir, 'node_modules', '.bin', 'listkeeper');

  beforeAll(async () => {
    dir = projectDir('cli');
    // Beside remark-cli, as the README's preset install says (our devDependency, so `npm ci` caches it).
    await installOffline({ dir, tarball, extra: { 'remark-cli': rootPackage.devDependencies['remark-cli'] } }, { engineStrict: true });
  }, INSTALL_TIMEOUT);

  it('pulls in nothing of probot, @actions or Octokit', () => {
    const names = installedNames(dir);
    expect(names).toContain('listkeeper');
    expect(names.filter((name) => APP_PACKAGES.test(name))).toEqual([]);
  });

  it('holds only packages whose engines admit the oldest Node that our engines admit', () => {
    const oldest = oldestNode();
    const refusing = installedPaths(dir).flatMap((path) => {
      const range = (JSON.parse(readFileSync(join(dir, path, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      return range && !nodeSatisfies(oldest, range) ? [`${path} needs node ${range}`] : [];
    });
    expect(refusing).toEqual([]);
  });

  it('ships no module that imports a package it does not install (the Action lives in dist/)', () => {
    expect(existsSync(join(dir, 'node_modules/listkeeper/lib/action'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules/listkeeper/lib/cli/main.js'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/listkeeper/app.yml'))).toBe(true);
  });

  it('runs `listkeeper --version`', async () => {
    const { stdout } = await run(bin(), ['--version'], { cwd: dir });
    expect(stdout.trim()).toContain(rootPackage.version);
  });

  it('runs `listkeeper lint` and names a duplicate with its first occurrence', async () => {
    writeFileSync(
      join(dir, 'list.md'),
      [
        '# Reading',
        '',
        '## Blogs',
        '',
        '- [Scaling laws](https://example.com/scaling) | Lab Notes 2023-01-05',
        '- [Sparse attention](https://example.com/sparse) | Lab Notes 2023-02-10',
        '- [Scaling laws again](https://example.com/scaling) | Lab Notes 2023-03-01',
        '',
      ].join('\n'),
    );
    const failed = await run(bin(), ['lint', 'list.md'], { cwd: dir }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/^list\.md:7:\d+\s+error\s+.*first linked at list\.md:5\s+duplicate-link$/m);
  });

  /** `node_modules/.bin/remark` with `args` in the project: its exit code and what it printed. */
  async function remark(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    // Plain reporter lines to match (remark-cli reports on stderr); only messages, not the document.
    return run(join(dir, 'node_modules', '.bin', 'remark'), ['--no-color', '--quiet', '--no-stdout', ...args], { cwd: dir }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  }

  it('runs `remark --use listkeeper/preset` (remark-cli, as the README says) and fails on an error', async () => {
    writeFileSync(join(dir, 'preset.md'), '# Reading\n\n## Blogs\n\n- [Scaling laws](https://example.com/scaling) | Lab Notes 2023/1/5\n');
    const { code, stderr } = await remark(['--use', 'listkeeper/preset', 'preset.md']);
    expect(stderr, stderr).toMatch(/^preset\.md\n\s*5:\d+-5:\d+\s+error\s+.*\s+date-format\s+listkeeper$/m);
    // An error is fatal to remark-cli: the exit code tells a hook or CI job.
    expect(code).toBe(1);
  });

  it("runs `remark` with the README's `.remarkrc.mjs` example: rule options and a rule switched off", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```js\n(\/\/ \.remarkrc\.mjs\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    // In a folder of its own: remark-cli finds the config from the file upwards, and the run above has none.
    const project = join(dir, 'with-remarkrc');
    mkdirSync(project);
    writeFileSync(join(project, '.remarkrc.mjs'), example ?? '');
    const list = [
      '# Reading',
      '',
      '## Blogs',
      '',
      '- [Scaling laws](https://example.com/scaling) | Lab Notes 2023年01月05日',
      '- [Sparse attention](https://example.com/sparse) | Lab Notes 2023-02-10',
      '- [From the future](https://example.com/future) | Lab Notes 2999年01月01日',
      '',
    ].join('\n');
    writeFileSync(join(project, 'list.md'), list);
    const { code, stderr } = await remark([join(project, 'list.md')]);
    // The style is YYYY年MM月DD日: only the ISO date on line 6 is off; future-date is switched off.
    const rules = stderr.split('\n').flatMap((line) => /^\s*(\d+):\d+-\S+\s+(?:error|warning)\s.*\s(\S+)\s+listkeeper$/.exec(line)?.slice(1, 3).join(' ') ?? []);
    expect(rules.filter((r) => / (date-format|future-date)$/.test(r)), stderr).toEqual(['6 date-format']);
    expect(code).toBe(1);
  });
});

describe('the App install (the tarball plus probot)', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let log = '';

  beforeAll(async () => {
    dir = projectDir('app');
    // probot's Octokit needs content-type 3, which declares Node 22: on Node 20 npm only warns.
    await installOffline({ dir, tarball, extra: { probot: rootPackage.peerDependencies.probot } }, { engineStrict: false });
  }, INSTALL_TIMEOUT);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('starts with `probot run` and answers GET /listkeeper/health without reaching GitHub', async () => {
    const port = await freePort();
    // As the README's App install says: run from the deploy folder, with the manifest beside it.
    writeFileSync(join(dir, 'app.yml'), readFileSync(join(dir, 'node_modules/listkeeper/app.yml')));
    server = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', './node_modules/listkeeper/lib/app/index.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        APP_ID: '1',
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: 'install-test',
        PORT: String(port),
        HOST: '127.0.0.1',
        // GitHub is nowhere: the health route must not need it.
        GHE_HOST: '127.0.0.1:9',
        GHE_PROTOCOL: 'http',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<string>((resolve) => server?.on('exit', (code) => resolve(`probot exited with ${code}:\n${log}`)));
    const health = await Promise.race([waitForHealth(`http://127.0.0.1:${port}/listkeeper/health`), exited]);
    expect(health, log).toMatchObject({ status: 'ok', app: 'listkeeper' });
  }, 60_000);
});

/** Polls the route until the server listens (it answers 200 with JSON), or the server exits. */
async function waitForHealth(url: string): Promise<unknown> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return await res.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
