/** The `listkeeper` command: dispatch to a command; every failure becomes one line and exit code 2. */
import type { Command } from './command.js';
import { processIo, type CliIo } from './io.js';
import { usageError } from './output.js';
import { errorText } from './result.js';
import { MAIN_USAGE } from './usage.js';
import { packageVersion } from './version.js';


// Loaded on demand: `--version` or `sort` need not load the link checker's HTTP stack.
const COMMANDS: Record<string, Command> = {
  lint: async (argv, io) => (await import('./lint-command.js')).runLintCommand(argv, io),
  sort: async (argv, io) => (await import('./sort-command.js')).runSortCommand(argv, io),
  links: async (argv, io) => (await import('./links-command.js')).runLinksCommand(argv, io),
  add: async (argv, io) => (await import('./add-command.js')).runAddCommand(argv, io),
  demo: async (argv, io) => (await import('./demo-command.js')).runDemoCommand(argv, io),
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // A bug, or something the commands did not foresee: still one line, no stack trace.
    io.stderr(`listkeeper: unexpected error: ${errorText(error)}\n`);
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError(io, `name a command: ${Object.keys(COMMANDS).join(', ')}`);
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(MAIN_USAGE);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    return usageError(io, `${what}; commands: ${Object.keys(COMMANDS).join(', ')}`);
  }
  return command(rest, io);
}
