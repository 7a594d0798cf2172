import { errorText, err, ok, type Result } from './result.js';

/**
 * Run node's `util.parseArgs` (strict) and turn its exceptions (unknown
 * option, missing value) into a one-line message.
 */
export function tryParse<T>(command: string, parse: () => T): Result<T> {
  try {
    return ok(parse());
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
