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
