/** Small pure pieces of the App: annotation shape, batching, secondary-limit waits, payload reading. */
import { describe, expect, it } from 'vitest';
import { batchesOf, toCheckAnnotation } from '../../src/app/check-run.js';
import { isOwnEvent, readPullRequestEvent } from '../../src/app/events.js';
import { SECONDARY_LIMIT_DEFAULTS, secondaryLimitWait } from '../../src/app/rate-limit.js';
import { Slots, TooComplexError } from '../../src/app/core-worker.js';
import { RecentDeliveries } from '../../src/app/deliveries.js';
import { tooComplexOutcome } from '../../src/app/pr-check-job.js';
import { webUrlOfApi } from '../../src/app/workflow-context.js';

describe('toCheckAnnotation', () => {
  it('maps levels and keeps columns only on one-line annotations', () => {
    expect(
      toCheckAnnotation({ path: 'README.md', startLine: 3, endLine: 3, startColumn: 5, endColumn: 9, level: 'error', title: 'listkeeper: date-format', message: 'bad' }),
    ).toEqual({ path: 'README.md', start_line: 3, end_line: 3, start_column: 5, end_column: 9, annotation_level: 'failure', title: 'listkeeper: date-format', message: 'bad' });
    const multi = toCheckAnnotation({ path: 'a.md', startLine: 3, endLine: 5, startColumn: 5, endColumn: 2, level: 'warning', title: 't', message: 'm' });
    expect(multi).not.toHaveProperty('start_column');
    expect(multi).toMatchObject({ start_line: 3, end_line: 5, annotation_level: 'warning' });
    expect(toCheckAnnotation({ path: 'a.md', startLine: 0, endLine: 0, level: 'notice', title: 'x'.repeat(300), message: 'm' })).toMatchObject({
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice',
      title: 'x'.repeat(255),
    });
  });
});

describe('batchesOf', () => {
  it('cuts into batches of the size, and gives one empty batch for nothing', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf(Array.from({ length: 100 }, (_, i) => i), 50).map((b) => b.length)).toEqual([50, 50]);
    expect(batchesOf([], 50)).toEqual([[]]);
  });
});

describe('secondaryLimitWait', () => {
  const error = (status: number, message: string, headers: Record<string, string> = {}): Error =>
    Object.assign(new Error(message), { status, response: { headers } });

  it('waits as GitHub says, a minute without a retry-after, never longer than the cap', () => {
    expect(secondaryLimitWait(error(403, 'You have exceeded a secondary rate limit', { 'retry-after': '7' }), SECONDARY_LIMIT_DEFAULTS)).toBe(7);
    expect(secondaryLimitWait(error(429, 'secondary rate limit'), SECONDARY_LIMIT_DEFAULTS)).toBe(60);
    expect(secondaryLimitWait(error(403, 'secondary rate limit', { 'retry-after': '9999' }), SECONDARY_LIMIT_DEFAULTS)).toBe(300);
  });

  it('leaves every other error alone', () => {
    expect(secondaryLimitWait(error(403, 'Resource not accessible by integration'), SECONDARY_LIMIT_DEFAULTS)).toBeNull();
    expect(secondaryLimitWait(error(500, 'secondary rate limit'), SECONDARY_LIMIT_DEFAULTS)).toBeNull();
    expect(secondaryLimitWait(new Error('socket hang up'), SECONDARY_LIMIT_DEFAULTS)).toBeNull();
  });
});

describe('events', () => {
  it('knows the App by its bot login, whatever the case, and nobody else', () => {
    expect(isOwnEvent({ login: 'Listkeeper[bot]', type: 'Bot' }, 'listkeeper[bot]')).toBe(true);
    expect(isOwnEvent({ login: 'listkeeper[bot]', type: 'User' }, 'listkeeper[bot]')).toBe(false);
    expect(isOwnEvent({ login: 'dependabot[bot]', type: 'Bot' }, 'listkeeper[bot]')).toBe(false);
    expect(isOwnEvent({ login: 'listkeeper[bot]', type: 'Bot' }, null)).toBe(false);
  });

  it('names what a pull_request payload lacks', () => {
    expect(readPullRequestEvent(null)).toEqual({ ok: false, error: 'the payload is not an object' });
    expect(readPullRequestEvent({ repository: { name: 'r', owner: { login: 'o' } } })).toEqual({ ok: false, error: 'the payload has no installation' });
    const payload = {
      repository: { name: 'r', owner: { login: 'o' }, default_branch: 'trunk' },
      installation: { id: 5 },
      sender: { login: 'u', type: 'User' },
      pull_request: { number: 3, head: { sha: 'not-a-sha' } },
    };
    expect(readPullRequestEvent(payload)).toEqual({ ok: false, error: 'the payload has no pull request number and head commit' });
    payload.pull_request.head.sha = 'f'.repeat(40);
    expect(readPullRequestEvent(payload)).toEqual({
      ok: true,
      event: { owner: 'o', repo: 'r', installationId: 5, defaultBranch: 'trunk', sender: { login: 'u', type: 'User' }, pullNumber: 3, headSha: 'f'.repeat(40) },
    });
  });
});

describe('tooComplexOutcome', () => {
  it('fails the check run naming the limit that was reached', () => {
    const budget = { timeMs: 20_000, memoryMb: 512 };
    const time = tooComplexOutcome(new TooComplexError('time', budget));
    expect(time).toMatchObject({ conclusion: 'failure', title: 'Too complex to check', annotations: [] });
    expect(time.summary).toContain('are too complex to check within 20 s, so listkeeper stopped');
    const memory = tooComplexOutcome(new TooComplexError('memory', budget));
    expect(memory).toMatchObject({ conclusion: 'failure', title: 'Too large to check' });
    expect(memory.summary).toContain('are too large to check within 512 MB of memory');
  });
});

describe('RecentDeliveries', () => {
  it('says "first time" once per delivery id, again after the expiry, and keeps at most `max` ids', () => {
    let now = 0;
    const seen = new RecentDeliveries({ max: 2, ttlMs: 1000, now: () => now });
    expect(seen.firstTime('a')).toBe(true);
    expect(seen.firstTime('a')).toBe(false);
    now = 1000;
    expect(seen.firstTime('a')).toBe(true);
    expect(seen.firstTime('b')).toBe(true);
    expect(seen.firstTime('c')).toBe(true);
    expect(seen.size).toBe(2);
    // The oldest id went first.
    expect(seen.firstTime('a')).toBe(true);
    expect(seen.firstTime('c')).toBe(false);
  });
});

describe('Slots (parsing workers at once)', () => {
  it('lets `limit` holders in and the next one only when a slot is released, in arrival order', async () => {
    const slots = new Slots(1);
    const order: string[] = [];
    const first = await slots.acquire();
    const second = slots.acquire().then((release) => (order.push('second'), release));
    const third = slots.acquire().then((release) => (order.push('third'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first(); // a second release of the same slot frees nothing more
    const releaseSecond = await second;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['second']);
    releaseSecond();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });
});

describe('webUrlOfApi: where report links point, from the API base URL the App talks to', () => {
  it('is github.com for api.github.com, the Enterprise Server host for GHE_HOST\'s /api/v3, the tenant for GHE.com', () => {
    expect(webUrlOfApi('https://api.github.com')).toBe('https://github.com');
    expect(webUrlOfApi('https://github.acme.test/api/v3')).toBe('https://github.acme.test');
    expect(webUrlOfApi('http://127.0.0.1:8443/api/v3/')).toBe('http://127.0.0.1:8443');
    expect(webUrlOfApi('https://api.octocorp.ghe.com')).toBe('https://octocorp.ghe.com');
  });
});
