/**
 * The App's configuration: `.github/listkeeper.yml` read as Probot's config
 * plugin (`context.config`) finds it — a repository without the file falls
 * back to its organisation's `.github` repository, and `_extends` works —
 * but each file's raw text is parsed here with listkeeper's guarded YAML
 * parse (`parseConfigYaml`: alias bombs and deep nesting refused with a
 * line), since the plugin parses YAML itself without those guards and the
 * App serves every installation from one process. The merged result is
 * validated by the CLI's own `loadConfig`, so the App accepts and rejects
 * exactly what the CLI does, with the same one-line messages.
 *
 * The merged data is passed to `loadConfig` as one line of JSON (JSON is
 * YAML), and its `path:1:` prefix is dropped, since a line number in that
 * JSON would mean nothing to a user.
 */
import { loadConfig, parseConfigYaml } from '../core/config/config.js';
import { defaultConfig, type LinksConfig, type ListkeeperConfig } from '../core/config/config-types.js';
import { httpStatus } from '../github/git/http-error.js';
import { DEFAULT_CONFIG_PATH as CONFIG_PATH } from '../github/repo/config-file.js';

/** The part of Octokit this module uses: a raw contents request. */
export interface ConfigApi {
  request(
    route: 'GET /repos/{owner}/{repo}/contents/{path}',
    options: { owner: string; repo: string; path: string; mediaType: { format: 'raw' } },
  ): Promise<{ data: unknown }>;
}

interface ConfigFile {
  owner: string;
  repo: string;
  path: string;
  /** Parsed data; null when the file does not exist. */
  config: unknown;
}

/** A config file that exists but cannot be used: one line, with the file's label. */
class UnusableConfig extends Error {}

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
  const home = { owner, repo };
  let files: ConfigFile[];
  try {
    files = await readConfigFiles(octokit, home);
  } catch (error) {
    if (error instanceof UnusableConfig) return { ok: false, error: error.message };
    throw error;
  }
  // The repository's file first, then the fallback and `_extends` bases.
  const layers = files.filter((file) => file.config !== null);
  if (layers.length === 0) return { ok: true, config: defaultConfig(), source: null };
  const label = fileLabel(layers[0], home);
  const merged = layers.reduceRight<unknown>((base, file) => mergeLayer(base, file.config), {});
  const result = loadConfig(JSON.stringify(merged), label);
  if (!result.ok) return { ok: false, error: result.error.replaceAll(`${label}:1: `, `${label}: `) };
  return { ok: true, config: { ...result.config, links: clampForApp(result.config.links) }, source: label };
}

/** `_extends` chains longer than this are refused (a real one has one or two links). */
const MAX_EXTENDS = 10;

/** The plugin's `_extends` value: `repo`, `owner/repo` or `owner/repo:path.yml`. */
const EXTENDS_VALUE = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

/** The files in the plugin's order: the repository's (else the organisation's `.github`), then `_extends` bases. */
async function readConfigFiles(octokit: ConfigApi, home: { owner: string; repo: string }): Promise<ConfigFile[]> {
  const first = await readConfigFile(octokit, { ...home, path: CONFIG_PATH }, home);
  const files = [first];
  if (first.config === null && home.repo !== '.github') files.push(await readConfigFile(octokit, { owner: home.owner, repo: '.github', path: CONFIG_PATH }, home));
  for (let last = files[files.length - 1]; isPlainObject(last.config) && '_extends' in last.config; last = files[files.length - 1]) {
    const { _extends: value, ...rest } = last.config;
    last.config = rest;
    const label = fileLabel(last, home);
    const match = typeof value === 'string' ? EXTENDS_VALUE.exec(value) : null;
    if (match === null) throw new UnusableConfig(`${label}: invalid value ${JSON.stringify(value)} for _extends`);
    const next = { owner: match[1] || home.owner, repo: match[2], path: match[3] || CONFIG_PATH };
    if (files.some((f) => f.owner === next.owner && f.repo === next.repo && f.path === next.path)) {
      throw new UnusableConfig(`${label}: _extends ${JSON.stringify(value)} loops back to a file already read`);
    }
    if (files.length > MAX_EXTENDS) throw new UnusableConfig(`${label}: more than ${MAX_EXTENDS} _extends in a row`);
    files.push(await readConfigFile(octokit, next, home));
  }
  return files;
}

/** One file's raw text, parsed with the guards; missing is `config: null`. */
async function readConfigFile(
  octokit: ConfigApi,
  at: { owner: string; repo: string; path: string },
  home: { owner: string; repo: string },
): Promise<ConfigFile> {
  let data: unknown;
  try {
    ({ data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...at, mediaType: { format: 'raw' } }));
  } catch (error) {
    if (httpStatus(error) === 404) return { ...at, config: null };
    throw error;
  }
  const label = fileLabel(at, home);
  // A directory or submodule answers with its JSON listing instead of raw text.
  if (typeof data !== 'string') throw new UnusableConfig(`${label}: is a directory or a submodule, not a file`);
  const parsed = parseConfigYaml(data, label);
  // The first YAML problem only: the ones after it mostly follow from it, and the reply stays one line.
  if (!parsed.ok) throw new UnusableConfig(parsed.error.split('\n')[0]);
  // An empty file is an empty config, as in the plugin.
  return { ...at, config: parsed.value ?? {} };
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
