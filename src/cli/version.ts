import { readFileSync } from 'node:fs';

let cached: string | null = null;

/** The version in package.json (two levels up from src/cli, lib/cli and lib/cli-bundle). */
export function packageVersion(): string {
  if (cached === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
