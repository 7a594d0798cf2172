/**
 * The Action's configuration: `.github/listkeeper.yml` (or the `config` input) read
 * through the API from the default branch — the trusted copy, never a pull request's —
 * and validated like the CLI does. The inputs then override a few keys.
 */
import { defaultConfig, type ListkeeperConfig } from '../core/config-types.js';
import { loadConfig } from '../core/config.js';
import type { GitHubClient } from '../github/context.js';
import { readRepoFile } from '../github/repo-files.js';
import type { ActionInputs } from './inputs.js';

export type ActionConfigResult = { ok: true; config: ListkeeperConfig; source: string } | { ok: false; error: string };

export async function loadActionConfig(
  client: GitHubClient,
  at: { owner: string; repo: string; ref: string },
  inputs: Pick<ActionInputs, 'configPath' | 'threshold'>,
): Promise<ActionConfigResult> {
  const file = await readRepoFile(client, { ...at, path: inputs.configPath });
  let config: ListkeeperConfig;
  let source: string;
  if (file.ok) {
    const loaded = loadConfig(Buffer.from(file.bytes).toString('utf8'), inputs.configPath);
    if (!loaded.ok) return loaded;
    config = loaded.config;
    source = `${inputs.configPath}@${at.ref}`;
  } else if (file.missing) {
    config = defaultConfig();
    source = `defaults (no ${inputs.configPath} on ${at.ref})`;
  } else {
    return { ok: false, error: `cannot read ${file.error}` };
  }
  if (inputs.threshold !== null) config.links.threshold = inputs.threshold;
  return { ok: true, config, source };
}
