/**
 * Installs the packed tarball into a temporary project offline, from the npm cache this
 * machine already has (`npm ci` fills it). The registry's metadata is not in that cache, only
 * the tarballs, so the project gets a lockfile cut from ours: exactly the entries a user's
 * install would pin (the package's runtime dependencies, plus probot's tree for the App).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  peer?: boolean;
  devOptional?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  engines?: Record<string, string>;
  [key: string]: unknown;
}

export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

export const ROOT = new URL('../../', import.meta.url).pathname;

export function readLockfile(): Lockfile {
  return JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
}

/** The lockfile path that `name` resolves to from the package at `from`, as Node looks it up. */
function resolveFrom(lock: Lockfile, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** Every lockfile path installed for the names given (as dependencies of the root). */
export function closure(lock: Lockfile, names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string, name: string, optional: boolean): void => {
    const path = resolveFrom(lock, from, name);
    if (path === null) {
      if (optional) return;
      throw new Error(`${name} (needed by ${from || 'the root'}) is not in package-lock.json`);
    }
    if (seen.has(path)) return;
    seen.add(path);
    const entry = lock.packages[path];
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) visit(path, dep, entry.peerDependenciesMeta?.[dep]?.optional === true);
  };
  for (const name of names) visit('', name, false);
  return seen;
}

export interface TempProject {
  dir: string;
  tarball: string;
  /** Extra dependencies of the project besides listkeeper (e.g. probot for the App). */
  extra: Record<string, string>;
}

/**
 * Writes package.json and package-lock.json for a project depending on the tarball (and
 * `extra`, which must be in our lockfile), then `npm ci --offline`. Throws with npm's own
 * words when the cache lacks a package.
 */
export interface InstallOptions {
  /** Refuse packages whose `engines` exclude the running Node, as `npm install --engine-strict`. */
  engineStrict: boolean;
}

export async function installOffline(project: TempProject, options: InstallOptions): Promise<{ stderr: string }> {
  const lock = readLockfile();
  const own = lock.packages[''];
  const runtime = Object.keys(own.dependencies ?? {});
  const paths = closure(lock, [...runtime, ...Object.keys(project.extra)]);
  const tarballSpec = `file:${project.tarball}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'listkeeper-install-test', dependencies: { listkeeper: tarballSpec, ...project.extra } },
    'node_modules/listkeeper': {
      version: lock.version,
      resolved: tarballSpec,
      license: own.license,
      dependencies: own.dependencies,
      peerDependencies: own.peerDependencies,
      peerDependenciesMeta: own.peerDependenciesMeta,
      bin: own.bin,
      engines: own.engines,
    },
  };
  for (const path of [...paths].sort()) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path];
    packages[path] = entry;
  }
  writeFileSync(
    join(project.dir, 'package.json'),
    JSON.stringify({ name: 'listkeeper-install-test', private: true, dependencies: { listkeeper: tarballSpec, ...project.extra } }, null, 2),
  );
  writeFileSync(
    join(project.dir, 'package-lock.json'),
    JSON.stringify({ name: 'listkeeper-install-test', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  const args = ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `--engine-strict=${options.engineStrict}`];
  try {
    const { stderr } = await run('npm', args, { cwd: project.dir, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 });
    return { stderr };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    const missing = /ENOTCACHED|only-if-cached/.test(stderr)
      ? 'the npm cache of this machine lacks a package of the lockfile: run `npm ci` in the checkout first (it fills the cache), then this test again.\n'
      : '';
    throw new Error(`${missing}npm ${args.join(' ')} failed:\n${stderr}`);
  }
}

/** npm's environment for the test: our cache, never the registry, no update check. */
export function npmEnv(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
}

/** `npm pack` of the checkout (built lib/ must exist) into `dir`; returns the tarball's path. */
export async function pack(dir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, env: npmEnv() });
  const name = stdout.trim().split('\n').pop() ?? '';
  return join(dir, name);
}

/**
 * Whether a Node version satisfies an `engines.node` range, for the range forms packages use
 * (`>=X`, `>X`, `<X`, `<=X`, `^X.Y.Z`, `~X.Y`, `X.x`, `*`, `a || b`, several comparators in a row).
 * npm 11 checks engines only against the running Node; this checks the oldest one we promise.
 */
export function nodeSatisfies(version: string, range: string): boolean {
  const v = parts(version);
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.every((comparator) => satisfiesOne(v, comparator));
  });
}

function parts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map((n) => (/^\d+$/.test(n) ? Number(n) : Number.NaN));
}

/** -1, 0, 1 comparing the first `length` parts (missing parts count as 0). */
function compare(a: number[], b: number[], length = 3): number {
  for (let i = 0; i < length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function satisfiesOne(v: number[], comparator: string): boolean {
  const match = /^(>=|<=|>|<|=|\^|~)?v?([\dxX*]+(?:\.[\dxX*]+){0,2})$/.exec(comparator);
  if (!match) throw new Error(`engines range part ${JSON.stringify(comparator)} is not one this check reads`);
  const op = match[1] ?? '';
  // Digits before the first wildcard: `6.*` and `6` mean 6.x.x.
  const given = match[2].split('.').filter((p) => /^\d+$/.test(p)).map(Number);
  const full = [given[0] ?? 0, given[1] ?? 0, given[2] ?? 0];
  switch (op) {
    case '>=':
      return compare(v, full) >= 0;
    case '>':
      return compare(v, full) > 0;
    case '<':
      return compare(v, full) < 0;
    case '<=':
      return compare(v, full) <= 0;
    case '^': {
      const fixed = full.findIndex((n) => n !== 0);
      return compare(v, full) >= 0 && compare(v, full, fixed === -1 ? 3 : fixed + 1) === 0;
    }
    case '~':
      return compare(v, full) >= 0 && compare(v, full, given.length >= 2 ? 2 : 1) === 0;
    default:
      return compare(v, full, given.length) === 0;
  }
}
