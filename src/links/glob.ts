/** Host globs from the config: `*.example.org` matches `a.example.org` and `a.b.example.org`; `127.0.0.*` one label. */
export function hostGlobMatches(glob: string, host: string): boolean {
  const pattern = glob.trim().toLowerCase();
  const name = host.toLowerCase();
  if (pattern.startsWith('*.') && !pattern.slice(2).includes('*')) {
    const base = pattern.slice(2);
    return name === base || name.endsWith(`.${base}`);
  }
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^.]*');
  return new RegExp(`^${source}$`).test(name);
}

export function anyHostMatches(globs: readonly string[], host: string): boolean {
  return globs.some((glob) => hostGlobMatches(glob, host));
}
