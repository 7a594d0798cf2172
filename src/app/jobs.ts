/**
 * The App's in-memory work queue. Webhooks are answered at once and their
 * long work (link checks, commits) runs here afterwards:
 * - one job per lane (a repository) at a time, in arrival order;
 * - a job whose key is already waiting in its lane is coalesced into it: the
 *   waiting job keeps its place and runs the newest work (a second push to a
 *   PR while its check waits, a second report trigger while one runs);
 * - a job whose key is running waits for it, so the newest state is always
 *   looked at once more after the running job ends.
 * Nothing is persisted: a restart loses waiting work, and the next trigger
 * (a push, the cron call) brings it back, because all state lives in GitHub.
 */

export type JobRun = () => Promise<void>;

export type EnqueueResult = 'started' | 'queued' | 'coalesced';

export interface JobQueueOptions {
  /** Called when a job throws; the lane goes on with its next job. */
  onError: (lane: string, key: string, error: unknown) => void;
}

interface Waiting {
  key: string;
  run: JobRun;
}

interface Lane {
  running: string | null;
  waiting: Waiting[];
}

export class JobQueue {
  readonly #lanes = new Map<string, Lane>();
  readonly #idleWaiters: Array<() => void> = [];
  readonly #onError: JobQueueOptions['onError'];

  constructor(options: JobQueueOptions) {
    this.#onError = options.onError;
  }

  /** Adds `run` to `lane` under `key` and returns at once; the work runs in the background. */
  enqueue(lane: string, key: string, run: JobRun): EnqueueResult {
    let state = this.#lanes.get(lane);
    if (!state) {
      state = { running: null, waiting: [] };
      this.#lanes.set(lane, state);
    }
    const same = state.waiting.find((job) => job.key === key);
    if (same) {
      same.run = run;
      return 'coalesced';
    }
    state.waiting.push({ key, run });
    if (state.running !== null) return 'queued';
    void this.#drain(lane, state);
    return 'started';
  }

  /** Jobs running or waiting, over all lanes. */
  get size(): number {
    let total = 0;
    for (const lane of this.#lanes.values()) total += lane.waiting.length + (lane.running === null ? 0 : 1);
    return total;
  }

  /** Resolves when no job runs or waits (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.#lanes.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(name: string, lane: Lane): Promise<void> {
    for (let job = lane.waiting.shift(); job; job = lane.waiting.shift()) {
      lane.running = job.key;
      try {
        await job.run();
      } catch (error) {
        this.#report(name, job.key, error);
      }
      lane.running = null;
    }
    this.#lanes.delete(name);
    if (this.#lanes.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #report(lane: string, key: string, error: unknown): void {
    try {
      this.#onError(lane, key, error);
    } catch {
      // A failing error reporter must not stop the lane.
    }
  }
}
