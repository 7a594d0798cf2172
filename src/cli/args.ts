import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorText, err, ok, type Result } from './result.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>;

/**
 * A command's arguments: node's `util.parseArgs` (strict, positionals allowed)
 * with the command's own options, its exceptions (unknown option, missing
 * value) turned into a one-line message.
 */
export function parseCommandArgs<const O extends Options>(command: string, argv: string[], options: O): Result<ParsedArgs<O>> {
  try {
    return ok(parseArgs({ args: argv, allowPositionals: true, strict: true, options }));
  } catch (error) {
    // "Unknown option '--x'. To specify a positional argument ..." → the first sentence.
    const first = errorText(error).replace(/\. .*$/, '').replace(/\.$/, '');
    return err(`${command}: ${first.charAt(0).toLowerCase()}${first.slice(1)}`);
  }
}

/** One of a fixed set of values, or a message naming them. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): Result<T> {
  return (allowed as readonly string[]).includes(value)
    ? ok(value as T)
    : err(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** A count or duration flag: null when absent, else a whole number from 1 to `max` (the config's bound), or a message naming the flag. */
export function wholeNumberFlag(command: string, flag: string, raw: string | undefined, max: number): Result<number | null> {
  if (raw === undefined) return ok(null);
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return err(`${command}: --${flag} must be a positive whole number (got "${raw}")`);
  if (Number(raw) > max) return err(`${command}: --${flag} must be at most ${max} (got "${raw}")`);
  return ok(Number(raw));
}
