/**
 * Several replicas of the App on one Redis (`REDIS_URL`): two Probot
 * instances, each with its own createApp and its own connection, as two
 * containers behind a load balancer would be. GitHub is nock; Redis is a
 * real redis-server. The job is the pull-request check up to its first
 * write, the check run, which the test holds open, counts and then fails
 * (so each run is cheap, and a second run would show as a second POST).
 */
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import type { Probot } from 'probot';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AppJob } from '../../src/app/index.js';
import { openRedisState, type RedisState } from '../../src/app/redis-jobs.js';
import { APP_LINKS, OWNER, REPO, REPO_PATH, type Json } from '../github/helpers.js';
import { API, APP_ID, assertNetworkClean, closeNetwork, INSTALLATION_ID, testProbot } from './harness.js';
import { pullRequestPayload } from './payloads.js';
import { redisSkipReason, startRedis, type RedisServer } from './redis-server.js';

const HEAD = 'a'.repeat(40);
const NEWER_HEAD = 'c'.repeat(40);

const skip = redisSkipReason();

describe.skipIf(skip !== null)('the App on several replicas sharing REDIS_URL', () => {
  let server: RedisServer;
  let states: Array<RedisState<AppJob>> = [];
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(() => {
    closeNetwork();
    errors = [];
    // Whichever replica runs a job asks for its token and the App's login; once each is enough.
    nock(API)
      .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
      .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' })
      .persist();
    nock(API).get('/app').reply(200, { id: APP_ID, slug: 'listkeeper', name: 'listkeeper', owner: { login: 'octo' } }).persist();
  });
  afterEach(async () => {
    await Promise.all(states.map((state) => state.close()));
    states = [];
    assertNetworkClean();
  });

  /** Two replicas on one fresh key prefix. */
  async function twoReplicas(): Promise<[Probot, Probot]> {
    const prefix = `test-${randomUUID()}`;
    const replicas: Probot[] = [];
    for (let i = 0; i < 2; i++) {
      const redis = openRedisState<AppJob>(server.url, {
        prefix,
        onError: (_lane, key, error) => errors.push(`${key}: ${(error as Error).message}`),
      });
      states.push(redis);
      const probot = testProbot();
      const appFn = createApp({ redis, now: () => new Date('2024-06-01T12:00:00Z'), linkOptions: APP_LINKS, secondaryRateLimit: { msPerSecond: 1 } });
      await probot.load(appFn, { cwd: process.cwd(), addHandler: () => undefined });
      replicas.push(probot);
    }
    return [replicas[0]!, replicas[1]!];
  }

  async function allIdle(): Promise<void> {
    await Promise.all(states.map((state) => state.jobs.idle()));
  }

  function receive(probot: Probot, id: string, number: number, headSha = HEAD, action: 'opened' | 'synchronize' = 'opened'): Promise<void> {
    const payload = pullRequestPayload({ action, owner: OWNER, repo: REPO, number, headSha, installationId: INSTALLATION_ID });
    return probot.receive({ id, name: 'pull_request', payload } as Parameters<Probot['receive']>[0]);
  }

  /**
   * `times` check-run creations, each held until `release` resolves; records the runs
   * (PR head by head) and how many ran at once at most. GitHub then answers 500: the job stops.
   */
  function checkRuns(times: number, release: Promise<unknown> = Promise.resolve()): { heads: string[]; most: () => number } {
    const heads: string[] = [];
    let running = 0;
    let most = 0;
    nock(API)
      .post(`${REPO_PATH}/check-runs`)
      .times(times)
      .reply(async (_uri, body) => {
        running += 1;
        most = Math.max(most, running);
        heads.push(String((body as Json).head_sha));
        await release;
        // Time for the other replica's worker to take a job, were the lane not held.
        await new Promise((resolve) => setTimeout(resolve, 50));
        running -= 1;
        return [500, { message: 'held by the test' }];
      });
    return { heads, most: () => most };
  }

  it('runs a delivery once when GitHub redelivers it to the other replica', async () => {
    const [one, two] = await twoReplicas();
    const runs = checkRuns(1);
    await receive(one, 'delivery-1', 7);
    await allIdle();
    await receive(two, 'delivery-1', 7);
    await allIdle();
    expect(runs.heads).toEqual([HEAD]);
    expect(errors).toHaveLength(1);
  });

  it('never runs two jobs of one repository at once, though two replicas got them', async () => {
    const [one, two] = await twoReplicas();
    let bothDelivered = (): void => undefined;
    const runs = checkRuns(2, new Promise<void>((resolve) => (bothDelivered = resolve)));
    await receive(one, 'delivery-7', 7);
    await receive(two, 'delivery-8', 8);
    bothDelivered();
    await allIdle();
    expect(runs.heads).toHaveLength(2);
    expect(runs.most()).toBe(1);
    expect(errors.sort()).toEqual(['pull#7: held by the test', 'pull#8: held by the test']);
  });

  it('folds a push to a waiting pull request into its waiting check, which checks the newest head', async () => {
    const [one, two] = await twoReplicas();
    let releaseFirst = (): void => undefined;
    const first = checkRuns(1, new Promise<void>((resolve) => (releaseFirst = resolve)));
    const rest = checkRuns(1);
    await receive(one, 'delivery-8', 8, 'b'.repeat(40));
    await receive(two, 'delivery-7a', 7, HEAD);
    await receive(one, 'delivery-7b', 7, NEWER_HEAD, 'synchronize');
    releaseFirst();
    await allIdle();
    expect([...first.heads, ...rest.heads]).toEqual(['b'.repeat(40), NEWER_HEAD]);
    expect(errors.sort()).toEqual(['pull#7: held by the test', 'pull#8: held by the test']);
  });
});
