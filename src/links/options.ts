/** From the config file's `links:` section to checker and collector options. */
import type { LinksConfig } from '../core/config/config-types.js';
import type { CheckLinksOptions } from './check.js';
import type { CollectOptions } from './collect.js';

export function linkOptionsFromConfig(config: LinksConfig): CheckLinksOptions {
  return {
    timeout: config.timeout,
    retries: config.retries,
    concurrency: config.concurrency,
    hostConcurrency: config.hostConcurrency,
    interval: config.interval,
    hosts: config.hosts,
    maxAge: config.maxAge,
    acceptStatus: config.acceptStatus,
    headers: config.headers,
    rules: config.rules,
  };
}

export function collectOptionsFromConfig(config: LinksConfig): CollectOptions {
  return { exclude: config.exclude, excludeHosts: config.excludeHosts };
}
