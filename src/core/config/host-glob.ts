/**
 * Host globs in the config (`links.exclude-hosts`, `links.hosts`,
 * `links.rules[].hosts`): what they match, and which can match no host.
 *
 * - `*` alone is every host.
 * - `*.example.org` is example.org and every name below it (`a.b.example.org`).
 * - Elsewhere `*` stands for one DNS label or part of one (`127.0.0.*`, `cdn*.example.org`).
 */

/** Whether the glob matches the host (the URL's host name: lower case, punycode, IPv6 in brackets). */
export function hostGlobMatches(glob: string, host: string): boolean {
  const pattern = glob.trim().toLowerCase();
  const name = host.toLowerCase();
  if (pattern === '*') return true;
  if (pattern.startsWith('*.') && !pattern.slice(2).includes('*')) {
    const base = pattern.slice(2);
    return name === base || name.endsWith(`.${base}`);
  }
  return labelRegex(pattern).test(name);
}

const compiled = new Map<string, RegExp>();

/** `*` stands for one DNS label or part of one; compiled once per pattern. */
function labelRegex(pattern: string): RegExp {
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

/**
 * Why a glob can match no host a URL has, or null when it can match one.
 * A rule whose globs match nothing never fires, silently; the config says so instead.
 */
export function hostGlobProblem(glob: string): string | null {
  const pattern = glob.trim().toLowerCase();
  if (pattern === '') return 'is empty: write a host name such as `example.org`, or `*` for every host';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/.exec(pattern);
  if (scheme) return `is a URL: write the host name alone (\`${scheme[1] || 'example.org'}\`)`;
  if (/^\[[0-9a-f:.*]+\]$/.test(pattern)) return null;
  if (pattern.includes('/')) return `has a path: write the host name alone (\`${pattern.split('/')[0] || 'example.org'}\`)`;
  if (pattern.includes(':')) return `has a port: write the host name alone (\`${pattern.split(':')[0]}\`); IPv6 addresses go in brackets`;
  if (/[^\u0000-\u007f]/.test(pattern)) return 'has non-ASCII letters: write an international name as URLs carry it, in punycode (`xn--…`)';
  if (/[^a-z0-9.*_-]/.test(pattern)) return 'has characters no host name holds (letters, digits, `-`, `.` and `*` only)';
  if (pattern.startsWith('.') || pattern.endsWith('.') || pattern.includes('..')) {
    return 'has an empty label (a leading, trailing or doubled `.`): write `*.example.org` for a domain and the names below it';
  }
  return null;
}
