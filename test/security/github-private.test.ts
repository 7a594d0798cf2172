/**
 * A token that can read private repositories (the App's installation token, a maintainer's
 * personal token) must not tell a pull request's author which private repositories exist:
 * a private repository is checked, and reported, exactly as a missing one. nock stands in for the API.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../src/links/check.js';
import type { LinkResult } from '../../src/links/types.js';
import { FAST, targetsFor } from '../links/servers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const TOKEN = 'ghs_can_read_private';
const api = () => nock('https://api.github.com').matchHeader('authorization', `Bearer ${TOKEN}`);

/** What a result tells its reader, without the fields that name the link itself. */
function told(result: LinkResult): Omit<LinkResult, 'url' | 'requestUrl' | 'occurrences' | 'checkedAt'> {
  const { url: _url, requestUrl: _requestUrl, occurrences: _occurrences, checkedAt: _checkedAt, ...rest } = result;
  return rest;
}

async function checkRepos(urls: string[]): Promise<LinkResult[]> {
  const run = await checkLinks(targetsFor(urls), { ...FAST, githubToken: TOKEN });
  expect(nock.pendingMocks()).toEqual([]);
  return run.results;
}

describe('private GitHub repositories', () => {
  it('reports a private repository exactly as a missing one: no name, no archived state', async () => {
    api().get('/repos/victim-org/private').reply(200, {
      full_name: 'victim-org/renamed-secret',
      html_url: 'https://github.com/victim-org/renamed-secret',
      archived: true,
      private: true,
      visibility: 'private',
    });
    api().get('/repos/victim-org/nothing').reply(404, { message: 'Not Found' });
    const [hidden, missing] = await checkRepos(['https://github.com/victim-org/private', 'https://github.com/victim-org/nothing']);
    expect(told(hidden)).toEqual(told(missing));
    expect(hidden.verdict).toBe('dead');
    expect(JSON.stringify(hidden)).not.toMatch(/renamed-secret|archived/);
  });

  it('treats an internal (enterprise) repository, and an answer without visibility, as missing', async () => {
    api().get('/repos/corp/internal-tool').reply(200, { full_name: 'corp/internal-tool', private: false, visibility: 'internal' });
    api().get('/repos/corp/unclear').reply(200, { full_name: 'corp/unclear' });
    const results = await checkRepos(['https://github.com/corp/internal-tool', 'https://github.com/corp/unclear']);
    expect(results.map((r) => [r.verdict, r.reason])).toEqual([
      ['dead', 'GitHub: repository not found'],
      ['dead', 'GitHub: repository not found'],
    ]);
  });

  it('still reports a public repository as existing, with its rename and archived state', async () => {
    api().get('/repos/someone/tool').reply(200, {
      full_name: 'someone/tool-2',
      html_url: 'https://github.com/someone/tool-2',
      archived: true,
      private: false,
      visibility: 'public',
    });
    const [result] = await checkRepos(['https://github.com/someone/tool']);
    expect(result.verdict).toBe('alive');
    expect(result.finalUrl).toBe('https://github.com/someone/tool-2');
    expect(result.notes).toEqual(['repository renamed to someone/tool-2', 'repository archived']);
  });
});
