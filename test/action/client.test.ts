/** The Action's Octokit rides out a GitHub hiccup and a rate limit instead of failing the step. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionClient } from '../../src/action/client.js';
import { API, api, setUpNock, tearDownNock } from '../github/helpers.js';

beforeEach(setUpNock);
afterEach(() => {
  expect(tearDownNock()).toEqual([]);
});

/** A client whose waits last a millisecond per second GitHub asks for. */
function client(): { octokit: ReturnType<typeof actionClient>; warnings: string[] } {
  const warnings: string[] = [];
  return { octokit: actionClient('ghs_test', { baseUrl: API, fetch: globalThis.fetch, warn: (m) => void warnings.push(m), msPerSecond: 1 }), warnings };
}

describe('the Action client', () => {
  it('retries a 500 and gets the answer', async () => {
    api().get('/repos/o/r').reply(500, { message: 'Server Error' }).get('/repos/o/r').reply(200, { default_branch: 'main' });
    const { octokit } = client();
    const { data } = await octokit.rest.repos.get({ owner: 'o', repo: 'r' });
    expect(data.default_branch).toBe('main');
  });

  it('waits out a 403 secondary rate limit as retry-after asks, says so in the log, then goes on', async () => {
    api()
      .post('/repos/o/r/issues/7/comments')
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '30' })
      .post('/repos/o/r/issues/7/comments')
      .reply(201, { id: 99 });
    const { octokit, warnings } = client();
    const { data } = await octokit.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 7, body: 'hi' });
    expect(data.id).toBe(99);
    expect(warnings).toEqual(['GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: waiting 30 s (try 2 of 4)']);
  });

  it('gives up after a few tries, and the error is the step\'s', async () => {
    const limited = { message: 'You have exceeded a secondary rate limit.' };
    // A read (writes are spaced a second or more apart by the throttling plugin, as GitHub advises).
    api().get('/repos/o/r').times(4).reply(403, limited, { 'retry-after': '1' });
    const { octokit, warnings } = client();
    await expect(octokit.rest.repos.get({ owner: 'o', repo: 'r' })).rejects.toMatchObject({ status: 403 });
    expect(warnings).toHaveLength(3);
  });
});
