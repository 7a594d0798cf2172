/**
 * Regular expressions written by users (`duplicate-link.allow`,
 * `links.exclude`, `links.rules[].body`) run on RE2 (re2js), whose matching
 * time is linear in the input. JavaScript's backtracking engine can take
 * exponential time on a pattern such as `^(a+)+$`, and a repository's config
 * or a linked server's page must not be able to hang a run that way.
 *
 * RE2 has no backreferences (`\1`, `\k<name>`) and no lookaround (`(?=`,
 * `(?!`, `(?<=`, `(?<!`); a pattern using them is refused with a reason that
 * says so. Otherwise the JavaScript syntax users write works as it is.
 */
import { RE2JS } from 're2js';

/** A compiled user pattern; `test` is true when it matches anywhere in the text (as `RegExp#test`). */
export interface UserPattern {
  readonly source: string;
  test(text: string): boolean;
}

export type UserPatternResult = { ok: true; pattern: UserPattern } | { ok: false; reason: string };

export interface UserPatternOptions {
  ignoreCase?: boolean;
}

export function compileUserPattern(source: string, options: UserPatternOptions = {}): UserPatternResult {
  const unsupported = unsupportedSyntax(source);
  if (unsupported) return { ok: false, reason: `${unsupported} is not supported (patterns run on RE2, in linear time)` };
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
  return { ok: true, pattern: { source, test: (text) => re.test(text) } };
}

/** The patterns of a list that compile; the config loader has reported the others. */
export function compileUserPatterns(sources: readonly unknown[], options: UserPatternOptions = {}): UserPattern[] {
  const out: UserPattern[] = [];
  for (const source of sources) {
    if (typeof source !== 'string') continue;
    const compiled = compileUserPattern(source, options);
    if (compiled.ok) out.push(compiled.pattern);
  }
  return out;
}

/**
 * The first construct RE2 cannot run, named for the user: `a backreference
 * (\1)`, `a lookahead ((?=)`… Escapes and character classes are skipped, so
 * `\\1` (a backslash, then 1) and `[(?=]` are not mistaken for them.
 */
function unsupportedSyntax(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a backreference (\\${next})`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'a named backreference (\\k<…>)';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const head = source.slice(i + 2, i + 4);
      if (head.startsWith('=')) return 'a lookahead ((?=…))';
      if (head.startsWith('!')) return 'a negative lookahead ((?!…))';
      if (head === '<=') return 'a lookbehind ((?<=…))';
      if (head === '<!') return 'a negative lookbehind ((?<!…))';
    }
  }
  return null;
}

/** RE2's message without its prefix: `missing closing ): (unclosed`. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '').split('\n')[0];
}
