/**
 * The offline detector: when most hosts could not be reached at all, the
 * machine is probably offline, so those failures say nothing about the links.
 */
export interface NetworkObservation {
  host: string;
  /** The URL failed without reaching any server. */
  networkLevel: boolean;
}

/** True when more than half of the hosts that were contacted failed at the network level for every URL. */
export function looksOffline(observations: readonly NetworkObservation[]): boolean {
  const hostFailedEverywhere = new Map<string, boolean>();
  for (const { host, networkLevel } of observations) {
    hostFailedEverywhere.set(host, (hostFailedEverywhere.get(host) ?? true) && networkLevel);
  }
  const hosts = hostFailedEverywhere.size;
  if (hosts === 0) return false;
  const failed = [...hostFailedEverywhere.values()].filter(Boolean).length;
  return failed * 2 > hosts;
}
