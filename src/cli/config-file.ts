import { access, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { defaultConfig, type ListkeeperConfig } from '../core/config/config-types.js';
// The path the Action and the App read, so all three front ends look in one place.
import { DEFAULT_CONFIG_PATH } from '../core/config/config-path.js';
import { describeIoError, err, ok, type Result } from './result.js';

export interface CliConfig {
  config: ListkeeperConfig;
  /** The file it was read from; null when there is none and the defaults apply. */
  path: string | null;
}

/**
 * `--config F`, else the nearest `.github/listkeeper.yml` (in the working
 * directory or, inside a git checkout, a folder above it up to the top
 * level), else the defaults.
 */
export async function readCliConfig(flag: string | undefined, cwd: string): Promise<Result<CliConfig>> {
  const path = flag ?? (await findDefaultConfig(cwd)) ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (flag === undefined && code === 'ENOENT') return ok({ config: defaultConfig(), path: null });
    return err(`${path}: cannot read config: ${describeIoError(error)}`);
  }
  // Loaded only when there is a file: the YAML parser and the schema validator are a tenth of a run without one.
  const { loadConfig } = await import('../core/config/config.js');
  const loaded = loadConfig(text, path);
  return loaded.ok ? ok({ config: loaded.config, path }) : err(loaded.error);
}

/**
 * The nearest `.github/listkeeper.yml`, relative to `cwd`, so a maintainer
 * may run listkeeper from a subdirectory of the repository. Folders above a
 * checkout's top level (or above `cwd` outside a checkout) are not searched:
 * a stray config there belongs to someone else.
 */
async function findDefaultConfig(cwd: string): Promise<string | null> {
  const candidates: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    candidates.push(join(dir, DEFAULT_CONFIG_PATH));
    if (await exists(join(dir, '.git'))) break;
    if (dirname(dir) === dir) {
      candidates.length = 1; // not in a checkout: the working directory only
      break;
    }
  }
  for (const candidate of candidates) if (await exists(candidate)) return relative(cwd, candidate);
  return null;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
