import { readCliConfig, type CliConfig } from './config-file.js';
import type { CliIo } from './io.js';
import { fail, usageError } from './output.js';
import type { Result } from './result.js';

export type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * The steps every list command starts with: parse the arguments (usage error
 * → exit 2), answer `--help`, load the config (error → exit 2).
 */
export function withArgsAndConfig<A extends { config: string | undefined }>(
  name: string,
  usage: string,
  parse: (argv: string[]) => Result<A | 'help'>,
  run: (args: A, loaded: CliConfig, io: CliIo) => Promise<number>,
): Command {
  return async (argv, io) => {
    const parsed = parse(argv);
    if (!parsed.ok) return usageError(io, parsed.error, name);
    if (parsed.value === 'help') {
      io.stdout(usage);
      return 0;
    }
    const loaded = await readCliConfig(parsed.value.config, io.cwd);
    if (!loaded.ok) return fail(io, loaded.error);
    return run(parsed.value, loaded.value, io);
  };
}
