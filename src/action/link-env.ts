/**
 * Link-checker settings an environment may override. `LISTKEEPER_WAYBACK_API_URL`
 * points archive look-ups elsewhere (a mirror, or a loopback server in tests);
 * the timing variables let tests keep runs short. Pure: the environment is passed in.
 */
import type { CheckLinksOptions } from '../links/index.js';

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

export function linkOptionsFromEnv(env: Record<string, string | undefined>): CheckLinksOptions {
  const options: CheckLinksOptions = {};
  if (env.LISTKEEPER_WAYBACK_API_URL) options.waybackApiUrl = env.LISTKEEPER_WAYBACK_API_URL;
  const timeout = positiveInt(env.LISTKEEPER_LINK_TIMEOUT_MS);
  if (timeout !== undefined) options.timeout = timeout;
  const retries = positiveInt(env.LISTKEEPER_LINK_RETRIES);
  if (retries !== undefined) options.retries = retries;
  const backoff = positiveInt(env.LISTKEEPER_LINK_BACKOFF_MS);
  if (backoff !== undefined) options.backoffBaseMs = backoff;
  return options;
}
