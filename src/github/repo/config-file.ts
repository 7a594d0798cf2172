/**
 * The repository's `.github/listkeeper.yml`, read through the API at a ref
 * (the base branch for pull requests, so a PR cannot change the rules it is
 * checked by). A missing file means the defaults.
 */
import { loadConfig } from '../../core/config/config.js';
import { defaultConfig, type ListkeeperConfig } from '../../core/config/config-types.js';
import type { GitHubClient } from '../context.js';
import { readRepoFile } from './repo-files.js';
import { DEFAULT_CONFIG_PATH } from '../../core/config/config-path.js';

export { DEFAULT_CONFIG_PATH };

export type RepoConfigResult = { ok: true; config: ListkeeperConfig; found: boolean } | { ok: false; error: string };

export async function loadRepoConfig(
  client: GitHubClient,
  at: { owner: string; repo: string; ref: string; path?: string },
): Promise<RepoConfigResult> {
  const path = at.path ?? DEFAULT_CONFIG_PATH;
  const file = await readRepoFile(client, { owner: at.owner, repo: at.repo, ref: at.ref, path });
  if (!file.ok) return file.missing ? { ok: true, config: defaultConfig(), found: false } : { ok: false, error: file.error };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, error: `${path}: not valid UTF-8` };
  }
  const loaded = loadConfig(text, path);
  return loaded.ok ? { ok: true, config: loaded.config, found: true } : loaded;
}
