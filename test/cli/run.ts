/**
 * Run the built `listkeeper` (bin/listkeeper.js → lib/, which `npm test`
 * builds before vitest runs) as a subprocess, and make scratch directories.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = join(root, 'bin/listkeeper.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Who a permission test runs the CLI as: root reads and writes through any
 * file mode, so as root the CLI runs as `nobody` instead (its files and
 * scratch folders must then be readable by others).
 */
export const unprivileged: { uid?: number; gid?: number } =
  process.getuid?.() === 0
    ? {
        uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim()),
      }
    : {};

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, as: { uid?: number; gid?: number } = {}): Promise<CliRun> {
  if (!existsSync(join(root, 'lib/cli-bundle/main.js'))) throw new Error('lib/ is missing: run `npm run build` (npm test does)');
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024, ...as },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

const dirs: string[] = [];

/** A scratch directory holding the given files, removed after the test. */
export async function scratch(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'listkeeper-cli-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function readText(dir: string, name: string): Promise<string> {
  return readFile(join(dir, name), 'utf8');
}

/** The error contract: exactly one line per problem, prefixed, no stack trace. */
export function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^listkeeper: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

/** No temporary files left next to the list after a write. */
export async function expectNoTempFiles(dir: string): Promise<void> {
  expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}

/** A blog entry line in the seed's style. */
export function blog(title: string, date: string, indent = '', source = '机器之心'): string {
  return `${indent}- [${title}](https://mp.weixin.qq.com/s/${encodeURIComponent(title)}) | ${source} ${date}`;
}

/** Run git in `dir` as a throwaway identity (no signing); its stdout. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
}
