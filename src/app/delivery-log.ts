/**
 * Webhook redeliveries. A maintainer can press "Redeliver", and a script can
 * redeliver failed deliveries; both carry the same `X-GitHub-Delivery` id
 * (Probot's `context.id`). A command comment handled twice would answer and
 * push twice, so each delivery id is acted on once. The in-memory set
 * (RecentDeliveries, one process) and RedisDeliveryLog (every replica) both
 * fit this; synchronous or not.
 */
export interface DeliveryLog {
  /** Records delivery `id`; true the first time, false for a redelivery (act on nothing). */
  firstTime(id: string): boolean | Promise<boolean>;
}
