/** Host names and host globs. */

/** The lower-case host name of a URL, or null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Host globs from the config: `*.example.org` matches `a.example.org` and `a.b.example.org`; `127.0.0.*` one label. */
export function hostGlobMatches(glob: string, host: string): boolean {
  const pattern = glob.trim().toLowerCase();
  const name = host.toLowerCase();
  if (pattern.startsWith('*.') && !pattern.slice(2).includes('*')) {
    const base = pattern.slice(2);
    return name === base || name.endsWith(`.${base}`);
  }
  return globRegex(pattern).test(name);
}

const compiled = new Map<string, RegExp>();

/** `*` stands for one DNS label or part of one; compiled once per pattern. */
function globRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]*');
    regex = new RegExp(`^${source}$`);
    compiled.set(pattern, regex);
  }
  return regex;
}

export function anyHostMatches(globs: readonly string[], host: string): boolean {
  return globs.some((glob) => hostGlobMatches(glob, host));
}
