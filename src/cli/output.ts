import type { CliIo } from './io.js';

/** A usage error: one line naming the help to read; exit 2. */
export function usageError(io: CliIo, message: string, command = ''): number {
  const help = command ? `listkeeper ${command} --help` : 'listkeeper --help';
  io.stderr(`listkeeper: ${message} (see ${help})\n`);
  return 2;
}

/** An I/O or input error: one line per problem; exit 2. */
export function fail(io: CliIo, message: string): number {
  for (const line of message.split('\n')) io.stderr(`listkeeper: ${line}\n`);
  return 2;
}
