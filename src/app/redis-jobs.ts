/**
 * The App's job queue and delivery log in Redis, for several replicas
 * (`REDIS_URL`): the semantics of the in-memory JobQueue (jobs.ts) over every
 * replica at once, on BullMQ.
 *
 * - One BullMQ queue per lane (repository) with a global concurrency of 1:
 *   open-source BullMQ has no per-group concurrency, and a queue's global
 *   concurrency is enforced by Redis when a worker takes a job, so one job per
 *   repository runs at a time however many replicas' workers wait on the lane,
 *   in arrival order. Each replica has a worker on every lane any replica has
 *   served (one blocking Redis connection per repository), so waiting work
 *   outlives the replica that queued it.
 * - The job key is BullMQ's deduplication id with `keepLastIfActive`: a job
 *   whose key is already waiting is folded into it (and handed the newest
 *   data, below); a job whose key is running is stored by BullMQ and queued
 *   once when the running one ends, with the newest data of all such adds.
 * - Job data is JSON, so work is described as data (which repository, which
 *   event) and any replica can run it; the runner turns it into work.
 */
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { DeliveryLog } from './delivery-log.js';
import type { EnqueueResult, JobQueueOptions } from './jobs.js';

/** Runs one job's data (any replica may run any job). */
export type DataRunner<T> = (data: T, lane: string, key: string) => Promise<void>;

export interface RedisJobQueueOptions extends JobQueueOptions {
  connection: Redis;
  /** Key prefix of every queue (tests: one per test). */
  prefix: string;
}

interface LaneQueue {
  queue: Queue;
  worker: Worker | null;
}

/** How long a delivery id is remembered: GitHub lets a delivery be redelivered for three days. */
const DELIVERY_TTL_SECONDS = 3 * 24 * 60 * 60;
/** Finished jobs leave Redis at once: GitHub holds the results, nothing reads them here. */
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

export class RedisJobQueue<T> {
  readonly #lanes = new Map<string, Promise<LaneQueue>>();
  readonly #connection: Redis;
  readonly #prefix: string;
  readonly #onError: JobQueueOptions['onError'];
  #runner: DataRunner<T> | null = null;
  #running = 0;
  #closed = false;

  constructor(options: RedisJobQueueOptions) {
    this.#connection = options.connection;
    this.#prefix = options.prefix;
    this.#onError = options.onError;
  }

  /**
   * Sets what runs the jobs and opens every lane any replica ever served, so work left
   * waiting by a replica that stopped runs without waiting for its repository's next trigger.
   */
  async serve(runner: DataRunner<T>): Promise<void> {
    this.#runner = runner;
    for (const [name, lane] of this.#lanes) void lane.then((open) => this.#startWorker(name, open));
    const known = await this.#connection.smembers(this.#lanesKey);
    await Promise.all(known.map((name) => this.#lane(name)));
  }

  /**
   * Adds `data` to `lane` under `key`. 'queued': a new job; 'coalesced': folded
   * into the waiting (or, to run after it, the running) job of the same key.
   */
  async enqueue(lane: string, key: string, data: T): Promise<EnqueueResult> {
    const { queue } = await this.#lane(lane.toLowerCase());
    const first = await this.#add(queue, key, data);
    if (first.added) return 'queued';
    // Folded into a job of the same key. A waiting one must run the newest data (a PR's new head):
    // give it ours, then add once more — if that job became active meanwhile (having read the old
    // data), this add is stored to run after it; if it is still waiting, it reads ours.
    await updateWaitingData(queue, first.id, data);
    const second = await this.#add(queue, key, data);
    return second.added ? 'queued' : 'coalesced';
  }

  /** Jobs this replica is running now. */
  get size(): number {
    return this.#running;
  }

  /** Resolves when no job waits or runs in any lane this replica has served (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      let pending = 0;
      for (const lane of this.#lanes.values()) {
        const counts = await (await lane).queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
        pending += Object.values(counts).reduce((sum, n) => sum + n, 0);
      }
      if (pending === 0 && this.#running === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops this replica's workers (running jobs finish first) and queues; the connection stays open. */
  async close(): Promise<void> {
    this.#closed = true;
    const lanes = await Promise.allSettled(this.#lanes.values());
    await Promise.all(
      lanes.map(async (lane) => {
        if (lane.status === 'rejected') return; // never opened: nothing to close
        await lane.value.worker?.close();
        await lane.value.queue.close();
      }),
    );
  }

  async #add(queue: Queue, key: string, data: T): Promise<{ added: boolean; id: string }> {
    const jobId = randomUUID();
    const job = await queue.add(key, data, { ...JOB_OPTIONS, jobId, deduplication: { id: key, keepLastIfActive: true } });
    return { added: job.id === jobId, id: job.id ?? jobId };
  }

  /** Every lane's name, so a replica that starts serves lanes it has not seen yet. */
  get #lanesKey(): string {
    return `${this.#prefix}:lanes`;
  }

  /** `name` in lower case: GitHub's names are case-insensitive. */
  #lane(name: string): Promise<LaneQueue> {
    let lane = this.#lanes.get(name);
    if (!lane) {
      lane = this.#openLane(name);
      this.#lanes.set(name, lane);
    }
    return lane;
  }

  async #openLane(name: string): Promise<LaneQueue> {
    if (this.#closed) throw new Error('the job queue is closed');
    const queue = new Queue(laneQueueName(name), { connection: this.#connection, prefix: this.#prefix });
    await queue.setGlobalConcurrency(1);
    await this.#connection.sadd(this.#lanesKey, name);
    const lane: LaneQueue = { queue, worker: null };
    this.#startWorker(name, lane);
    return lane;
  }

  #startWorker(name: string, lane: LaneQueue): void {
    const runner = this.#runner;
    if (!runner || lane.worker || this.#closed) return;
    lane.worker = new Worker(
      laneQueueName(name),
      async (job: Job) => {
        this.#running += 1;
        try {
          await runner(job.data as T, name, job.name);
        } catch (error) {
          // As in memory: reported, never retried (the next trigger runs it again); the lane goes on.
          this.#report(name, job.name, error);
        } finally {
          this.#running -= 1;
        }
      },
      { connection: this.#connection, prefix: this.#prefix, concurrency: 1 },
    );
    lane.worker.on('error', (error) => this.#report(name, 'worker', error));
  }

  #report(lane: string, key: string, error: unknown): void {
    try {
      this.#onError(lane, key, error);
    } catch {
      // A failing error reporter must not stop the lane.
    }
  }
}

/** BullMQ queue names may not contain ':'. */
export function laneQueueName(lane: string): string {
  return `lane-${lane.replace(/[^a-z0-9._/-]/g, '_')}`;
}

async function updateWaitingData(queue: Queue, id: string, data: unknown): Promise<void> {
  const job = await queue.getJob(id);
  try {
    await job?.updateData(data);
  } catch {
    // The job ended meanwhile: the second add queues a new one.
  }
}

/** Delivery ids in Redis, so a redelivery reaching another replica is recognised too. */
export class RedisDeliveryLog implements DeliveryLog {
  readonly #connection: Redis;
  readonly #prefix: string;

  constructor(connection: Redis, prefix: string) {
    this.#connection = connection;
    this.#prefix = prefix;
  }

  async firstTime(id: string): Promise<boolean> {
    const set = await this.#connection.set(`${this.#prefix}:delivery:${id}`, '1', 'EX', DELIVERY_TTL_SECONDS, 'NX');
    return set !== null;
  }
}

/** What the App shares between replicas through one Redis. */
export interface RedisState<T> {
  jobs: RedisJobQueue<T>;
  deliveries: RedisDeliveryLog;
  /** Closes the workers, the queues and the connection. */
  close(): Promise<void>;
}

export interface RedisStateOptions extends JobQueueOptions {
  /** Prefix of every key (default `listkeeper`). */
  prefix?: string;
  /** The connection failed (it retries on its own); default: `onError('redis', 'connection', error)`. */
  onConnectionError?: (error: Error) => void;
}

/**
 * `REDIS_URL` checked before anything connects: a typo would otherwise only show as
 * connection errors in the log. The message never repeats the URL (it may hold a password).
 */
export function checkRedisUrl(value: string): { ok: true; url: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: 'REDIS_URL is not a URL; expected redis://[:password@]host[:port][/db] or rediss://…' };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return { ok: false, error: `REDIS_URL must start with redis:// or rediss://, not ${url.protocol}//` };
  }
  if (url.hostname === '') return { ok: false, error: 'REDIS_URL names no host' };
  return { ok: true, url: value };
}

export function openRedisState<T>(url: string, options: RedisStateOptions): RedisState<T> {
  // Workers block on Redis; BullMQ wants commands retried until the connection is back.
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  connection.on('error', options.onConnectionError ?? ((error: Error) => options.onError('redis', 'connection', error)));
  const prefix = options.prefix ?? 'listkeeper';
  const jobs = new RedisJobQueue<T>({ connection, prefix, onError: options.onError });
  return {
    jobs,
    deliveries: new RedisDeliveryLog(connection, prefix),
    close: async () => {
      await jobs.close();
      await connection.quit();
    },
  };
}
