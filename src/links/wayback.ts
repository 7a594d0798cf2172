/** The Wayback Machine's availability API: the newest snapshot of a URL, as a replacement to suggest. */
import type { FetchLike } from './github.js';

export const WAYBACK_API_URL = 'https://archive.org/wayback/available';

interface AvailabilityJson {
  archived_snapshots?: { closest?: { available?: unknown; url?: unknown; status?: unknown } };
}

/** Snapshot URL (https), or null when there is none or the API fails. */
export async function findArchiveSnapshot(
  url: string,
  options: { apiUrl: string; fetch: FetchLike; timeout: number; now: Date },
): Promise<string | null> {
  // Asking for the closest snapshot to now gives the newest one.
  const timestamp = options.now.toISOString().replace(/\D/g, '').slice(0, 14);
  const query = `${options.apiUrl}?url=${encodeURIComponent(url)}&timestamp=${timestamp}`;
  try {
    const response = await options.fetch(query, {
      headers: { accept: 'application/json', 'user-agent': 'listkeeper' },
      signal: AbortSignal.timeout(options.timeout),
    });
    if (response.status !== 200) return null;
    const json = (await response.json()) as AvailabilityJson;
    const closest = json.archived_snapshots?.closest;
    if (!closest || closest.available !== true || typeof closest.url !== 'string') return null;
    if (typeof closest.status === 'string' && !closest.status.startsWith('2')) return null;
    return closest.url.replace(/^http:\/\//, 'https://');
  } catch {
    return null;
  }
}
