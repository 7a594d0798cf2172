/** `listkeeper lint` and `links` without file arguments: the config's `files`, or a usage error. */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blog, expectOneLineError, runCli, scratch } from './run.js';

const CLEAN = ['## Blogs', '', blog('One', '2023-01-05'), blog('Two', '2023-02-01'), ''].join('\n');
/** A list whose one entry lacks `https://` (an error); `name` keeps the links of several files apart. */
const noScheme = (name: string): string => ['## Blogs', '', `- [${name}](mp.weixin.qq.com/s/${name}) | AINLP 2023-03-01`, ''].join('\n');

/** A scratch repository: files at any depth, `.github/listkeeper.yml` when `config` is given. */
async function project(files: Record<string, string>, config?: string): Promise<string> {
  const dir = await scratch();
  const all = config === undefined ? files : { ...files, '.github/listkeeper.yml': config };
  for (const [path, text] of Object.entries(all)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const linted = (stdout: string): string[] => [...new Set(stdout.split('\n').flatMap((l) => /^(\S+):\d+:\d+ /.exec(l)?.[1] ?? []))].sort();

describe('listkeeper lint without files', () => {
  it('lints the files the config\'s globs match, and only those; exit 1 on errors', async () => {
    const dir = await project(
      { 'README.md': CLEAN, 'docs/a.md': noScheme('docs-a'), 'docs/deep/b.md': noScheme('docs-deep-b'), 'lists/x/y/c.md': noScheme('lists-c'), 'notes.md': noScheme('notes'), 'lists/c.txt': noScheme('text') },
      'files:\n  - README.md\n  - "docs/*.md"\n  - "lists/**/*.md"\n',
    );
    const run = await runCli(['lint'], dir);
    expect(run.stderr).toBe('');
    expect(linted(run.stdout)).toEqual(['docs/a.md', 'lists/x/y/c.md']);
    expect(run.stdout).toMatch(/2 errors, 0 warnings in 3 files/);
    expect(run.code).toBe(1);
  });

  it('reads `!` exclusions, braces and brackets in the globs, as the Action does', async () => {
    const dir = await project(
      {
        'README.md': CLEAN,
        'lists/ai/a.md': noScheme('ai'),
        'lists/ml/m.md': noScheme('ml'),
        'lists/web/w.md': noScheme('web'),
        'lists/ai/draft.md': noScheme('draft'),
        'alpha.md': noScheme('alpha'),
        'mu.md': noScheme('mu'),
        'zeta.md': noScheme('zeta'),
      },
      'files:\n  - "lists/{ai,ml}/*.md"\n  - "!lists/ai/draft.md"\n  - "[am]*.md"\n',
    );
    const run = await runCli(['lint'], dir);
    expect(run.stderr).toBe('');
    // The draft is left out, not "matches no file".
    expect(linted(run.stdout)).toEqual(['alpha.md', 'lists/ai/a.md', 'lists/ml/m.md', 'mu.md']);
    expect(run.code).toBe(1);
  });

  it('says so when the `!` globs leave nothing to check', async () => {
    const dir = await project({ 'README.md': CLEAN, 'docs/a.md': CLEAN }, 'files: ["docs/*.md", "!docs/a.md"]\n');
    const run = await runCli(['lint'], dir);
    expectOneLineError(run, /^listkeeper: \.github\/listkeeper\.yml: files: "docs\/\*\.md", "!docs\/a\.md" leave no file to check under \//);
  });

  it('exits 0 when the configured files are clean', async () => {
    const dir = await project({ 'README.md': CLEAN, 'docs/a.md': CLEAN.replace(/One|Two/g, (t) => `${t}Again`) }, 'files: ["*.md", "docs/*.md"]\n');
    const run = await runCli(['lint'], dir);
    expect(run).toMatchObject({ code: 0, stdout: 'No problems in 2 files.\n' });
  });

  it('walks every folder for `**`, but not node_modules, .git or a symlinked folder', async () => {
    const dir = await project(
      { 'README.md': CLEAN, 'a/b/deep.md': noScheme('deep'), 'node_modules/pkg/README.md': noScheme('pkg'), '.git/notes.md': noScheme('git') },
      'files: ["**/*.md"]\n',
    );
    // A link back up would loop for ever if followed.
    await symlink(dir, join(dir, 'a', 'loop'));
    const run = await runCli(['lint'], dir);
    expect(linted(run.stdout)).toEqual(['a/b/deep.md']);
    expect(run.stdout).toMatch(/in 2 files/);
  });

  it('takes the same files from a folder as `lint docs/` does: no hidden folder, node_modules or dangling symlink', async () => {
    const dir = await project(
      {
        'docs/a.md': noScheme('a'),
        'docs/deep/b.md': noScheme('b'),
        'docs/.drafts/c.md': noScheme('drafts'),
        'docs/.venv/lib/d.md': noScheme('venv'),
        'docs/node_modules/pkg/e.md': noScheme('pkg'),
      },
      'files: ["docs/**/*.md"]\n',
    );
    // A renamed file's leftover link, and a folder linking back up (a loop if followed).
    await symlink(join(dir, 'docs', 'renamed.md'), join(dir, 'docs', 'gone.md'));
    await symlink(join(dir, 'docs'), join(dir, 'docs', 'loop'));

    const byGlob = await runCli(['lint'], dir);
    const byDirectory = await runCli(['lint', 'docs'], dir);

    for (const run of [byGlob, byDirectory]) {
      expect(run.stderr).toBe('');
      expect(linted(run.stdout)).toEqual(['docs/a.md', 'docs/deep/b.md']);
      expect(run.stdout).toMatch(/in 2 files/);
    }
  });

  it('takes a dot folder a brace or `.*` names, as the Action\'s matcher does, and no other', async () => {
    const dir = await project(
      { 'docs/a.md': noScheme('a'), '.lists/b.md': noScheme('b'), '.cache/c.md': noScheme('cache'), 'docs/.drafts/d.md': noScheme('drafts') },
      'files: ["{.lists,docs}/*.md", ".l*/*.md", "docs/**/*.md"]\n',
    );
    const run = await runCli(['lint'], dir);
    expect(run.stderr).toBe('');
    expect(linted(run.stdout)).toEqual(['.lists/b.md', 'docs/a.md']);
  });

  it('a symlinked file the globs also match is linted once: its links are not duplicates of themselves', async () => {
    // A docs site's index that is the README (`docs/index.md -> ../README.md`), with `**/*.md` configured.
    const dir = await project({ 'README.md': CLEAN, 'docs/a.md': CLEAN.replace(/One|Two/g, (t) => `${t}Again`) }, 'files: ["**/*.md"]\n');
    await symlink('../README.md', join(dir, 'docs', 'index.md'));
    const run = await runCli(['lint'], dir);
    expect(run.stdout).not.toContain('duplicate-link');
    expect(run).toMatchObject({ code: 0, stdout: 'No problems in 2 files.\n' });
  });

  it('takes --config, its globs relative to the folder above its .github/, shown relative to the working directory', async () => {
    const dir = await project({ 'README.md': CLEAN, 'docs/a.md': noScheme('one') }, 'files: [README.md, "docs/*.md"]\n');
    const run = await runCli(['lint', '--config', '../.github/listkeeper.yml'], join(dir, 'docs'));
    expect(linted(run.stdout)).toEqual(['a.md']);
    expect(run.stdout).toMatch(/in 2 files/);
    expect(run.code).toBe(1);
  });

  it('in a git checkout run from a sub-directory, a config outside .github/ has globs relative to the top level', async () => {
    const dir = await project({ 'README.md': noScheme('one'), 'docs/a.md': CLEAN, 'lk.yml': 'files: [README.md]\n' });
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
    const run = await runCli(['lint', '--config', '../lk.yml'], join(dir, 'docs'));
    expect(linted(run.stdout)).toEqual(['../README.md']);
    expect(run.code).toBe(1);
  });

  it('in a git checkout run from a sub-directory, finds the top level\'s .github/listkeeper.yml', async () => {
    const dir = await project({ 'README.md': noScheme('one'), 'docs/a.md': noScheme('two') }, 'files: [README.md]\nrules:\n  url-format: warning\n');
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
    const run = await runCli(['lint'], join(dir, 'docs'));
    expect(linted(run.stdout)).toEqual(['../README.md']);
    // The config's severity applies: the missing scheme is a warning, so lint passes.
    expect(run.stdout).toMatch(/0 errors, 1 warning in 1 file/);
    expect(run.code).toBe(0);
    expect(await runCli(['lint', 'a.md'], join(dir, 'docs'))).toMatchObject({ code: 0 });
  });

  it('outside a checkout, a config in a folder above the working directory is not used', async () => {
    const dir = await project({ 'README.md': noScheme('one'), 'docs/a.md': noScheme('two') }, 'rules:\n  url-format: warning\n');
    expect(await runCli(['lint', 'a.md'], join(dir, 'docs'))).toMatchObject({ code: 1 });
    expectOneLineError(await runCli(['lint'], join(dir, 'docs')), /name at least one list file/);
  });

  it('named files win over the config\'s', async () => {
    const dir = await project({ 'README.md': noScheme('one'), 'docs/a.md': CLEAN }, 'files: [README.md]\n');
    expect(await runCli(['lint', 'docs/a.md'], dir)).toMatchObject({ code: 0, stdout: 'No problems in 1 file.\n' });
  });

  it('without files or a config file: a usage error that says files can come from the config', async () => {
    const message = /^listkeeper: lint: name at least one list file, or list them under `files` in \.github\/listkeeper\.yml or --config F \(see listkeeper lint --help\)$/;
    expectOneLineError(await runCli(['lint'], await project({ 'README.md': CLEAN })), message);
  });

  it('a config file without `files` lints README.md, the default the Action uses too', async () => {
    const dir = await project({ 'README.md': noScheme('one'), 'docs/a.md': noScheme('two') }, 'rules:\n  whitespace: error\n');
    const run = await runCli(['lint', '--format', 'json'], dir);
    expect((JSON.parse(run.stdout) as Array<{ path: string }>).map((f) => f.path)).toEqual(['README.md']);
    expect(run.code).toBe(1);
  });

  it('patterns that leave the repository (`/README.md`, `../x.md`, `../*.md`) match nothing there, as in the Action', async () => {
    const dir = await project({ 'repo/README.md': noScheme('one'), 'outside.md': noScheme('two') }, undefined);
    await mkdir(join(dir, 'repo', '.github'));
    for (const glob of ['/README.md', '../outside.md', '../*.md']) {
      await writeFile(join(dir, 'repo', '.github', 'listkeeper.yml'), `files: ["${glob}"]\n`);
      const run = await runCli(['lint'], join(dir, 'repo'));
      expectOneLineError(run, new RegExp(`^listkeeper: \\.github/listkeeper\\.yml: files: "${glob.replace(/[.*/]/g, '\\$&')}" matches no file under /`));
      expect(run.stdout).toBe('');
    }
  });

  it('a configured pattern that matches no file is a one-line error, exit 2, and nothing is linted', async () => {
    const dir = await project({ 'README.md': noScheme('one') }, 'files: [README.md, "lists/*.md"]\n');
    const run = await runCli(['lint'], dir);
    expectOneLineError(run, /^listkeeper: \.github\/listkeeper\.yml: files: "lists\/\*\.md" matches no file under \//);
    expect(run.stdout).toBe('');
  });
});

describe('listkeeper links without files', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('checks the links of the configured files', async () => {
    const server = createServer((req, res) => res.writeHead(req.url === '/alive' ? 200 : 404).end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.71', resolve));
    const origin = `http://127.0.0.71:${(server.address() as AddressInfo).port}`;
    const list = (path: string): string => `## Blogs\n\n- [Post](${origin}${path}) | AINLP 2023-01-05\n`;
    const dir = await project({ 'README.md': list('/alive'), 'docs/a.md': list('/gone') }, 'files: ["docs/*.md"]\nlinks:\n  retries: 0\n  timeout: 2000\n');
    const run = await runCli(['links', '--format', 'json'], dir, { GITHUB_TOKEN: '', GH_TOKEN: '' });
    const report = JSON.parse(run.stdout) as { results: Array<{ verdict: string; occurrences: Array<{ file: string }> }> };
    expect(report.results.map((r) => [r.verdict, r.occurrences.map((o) => o.file)])).toEqual([['dead', ['docs/a.md']]]);
    expect(run.code).toBe(1);
  });

  it('without files or a config file, or with a pattern matching nothing: exit 2, one line', async () => {
    const dir = await project({ 'README.md': CLEAN });
    expectOneLineError(await runCli(['links'], dir), /^listkeeper: links: name at least one list file, or list them under `files` in/);
    const configured = await project({ 'README.md': CLEAN }, 'files: ["lists/**/*.md"]\n');
    expectOneLineError(await runCli(['links'], configured), /files: "lists\/\*\*\/\*\.md" matches no file/);
  });
});
