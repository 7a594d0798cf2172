/** Host names and host globs (the globs' meaning lives in core, where the config is checked). */
import { hostGlobMatches } from '../core/config/host-glob.js';

export { hostGlobMatches };

/** The lower-case host name of a URL, or null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function anyHostMatches(globs: readonly string[], host: string): boolean {
  return globs.some((glob) => hostGlobMatches(glob, host));
}
