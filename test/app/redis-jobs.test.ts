/**
 * The App's queue over Redis, as two replicas see it: two RedisJobQueue
 * instances, each with its own connection, on one real redis-server.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRedisUrl, RedisDeliveryLog, RedisJobQueue } from '../../src/app/redis-jobs.js';
import { redisSkipReason, startRedis, type RedisServer } from './redis-server.js';

interface Work {
  name: string;
}

interface Replica {
  jobs: RedisJobQueue<Work>;
  connection: Redis;
}

/** A promise with its resolve, for jobs the test finishes by hand. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

const skip = redisSkipReason();

describe('REDIS_URL', () => {
  it('takes redis:// and rediss:// URLs, with or without a password and database', () => {
    for (const url of ['redis://127.0.0.1:6379', 'rediss://:s3cret@cache.internal:6380/2', 'redis://cache']) {
      expect(checkRedisUrl(url)).toEqual({ ok: true, url });
    }
  });

  it('refuses what is not one, saying what it expected and never repeating a password', () => {
    expect(checkRedisUrl('cache:6379')).toEqual({ ok: false, error: 'REDIS_URL must start with redis:// or rediss://, not cache://' });
    expect(checkRedisUrl('https://:s3cret@cache:6379')).toEqual({ ok: false, error: 'REDIS_URL must start with redis:// or rediss://, not https://' });
    const notUrl = checkRedisUrl('s3cret@cache 6379');
    expect(notUrl.ok).toBe(false);
    expect(JSON.stringify(notUrl)).not.toContain('s3cret');
  });
});

describe.skipIf(skip !== null)('RedisJobQueue: several replicas, one Redis', () => {
  let server: RedisServer;
  let replicas: Replica[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(replicas.map(async ({ jobs, connection }) => {
      await jobs.close();
      await connection.quit();
    }));
    replicas = [];
    expect(errors).toEqual([]);
  });

  /** A replica on `prefix`; it runs jobs only when given `run`. */
  async function replica(prefix: string, run?: (work: Work) => Promise<void>): Promise<RedisJobQueue<Work>> {
    const connection = new Redis(server.url, { maxRetriesPerRequest: null });
    const jobs = new RedisJobQueue<Work>({
      connection,
      prefix,
      onError: (lane, key, error) => errors.push(`${lane} ${key} ${(error as Error).message}`),
    });
    if (run) await jobs.serve(run);
    replicas.push({ jobs, connection });
    return jobs;
  }

  /** Two replicas sharing a fresh key prefix, each running jobs with `run`. */
  async function twoReplicas(run: (work: Work) => Promise<void>): Promise<[RedisJobQueue<Work>, RedisJobQueue<Work>]> {
    errors = [];
    const prefix = `test-${randomUUID()}`;
    return [await replica(prefix, run), await replica(prefix, run)];
  }

  async function allIdle(): Promise<void> {
    await Promise.all(replicas.map(({ jobs }) => jobs.idle()));
  }

  it('runs one job per repository at a time over both replicas, in arrival order', async () => {
    const ran: string[] = [];
    let concurrent = 0;
    let most = 0;
    const allQueued = signal();
    const [a, b] = await twoReplicas(async (work) => {
      concurrent += 1;
      most = Math.max(most, concurrent);
      ran.push(work.name);
      // Hold the lane while the other replica's worker is free to (wrongly) take the next job.
      await allQueued.promise;
      await new Promise((resolve) => setTimeout(resolve, 50));
      concurrent -= 1;
    });
    expect(await a.enqueue('octo/list', 'pull#1', { name: 'pull#1' })).toBe('queued');
    expect(await b.enqueue('octo/list', 'pull#2', { name: 'pull#2' })).toBe('queued');
    expect(await a.enqueue('octo/list', 'pull#3', { name: 'pull#3' })).toBe('queued');
    expect(await b.enqueue('Octo/List', 'pull#4', { name: 'pull#4' })).toBe('queued');
    allQueued.fire();
    await allIdle();
    expect(ran).toEqual(['pull#1', 'pull#2', 'pull#3', 'pull#4']);
    expect(most).toBe(1);
  });

  it('folds a job into the waiting job of the same key from another replica, which runs the newest data', async () => {
    const ran: string[] = [];
    const started = signal();
    const release = signal();
    const [a, b] = await twoReplicas(async (work) => {
      ran.push(work.name);
      if (work.name === 'report') {
        started.fire();
        await release.promise;
      }
    });
    await a.enqueue('octo/list', 'report', { name: 'report' });
    await started.promise;
    expect(await b.enqueue('octo/list', 'pull#1', { name: 'pull#1 at first head' })).toBe('queued');
    expect(await b.enqueue('octo/list', 'pull#2', { name: 'pull#2' })).toBe('queued');
    expect(await a.enqueue('octo/list', 'pull#1', { name: 'pull#1 at new head' })).toBe('coalesced');
    release.fire();
    await allIdle();
    expect(ran).toEqual(['report', 'pull#1 at new head', 'pull#2']);
  });

  it('runs a key that is running once more afterwards, with the newest data', async () => {
    const ran: string[] = [];
    const started = signal();
    const release = signal();
    const [a, b] = await twoReplicas(async (work) => {
      ran.push(work.name);
      if (work.name === 'v1') {
        started.fire();
        await release.promise;
      }
    });
    await a.enqueue('octo/list', 'pull#1', { name: 'v1' });
    await started.promise;
    expect(await b.enqueue('octo/list', 'pull#1', { name: 'v2' })).toBe('coalesced');
    expect(await a.enqueue('octo/list', 'pull#1', { name: 'v3' })).toBe('coalesced');
    release.fire();
    await allIdle();
    expect(ran).toEqual(['v1', 'v3']);
  });

  it('runs different repositories side by side', async () => {
    const one = signal();
    const two = signal();
    const [a, b] = await twoReplicas(async (work) => {
      // Each waits for the other to start: only side by side do both finish.
      if (work.name === 'one') {
        one.fire();
        await two.promise;
      } else {
        two.fire();
        await one.promise;
      }
    });
    await a.enqueue('octo/one', 'report', { name: 'one' });
    await b.enqueue('octo/two', 'report', { name: 'two' });
    await allIdle();
  });

  it('reports a failing job and goes on with the lane', async () => {
    const ran: string[] = [];
    const [a] = await twoReplicas(async (work) => {
      ran.push(work.name);
      if (work.name === 'bad') throw new Error('boom');
    });
    await a.enqueue('octo/list', 'pull#1', { name: 'bad' });
    await a.enqueue('octo/list', 'pull#2', { name: 'good' });
    await allIdle();
    expect(ran).toEqual(['bad', 'good']);
    expect(errors.splice(0)).toEqual(['octo/list pull#1 boom']);
  });

  it('runs the work a stopped replica left waiting on a replica started afterwards', async () => {
    errors = [];
    const prefix = `test-${randomUUID()}`;
    const ran: string[] = [];
    // A replica that queues but never takes a job (as if it stopped right after answering the webhook).
    const stopped = await replica(prefix);
    await stopped.enqueue('octo/list', 'report', { name: 'report' });
    await stopped.close();
    const started = await replica(prefix, async (work) => {
      ran.push(work.name);
    });
    await started.idle();
    expect(ran).toEqual(['report']);
  });

  it('recognises a redelivery on either replica', async () => {
    const prefix = `test-${randomUUID()}`;
    const connections = [new Redis(server.url), new Redis(server.url)];
    try {
      const [one, two] = connections.map((connection) => new RedisDeliveryLog(connection, prefix));
      expect(await one!.firstTime('delivery-1')).toBe(true);
      expect(await two!.firstTime('delivery-1')).toBe(false);
      expect(await one!.firstTime('delivery-1')).toBe(false);
      expect(await two!.firstTime('delivery-2')).toBe(true);
    } finally {
      await Promise.all(connections.map((connection) => connection.quit()));
    }
  });
});
