/**
 * The App's configuration: `.github/listkeeper.yml` read through Probot's
 * config plugin (the API behind `context.config`), so a repository without
 * the file falls back to its organisation's `.github` repository and
 * `_extends` works. The result is validated by the CLI's own `loadConfig`,
 * so the App accepts and rejects exactly what the CLI does, with the same
 * one-line messages.
 *
 * The plugin hands over parsed objects, not text. They are passed to
 * `loadConfig` as one line of JSON (JSON is YAML), and its `path:1:` prefix
 * is dropped, since a line number in that JSON would mean nothing to a user.
 */
import { loadConfig } from '../core/config.js';
import { defaultConfig, type LinksConfig, type ListkeeperConfig } from '../core/config-types.js';
import { DEFAULT_CONFIG_PATH as CONFIG_PATH } from '../github/config-file.js';

/** The part of Probot's Octokit this module uses (its config plugin). */
export interface ConfigApi {
  config: {
    get(options: { owner: string; repo: string; path: string }): Promise<{
      files: Array<{ owner: string; repo: string; path: string; config: Record<string, unknown> | null }>;
    }>;
  };
}

export type RepoConfigResult =
  | {
      ok: true;
      config: ListkeeperConfig;
      /** Where the settings came from (`.github/listkeeper.yml`, `org/.github:.github/listkeeper.yml`), null for defaults. */
      source: string | null;
    }
  | { ok: false; error: string };

/**
 * Loads and validates the configuration of `owner/repo` from its default
 * branch (never from a pull request, so a PR cannot change its own checks).
 * A missing file gives the defaults; invalid YAML or settings give
 * `{ ok: false }` with one line. GitHub errors (5xx after retries) throw.
 */
export async function loadRepoConfig(octokit: ConfigApi, owner: string, repo: string): Promise<RepoConfigResult> {
  let files: Awaited<ReturnType<ConfigApi['config']['get']>>['files'];
  try {
    ({ files } = await octokit.config.get({ owner, repo, path: CONFIG_PATH }));
  } catch (error) {
    const unreadable = describeUnreadableConfig(error, { owner, repo });
    if (unreadable === null) throw error;
    return { ok: false, error: unreadable };
  }
  // The plugin lists the repository's file first, then the fallback and `_extends` bases.
  const layers = files.filter((file) => file.config !== null);
  if (layers.length === 0) return { ok: true, config: defaultConfig(), source: null };
  const label = fileLabel(layers[0], { owner, repo });
  const merged = layers.reduceRight<unknown>((base, file) => mergeLayer(base, file.config), {});
  const result = loadConfig(JSON.stringify(merged), label);
  if (!result.ok) return { ok: false, error: result.error.replaceAll(`${label}:1: `, `${label}: `) };
  return { ok: true, config: { ...result.config, links: clampForApp(result.config.links) }, source: label };
}

/**
 * The App checks links for every installed repository on one host, so a
 * repository's config gets less than the CLI's bounds (LINK_LIMITS): beyond
 * these numbers one repository's run would starve the others' (sockets,
 * jobs held open by long timeouts and retries).
 */
export const APP_LINK_LIMITS = {
  timeout: 30_000,
  retries: 3,
  concurrency: 16,
  hostConcurrency: 4,
  interval: 10_000,
} as const;

/** The repository's link settings, each number lowered to the App's limit where above it. */
export function clampForApp(links: LinksConfig): LinksConfig {
  const hosts: LinksConfig['hosts'] = {};
  for (const [glob, limits] of Object.entries(links.hosts)) {
    hosts[glob] = {
      ...(limits.concurrency !== undefined ? { concurrency: Math.min(limits.concurrency, APP_LINK_LIMITS.hostConcurrency) } : {}),
      ...(limits.interval !== undefined ? { interval: Math.min(limits.interval, APP_LINK_LIMITS.interval) } : {}),
    };
  }
  return {
    ...links,
    timeout: Math.min(links.timeout, APP_LINK_LIMITS.timeout),
    retries: Math.min(links.retries, APP_LINK_LIMITS.retries),
    concurrency: Math.min(links.concurrency, APP_LINK_LIMITS.concurrency),
    hostConcurrency: Math.min(links.hostConcurrency, APP_LINK_LIMITS.hostConcurrency),
    interval: Math.min(links.interval, APP_LINK_LIMITS.interval),
    hosts,
  };
}

/** The repository's own file by its path; a file elsewhere with its repository. */
function fileLabel(file: { owner: string; repo: string; path: string }, home: { owner: string; repo: string }): string {
  return file.owner === home.owner && file.repo === home.repo ? file.path : `${file.owner}/${file.repo}:${file.path}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `over` on top of `base`: mappings merge key by key, anything else (lists
 * included) is replaced, so `files: [...]` in a repository replaces the
 * organisation's list instead of adding to it.
 */
export function mergeLayer(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = key in base ? mergeLayer(base[key], value) : value;
  return out;
}

/**
 * The plugin's own errors for a file that exists but cannot be used (invalid
 * YAML, a scalar, a directory, an `_extends` loop), as one line in the CLI's
 * format; null for anything else (network, 5xx), which the caller rethrows.
 */
function describeUnreadableConfig(error: unknown, home: { owner: string; repo: string }): string | null {
  if (!(error instanceof Error) || !error.message.startsWith('[@probot/octokit-plugin-config]')) return null;
  const at = /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^?\s)]+)/.exec(error.message);
  const label = at
    ? fileLabel({ owner: at[1], repo: at[2], path: decodeURIComponent(at[3]) }, home)
    : CONFIG_PATH;
  const yamlError = yamlErrorOf(error.cause);
  if (yamlError) return `${label}:${yamlError.line}: invalid YAML: ${yamlError.message}`;
  const reason = error.message
    .replace('[@probot/octokit-plugin-config] ', '')
    .replace(/\s*\(([^)]*)\)\s*$/, ': $1')
    .split('\n')[0];
  return `${label}: ${reason}`;
}

/** A `yaml` parse error's first line and 1-based line number. */
function yamlErrorOf(cause: unknown): { line: number; message: string } | null {
  if (!(cause instanceof Error) || !('linePos' in cause)) return null;
  const linePos = (cause as { linePos?: Array<{ line: number }> }).linePos;
  const line = linePos?.[0]?.line ?? 1;
  const message = cause.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  return { line, message };
}
