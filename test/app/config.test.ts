import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProbotOctokit } from 'probot';
import { loadRepoConfig, mergeLayer } from '../../src/app/config.js';
import { loadConfig } from '../../src/core/config/config.js';
import { API, assertNetworkClean, closeNetwork } from './harness.js';

const octokit = new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } });

const repoFile = '/repos/octo-org/awesome/contents/.github%2Flistkeeper.yml';
const orgFile = '/repos/octo-org/.github/contents/.github%2Flistkeeper.yml';
const RAW = { 'content-type': 'application/vnd.github.raw; charset=utf-8' };

function serveFile(path: string, text: string | null): void {
  const scope = nock(API).get(path).matchHeader('accept', /raw/);
  if (text === null) scope.reply(404, { message: 'Not Found' });
  else scope.reply(200, text, RAW);
}

beforeAll(closeNetwork);
afterEach(assertNetworkClean);

describe('loadRepoConfig', () => {
  it('gives the defaults when neither the repository nor the organisation has a config', async () => {
    serveFile(repoFile, null);
    serveFile(orgFile, null);
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result).toMatchObject({ ok: true, source: null });
    if (result.ok) expect(result.config.files).toEqual(['README.md']);
  });

  it("reads the repository's own file with the CLI's mapping of keys", async () => {
    serveFile(repoFile, 'files: [docs/*.md]\nrules:\n  whitespace: off\nlinks:\n  max-age: 2h\n');
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result).toMatchObject({ ok: true, source: '.github/listkeeper.yml' });
    if (!result.ok) return;
    expect(result.config.files).toEqual(['docs/*.md']);
    expect(result.config.rules.whitespace.severity).toBe('off');
    expect(result.config.links.maxAge).toBe(2 * 3_600_000);
  });

  it("falls back to the organisation's .github repository and says so", async () => {
    serveFile(repoFile, null);
    serveFile(orgFile, 'sort:\n  order: desc\n');
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result).toMatchObject({ ok: true, source: 'octo-org/.github:.github/listkeeper.yml' });
    if (result.ok) expect(result.config.sort.order).toBe('desc');
  });

  it('merges an _extends base under the file, lists replaced rather than joined', async () => {
    serveFile(repoFile, '_extends: .github\nfiles: [LIST.md]\nrules:\n  whitespace: error\n');
    serveFile(orgFile, 'files: [README.md, OTHER.md]\nrules:\n  future-date: off\n');
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.files).toEqual(['LIST.md']);
    expect(result.config.rules.whitespace.severity).toBe('error');
    expect(result.config.rules['future-date'].severity).toBe('off');
  });

  it("rejects an invalid setting with the CLI's own message, naming the file", async () => {
    const text = 'rules:\n  entry-format: loud\n';
    serveFile(repoFile, text);
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    const cli = loadConfig(text, '.github/listkeeper.yml');
    expect(cli.ok).toBe(false);
    if (cli.ok) return;
    const cliMessage = cli.error.replace(/^\.github\/listkeeper\.yml:\d+: /, '');
    expect(result).toEqual({ ok: false, error: `.github/listkeeper.yml: ${cliMessage}` });
    expect(cliMessage).toContain('rules.entry-format');
  });

  it('names an unknown key like the CLI does', async () => {
    serveFile(repoFile, 'files: [README.md]\nlinkz: {}\n');
    expect(await loadRepoConfig(octokit, 'octo-org', 'awesome')).toEqual({
      ok: false,
      error: '.github/listkeeper.yml: unknown key "linkz"',
    });
  });

  it('reports invalid YAML with its line, in one line', async () => {
    serveFile(repoFile, 'files:\n  - README.md\n bad: [\n');
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^\.github\/listkeeper\.yml:\d+: invalid YAML: \S/);
    expect(result.error).not.toContain('\n');
  });

  it('reports a config that is not a mapping', async () => {
    serveFile(repoFile, '- README.md\n');
    expect(await loadRepoConfig(octokit, 'octo-org', 'awesome')).toEqual({
      ok: false,
      error: '.github/listkeeper.yml: the config must be a mapping of keys',
    });
  });

  it('lowers link numbers above the App\'s limits (one host serves every installation), and keeps those below', async () => {
    serveFile(
      repoFile,
      'links:\n  timeout: 600000\n  retries: 10\n  concurrency: 256\n  host-concurrency: 64\n  interval: 500\n  hosts:\n    "*.example.org": { concurrency: 64, interval: 600000 }\n    a.example: { concurrency: 2 }\n',
    );
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    if (!result.ok) throw new Error(result.error);
    expect(result.config.links).toMatchObject({
      timeout: 30_000,
      retries: 3,
      concurrency: 16,
      hostConcurrency: 4,
      interval: 500,
      hosts: { '*.example.org': { concurrency: 4, interval: 10_000 }, 'a.example': { concurrency: 2 } },
    });
  });

  it('names every invalid setting, one line each, without the meaningless line number', async () => {
    serveFile(repoFile, 'links:\n  timeout: 2147483648\n  colour: red\n');
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    if (result.ok) throw new Error('expected an error');
    expect(result.error.split('\n').sort()).toEqual(['.github/listkeeper.yml: "links.timeout" must be at most 600000', '.github/listkeeper.yml: unknown key "links.colour"']);
  });

  it('throws on a GitHub failure instead of calling the config invalid', async () => {
    nock(API).get(repoFile).reply(500, { message: 'Server Error' });
    await expect(loadRepoConfig(octokit, 'octo-org', 'awesome')).rejects.toMatchObject({ status: 500 });
  });
});

describe('mergeLayer', () => {
  it('merges mappings key by key and replaces everything else', () => {
    expect(mergeLayer({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 })).toEqual({ a: { b: 1, c: [2] }, d: 1, e: 2 });
    expect(mergeLayer({ a: 1 }, null)).toBeNull();
  });
});

describe("the App's guarded YAML parse", () => {
  /** A "billion laughs": each line doubles the one before; fully expanded, 2^30 strings. */
  function aliasBomb(): string {
    const lines = ['a0: &a0 [lol, lol]'];
    for (let i = 1; i <= 30; i += 1) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    return `${lines.join('\n')}\nfiles: *a30\n`;
  }

  it('refuses an alias bomb in the repository\'s config with one line at its first alias, instead of expanding it', async () => {
    serveFile(repoFile, aliasBomb());
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result).toEqual({ ok: false, error: '.github/listkeeper.yml:2: the YAML expands aliases (*name) more than 100 times' });
  });

  it("refuses an alias bomb in an _extends base, naming that file", async () => {
    serveFile(repoFile, '_extends: .github\nfiles: [LIST.md]\n');
    serveFile(orgFile, aliasBomb());
    const result = await loadRepoConfig(octokit, 'octo-org', 'awesome');
    expect(result).toEqual({ ok: false, error: 'octo-org/.github:.github/listkeeper.yml:2: the YAML expands aliases (*name) more than 100 times' });
  });
});
