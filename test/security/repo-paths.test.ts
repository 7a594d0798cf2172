/**
 * What a repository's config names stays inside the repository: `links.cache`
 * cannot point outside it (directly or through a symlink) nor replace a file
 * that is not a listkeeper cache, and `lint --fix` on the config's `files`
 * does not follow a symlink out of it.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blog, expectOneLineError, runCli } from '../cli/run.js';
import { closeAll, startHost } from '../links/servers.js';
import { emptyCache, saveCacheFile } from '../../src/links/cache.js';

const dirs: string[] = [];

afterEach(async () => {
  await closeAll();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A temp folder holding `repo/` (with `.github/listkeeper.yml`) and a neighbour `outside/`. */
async function workspace(config: string, files: Record<string, string> = {}): Promise<{ repo: string; outside: string }> {
  const top = await mkdtemp(join(tmpdir(), 'lk-paths-'));
  dirs.push(top);
  const repo = join(top, 'repo');
  const outside = join(top, 'outside');
  await mkdir(join(repo, '.github'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(repo, '.github', 'listkeeper.yml'), config);
  for (const [name, text] of Object.entries(files)) await writeFile(join(repo, name), text);
  return { repo, outside };
}

const OTHER_DATA = '{"users": ["alice", "bob"], "note": "not a cache"}\n';
const env = { GITHUB_TOKEN: '', GH_TOKEN: '', GITHUB_API_URL: '' };

async function listLinkingTo(url: string): Promise<string> {
  return `# List\n\n## Links\n\n- [Post](${url}) | Source 2023-01-01\n`;
}

describe('links.cache from the config', () => {
  it('pointing outside the repository is refused before any request, and nothing is written there', async () => {
    const host = await startHost('127.0.0.71', (_req, res) => res.writeHead(200).end('ok'));
    const { repo, outside } = await workspace('links:\n  retries: 0\n  cache: ../outside/cache.json\n', { 'README.md': await listLinkingTo(host.url('/a')) });
    await writeFile(join(outside, 'cache.json'), OTHER_DATA);
    const run = await runCli(['links', 'README.md'], repo, env);
    expectOneLineError(run, /\.github\/listkeeper\.yml: links\.cache "\.\.\/outside\/cache\.json" is outside the repository/);
    expect(host.requests).toHaveLength(0);
    expect(await readFile(join(outside, 'cache.json'), 'utf8')).toBe(OTHER_DATA);
  });

  it('through a symlinked folder inside the repository that leads outside is refused too', async () => {
    const { repo, outside } = await workspace('links:\n  cache: state/cache.json\n', { 'README.md': await listLinkingTo('http://127.0.0.72:9/x') });
    await symlink(outside, join(repo, 'state'));
    const run = await runCli(['links', 'README.md'], repo, env);
    expectOneLineError(run, /links\.cache "state\/cache\.json" is outside the repository/);
    expect(await readFile(join(outside, 'cache.json'), 'utf8').catch(() => 'absent')).toBe('absent');
  });

  it('naming a file of other data inside the repository leaves the file as it was (exit 2, before any request)', async () => {
    const host = await startHost('127.0.0.73', (_req, res) => res.writeHead(200).end('ok'));
    const { repo } = await workspace('links:\n  retries: 0\n  cache: data.json\n', { 'README.md': await listLinkingTo(host.url('/a')), 'data.json': OTHER_DATA });
    const run = await runCli(['links', 'README.md'], repo, env);
    expectOneLineError(run, /^listkeeper: data\.json exists and is not a listkeeper link cache; not replacing it/);
    expect(host.requests).toHaveLength(0);
    expect(await readFile(join(repo, 'data.json'), 'utf8')).toBe(OTHER_DATA);
  });

  it('--cache naming a file of other data is refused the same way', async () => {
    const { repo } = await workspace('links:\n  retries: 0\n', { 'README.md': await listLinkingTo('http://127.0.0.74:9/x'), 'notes.txt': 'my notes\n' });
    expectOneLineError(await runCli(['links', 'README.md', '--cache', 'notes.txt'], repo, env), /notes\.txt exists and is not a listkeeper link cache/);
    expect(await readFile(join(repo, 'notes.txt'), 'utf8')).toBe('my notes\n');
  });

  it('a cache inside the repository, even one cut short by a crash, is used and rewritten as before', async () => {
    const host = await startHost('127.0.0.75', (_req, res) => res.writeHead(200).end('ok'));
    const { repo } = await workspace('links:\n  retries: 0\n  cache: .github/links-cache.json\n', { 'README.md': await listLinkingTo(host.url('/a')) });
    await writeFile(join(repo, '.github', 'links-cache.json'), '{"version":1,"alive":{"http://127.0.0.75');
    const run = await runCli(['links', 'README.md'], repo, env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: link cache \.github\/links-cache\.json is corrupt/);
    const saved = JSON.parse(await readFile(join(repo, '.github', 'links-cache.json'), 'utf8')) as { alive: Record<string, unknown> };
    expect(Object.keys(saved.alive)).toEqual([host.url('/a').replace(/^http:\/\//, '')]);
  });

  it('saveCacheFile itself never replaces a file that is not a cache', async () => {
    const { repo } = await workspace('', { 'data.json': OTHER_DATA });
    await expect(saveCacheFile(join(repo, 'data.json'), emptyCache(), 'data.json')).rejects.toThrow(/data\.json exists and is not a listkeeper link cache/);
    expect(await readFile(join(repo, 'data.json'), 'utf8')).toBe(OTHER_DATA);
  });
});

describe('list files from the config behind a symlink', () => {
  const fixable = `${blog('b', '2023-02-01')}   \n${blog('a', '2023-01-01')}\n`;

  it('lint --fix with no file arguments does not follow README.md out of the repository', async () => {
    const { repo, outside } = await workspace('files: [README.md]\n');
    await writeFile(join(outside, 'private.md'), fixable);
    await symlink(join(outside, 'private.md'), join(repo, 'README.md'));
    const run = await runCli(['lint', '--fix'], repo);
    expectOneLineError(run, /^listkeeper: README\.md: a symlink to a file outside the repository \(.*repo\); listkeeper does not follow it$/);
    expect(await readFile(join(outside, 'private.md'), 'utf8')).toBe(fixable);
  });

  it('a symlink to another file inside the repository is still fixed', async () => {
    const { repo } = await workspace('files: [README.md]\n', { 'list.md': fixable });
    await symlink('list.md', join(repo, 'README.md'));
    const run = await runCli(['lint', '--fix'], repo);
    expect(run.stderr).toBe('');
    expect(await readFile(join(repo, 'list.md'), 'utf8')).toBe(`${blog('b', '2023-02-01')}\n${blog('a', '2023-01-01')}\n`);
  });
});
