/**
 * Webhook redeliveries. GitHub retries a delivery it thinks failed, and a
 * maintainer can press "Redeliver"; both carry the same `X-GitHub-Delivery`
 * id (Probot's `context.id`). A command comment handled twice would answer
 * and push twice, so each delivery id is acted on once.
 */
export interface DeliveryLog {
  /** Records delivery `id`; true when it was recorded before (a redelivery: act on nothing). */
  seen(id: string): Promise<boolean>;
}
