/**
 * The per-host scheduler: every request to a site goes through it, so the
 * checker never has more in flight than the global limit, never more to one
 * host than that host's limit, keeps a minimum interval between requests to a
 * host, and pauses a host that asked us to (Retry-After).
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
}

interface HostState {
  limit: number;
  interval: number;
  inFlight: number;
  queue: Array<() => void>;
  /** Earliest time the next request may start (interval and Retry-After pauses). */
  notBefore: number;
  /** Moving average of how long a request to this host holds its slot, ms (0 until one finished). */
  averageMs: number;
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;

  constructor(private readonly options: SchedulerOptions) {}

  /** Run `task` when a slot for `host` is free; the slot is held until the task settles. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    return new Promise<T>((resolve, reject) => {
      state.queue.push(() => {
        const started = Date.now();
        task().then(resolve, reject).finally(() => {
          const took = Date.now() - started;
          state.averageMs = state.averageMs === 0 ? took : state.averageMs * 0.8 + took * 0.2;
          state.inFlight--;
          this.inFlight--;
          this.pump();
        });
      });
      this.pump();
    });
  }

  /** Send nothing more to `host` for `ms` (capped), e.g. after a 429 with Retry-After. */
  pauseHost(host: string, ms: number): void {
    const state = this.state(host);
    const until = Date.now() + Math.min(Math.max(ms, 0), this.options.maxPauseMs);
    if (until > state.notBefore) state.notBefore = until;
    this.pump();
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
      const start = best.queue.shift() as () => void;
      best.inFlight++;
      this.inFlight++;
      if (best.interval > 0) best.notBefore = now + best.interval;
      start();
    }
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
