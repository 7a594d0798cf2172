/**
 * Webhook deliveries already handled, by `X-GitHub-Delivery`: GitHub
 * redelivers a webhook when it did not see our answer (a timeout, a restart)
 * and a person can press "Redeliver"; the same delivery must not queue the
 * same work twice (two check runs, two `/sort` commits). In memory only,
 * bounded (the oldest ids go first) and with an expiry, so the set never
 * grows with traffic; after a restart a redelivery is simply handled again.
 */

export interface RecentDeliveriesOptions {
  /** Most ids kept. */
  max?: number;
  /** How long an id is remembered. */
  ttlMs?: number;
  now?: () => number;
}

/** GitHub keeps deliveries for redelivery for 3 days; an hour covers its automatic retries. */
export const DELIVERY_TTL_MS = 60 * 60 * 1000;
export const MAX_DELIVERIES = 10_000;

export class RecentDeliveries {
  /** id → when it was first seen; a Map iterates in insertion order, oldest first. */
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: RecentDeliveriesOptions = {}) {
    this.#max = options.max ?? MAX_DELIVERIES;
    this.#ttlMs = options.ttlMs ?? DELIVERY_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** True the first time `id` is offered (within the expiry), false for a redelivery. */
  firstTime(id: string): boolean {
    const now = this.#now();
    this.#expire(now);
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, now);
    if (this.#seen.size > this.#max) this.#seen.delete(this.#seen.keys().next().value as string);
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  #expire(now: number): void {
    for (const [id, at] of this.#seen) {
      if (now - at < this.#ttlMs) break;
      this.#seen.delete(id);
    }
  }
}
