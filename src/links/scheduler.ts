/**
 * The per-host scheduler: every request to a site goes through it, so the
 * checker never has more in flight than the global limit, never more to one
 * host than that host's limit, keeps a minimum interval between requests to a
 * host, and pauses a host that asked us to (Retry-After).
 *
 * Each host also has a budget, so a host that stalls cannot hold the run:
 * the total time it may keep us paused, and how many of its URLs may time
 * out in a row (no answer from it between them). Once a budget is used the
 * host is stalled: its queued and later requests are not sent but fail with a
 * HostStalledError, so its remaining links become `unknown` ("not checked")
 * without more requests.
 */
import { hostGlobMatches } from './glob.js';

export interface HostLimitOverride {
  concurrency?: number;
  interval?: number;
}

export interface SchedulerOptions {
  /** Requests in flight at once, all hosts together. */
  concurrency: number;
  /** Requests in flight at once to one host. */
  hostConcurrency: number;
  /** Minimum ms between the starts of two requests to one host. */
  interval: number;
  /** Host glob → limits, first match wins. */
  hosts?: Record<string, HostLimitOverride>;
  /** Longest pause a server may ask for (Retry-After), ms. */
  maxPauseMs: number;
  /**
   * A request in flight this long, ms, gives its global slot back (it keeps its host slot): a page
   * that hangs until the timeout costs us nothing but a socket, and should not slow every other host (default: never).
   */
  slowRequestMs?: number;
  /** Total pause one host may impose on the run, ms (default: no limit). */
  pauseBudgetMs?: number;
  /**
   * Distinct URLs of one host timing out in a row (no answer from the host between them) after which
   * the host is given up (default: no limit). URLs, not requests: one hanging page's retries are not a hanging host.
   */
  timedOutUrlsInARow?: number;
}

/** A request that was not sent because its host used its budget. */
export class HostStalledError extends Error {
  constructor(
    readonly host: string,
    /** `pause budget 60 s used`, `6 URLs timed out in a row`. */
    readonly why: string,
  ) {
    super(`${host} stalled (${why})`);
    this.name = 'HostStalledError';
  }
}

/**
 * Order within a host's queue, highest first. Retries (and redirect hops) go before first tries: a URL's
 * chain of tries should not wait behind the host's whole backlog. First tries of URLs that failed in the
 * last run go before the others: theirs are the likely long chains, best started early.
 */
export type TaskPriority = 'first-try' | 'failed-before' | 'retry';

const PRIORITY_RANK: Record<TaskPriority, number> = { 'first-try': 0, 'failed-before': 1, retry: 2 };

interface QueuedTask {
  start(): void;
  fail(error: HostStalledError): void;
  rank: number;
}

interface HostState {
  limit: number;
  interval: number;
  inFlight: number;
  queue: QueuedTask[];
  /** Earliest time the next request may start (interval and Retry-After pauses). */
  notBefore: number;
  /** End of the current Retry-After pause (not the interval). */
  pausedUntil: number;
  /** Pause time granted so far, ms. */
  pausedMs: number;
  /** URLs that timed out since the host last answered. */
  timedOutUrls: Set<string>;
  /** Why the host was given up, null while it is not. */
  stalled: string | null;
  /** Moving average of how long a request to this host holds its slot, ms (0 until one finished). */
  averageMs: number;
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private pumpQueued = false;

  constructor(private readonly options: SchedulerOptions) {}

  /**
   * Run `task` when a slot for `host` is free; the slot is held until the task settles.
   * Queued after the host's tasks of the same or a higher priority. Rejects with a
   * HostStalledError, without running `task`, once the host is stalled.
   */
  run<T>(host: string, task: () => Promise<T>, priority: TaskPriority = 'first-try'): Promise<T> {
    const state = this.state(host);
    if (state.stalled !== null) return Promise.reject(new HostStalledError(host, state.stalled));
    return new Promise<T>((resolve, reject) => {
      const queued: QueuedTask = {
        rank: PRIORITY_RANK[priority],
        fail: reject,
        start: () => {
          const started = Date.now();
          let holdsGlobalSlot = true;
          const releaseGlobalSlot = () => {
            if (!holdsGlobalSlot) return;
            holdsGlobalSlot = false;
            this.inFlight--;
          };
          const slow = this.options.slowRequestMs;
          const slowTimer = slow === undefined ? null : setTimeout(() => (releaseGlobalSlot(), this.pump()), slow);
          task().then(resolve, reject).finally(() => {
            if (slowTimer) clearTimeout(slowTimer);
            const took = Date.now() - started;
            state.averageMs = state.averageMs === 0 ? took : state.averageMs * 0.8 + took * 0.2;
            state.inFlight--;
            releaseGlobalSlot();
            this.pump();
          });
        },
      };
      const firstLower = queued.rank === 0 ? -1 : state.queue.findIndex((q) => q.rank < queued.rank);
      if (firstLower === -1) state.queue.push(queued);
      else state.queue.splice(firstLower, 0, queued);
      this.pumpSoon();
    });
  }

  /**
   * Send nothing more to `host` for `ms` (capped), e.g. after a 429 with Retry-After.
   * The pause counts against the host's pause budget; asked for once the budget
   * is used, it stalls the host instead. A 429 that arrives while the host is
   * already paused was sent before the pause began: it is the same refusal, not a new one.
   */
  pauseHost(host: string, ms: number): void {
    const state = this.state(host);
    if (state.stalled !== null) return;
    const now = Date.now();
    const from = Math.max(now, state.pausedUntil);
    const until = now + Math.min(Math.max(ms, 0), this.options.maxPauseMs);
    if (until <= from) return;
    const budget = this.options.pauseBudgetMs ?? Infinity;
    const left = budget - state.pausedMs;
    if (left <= 0) {
      if (state.pausedUntil <= now) this.stall(state, host, `pause budget ${seconds(budget)} used`);
      return;
    }
    const granted = Math.min(until - from, left);
    state.pausedMs += granted;
    state.pausedUntil = from + granted;
    if (state.pausedUntil > state.notBefore) state.notBefore = state.pausedUntil;
    this.pump();
  }

  /** Count a request for `url` to `host` that timed out (true) or got any answer (false); too many URLs timing out in a row stall the host. */
  noteTimeout(host: string, url: string, timedOut: boolean): void {
    const state = this.state(host);
    if (state.stalled !== null) return;
    if (!timedOut) {
      state.timedOutUrls.clear();
      return;
    }
    state.timedOutUrls.add(url);
    const limit = this.options.timedOutUrlsInARow ?? Infinity;
    if (state.timedOutUrls.size >= limit) this.stall(state, host, `${state.timedOutUrls.size} URLs timed out in a row`);
  }

  /** Give up `host`: its queued requests fail at once, later ones are refused. */
  private stall(state: HostState, host: string, why: string): void {
    state.stalled = why;
    for (const queued of state.queue.splice(0)) queued.fail(new HostStalledError(host, why));
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      const override = Object.entries(this.options.hosts ?? {}).find(([glob]) => hostGlobMatches(glob, host))?.[1];
      state = {
        limit: Math.max(1, override?.concurrency ?? this.options.hostConcurrency),
        interval: Math.max(0, override?.interval ?? this.options.interval),
        inFlight: 0,
        queue: [],
        notBefore: 0,
        pausedUntil: 0,
        pausedMs: 0,
        timedOutUrls: new Set(),
        stalled: null,
        averageMs: 0,
      };
      this.hosts.set(host, state);
    }
    return state;
  }

  /**
   * Start as many queued requests as the limits allow. Among ready hosts the
   * one with the most work left (queue × its average request time, per slot)
   * goes first: the slowest, busiest host bounds the run's wall time, so it
   * should never wait for a global slot behind quick ones.
   */
  private pump(): void {
    const global = Math.max(1, this.options.concurrency);
    while (this.inFlight < global) {
      const now = Date.now();
      let best: HostState | null = null;
      let wakeAt = Infinity;
      for (const state of this.hosts.values()) {
        if (state.queue.length === 0 || state.inFlight >= state.limit) continue;
        if (state.notBefore > now) {
          wakeAt = Math.min(wakeAt, state.notBefore);
          continue;
        }
        if (!best || this.workLeft(state) > this.workLeft(best)) best = state;
      }
      if (!best) {
        this.wakeAt(wakeAt);
        return;
      }
      const next = best.queue.shift() as QueuedTask;
      best.inFlight++;
      this.inFlight++;
      if (best.interval > 0) best.notBefore = now + best.interval;
      next.start();
    }
  }

  /** Pump once the caller's synchronous work is done: tasks queued together are ordered by priority before any starts. */
  private pumpSoon(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private workLeft(state: HostState): number {
    // Hosts not measured yet go first: their cost is unknown and measuring it early helps.
    const perRequest = state.averageMs === 0 ? 1e6 : state.averageMs;
    return (state.queue.length * perRequest) / state.limit;
  }

  private wakeAt(at: number): void {
    if (at === Infinity || at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - Date.now()));
  }
}

/** `60 s`, `1.5 s`: a budget as the user configured it. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
