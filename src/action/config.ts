/**
 * The Action's configuration: `.github/listkeeper.yml` (or the `config` input) from the
 * default branch — the trusted copy, never a pull request's — validated like the CLI does;
 * then the `threshold` input overrides `links.threshold`.
 */
import type { ListkeeperConfig } from '../core/config/config-types.js';
import { loadRepoConfig } from '../github/repo/config-file.js';
import type { GitHubClient } from '../github/context.js';
import type { ActionInputs } from './inputs.js';

export type ActionConfigResult = { ok: true; config: ListkeeperConfig; source: string } | { ok: false; error: string };

export async function loadActionConfig(
  client: GitHubClient,
  at: { owner: string; repo: string; ref: string },
  inputs: Pick<ActionInputs, 'configPath' | 'threshold'>,
): Promise<ActionConfigResult> {
  const loaded = await loadRepoConfig(client, { ...at, path: inputs.configPath });
  if (!loaded.ok) return loaded;
  if (inputs.threshold !== null) loaded.config.links.threshold = inputs.threshold;
  const source = loaded.found ? `${inputs.configPath}@${at.ref}` : `defaults (no ${inputs.configPath} on ${at.ref})`;
  return { ok: true, config: loaded.config, source };
}
