import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config.js';
import { defaultConfig, type ListkeeperConfig } from '../core/config-types.js';
import { describeIoError, err, ok, type Result } from './result.js';

export const DEFAULT_CONFIG_PATH = '.github/listkeeper.yml';

/** `--config F`, else `.github/listkeeper.yml` when present, else the defaults. */
export async function readCliConfig(flag: string | undefined, cwd: string): Promise<Result<ListkeeperConfig>> {
  const path = flag ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (flag === undefined && code === 'ENOENT') return ok(defaultConfig());
    return err(`${path}: cannot read config: ${describeIoError(error)}`);
  }
  const loaded = loadConfig(text, path);
  return loaded.ok ? ok(loaded.config) : err(loaded.error);
}
