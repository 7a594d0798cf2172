import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../core/config.js';
import { defaultConfig, type ListkeeperConfig } from '../core/config-types.js';
import { describeIoError, err, ok, type Result } from './result.js';

export const DEFAULT_CONFIG_PATH = '.github/listkeeper.yml';

export interface CliConfig {
  config: ListkeeperConfig;
  /** The file it was read from; null when there is none and the defaults apply. */
  path: string | null;
  /** The file's own `files` globs; null when it lists none (the config then holds the default). */
  files: string[] | null;
}

/** `--config F`, else `.github/listkeeper.yml` when present, else the defaults. */
export async function readCliConfig(flag: string | undefined, cwd: string): Promise<Result<CliConfig>> {
  const path = flag ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (flag === undefined && code === 'ENOENT') return ok({ config: defaultConfig(), path: null, files: null });
    return err(`${path}: cannot read config: ${describeIoError(error)}`);
  }
  const loaded = loadConfig(text, path);
  if (!loaded.ok) return err(loaded.error);
  // Valid YAML by now; only whether `files` is written is asked.
  const data: unknown = parse(text.replace(/^\uFEFF/, ''));
  const listsFiles = typeof data === 'object' && data !== null && Array.isArray((data as { files?: unknown }).files);
  return ok({ config: loaded.config, path, files: listsFiles ? loaded.config.files : null });
}
