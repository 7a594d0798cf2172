/**
 * The corpus: real public lists (not written for listkeeper) that the lint
 * output is pinned on, so a change to a rule shows as a reviewed diff of
 * test/corpus/expected/<name>.txt. The lists live outside the repository, in
 * `../shared/corpus/` next to the clone (or `$LISTKEEPER_CORPUS`), with the
 * seed list in `../reference/seed-list.md` relative to that folder.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../../src/core/config/config-types.js';
import { decodeListFile } from '../../src/core/decode.js';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import type { Finding } from '../../src/core/types.js';

export const CORPUS_ENV = 'LISTKEEPER_CORPUS';
/** Set to `1` to make the corpus tests rewrite the expected files instead of comparing. */
export const UPDATE_ENV = 'LISTKEEPER_CORPUS_UPDATE';
/** A fixed "today", so `future-date` does not change with the calendar. */
export const CORPUS_TODAY = '2026-01-01';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXPECTED_DIR = join(repoRoot, 'test/corpus/expected');

/** `$LISTKEEPER_CORPUS`, else `../shared/corpus` from the repository root. */
export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CORPUS_ENV];
  return fromEnv ? resolve(fromEnv) : resolve(repoRoot, '../shared/corpus');
}

export interface CorpusList {
  /** The expected file's name: the list's file name without `.md`. */
  name: string;
  path: string;
}

/** Every `*.md` of the folder but its README, then the seed list next to it when there is one. */
export function corpusLists(dir: string): CorpusList[] {
  const lists = readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file.toLowerCase() !== 'readme.md')
    .sort()
    .map((file) => ({ name: file.slice(0, -'.md'.length), path: join(dir, file) }));
  const seed = resolve(dir, '../reference/seed-list.md');
  if (existsSync(seed) && !lists.some((l) => l.name === 'seed-list')) lists.push({ name: 'seed-list', path: seed });
  return lists;
}

/** Lint one list alone with the default rules, as `listkeeper lint FILE` would with no config. */
export function lintCorpusList(list: CorpusList): Finding[] {
  const file = basename(list.path);
  const decoded = decodeListFile(readFileSync(list.path), file);
  if (!decoded.ok) throw new Error(decoded.error);
  return lintDocuments([parseList(decoded.text, file)], defaultConfig(), { today: CORPUS_TODAY });
}

/** `line:col severity rule message`, one line per finding. */
export function messageLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.start.line}:${f.start.column} ${f.severity} ${f.ruleId} ${f.reason.replace(/\s*\n\s*/g, ' ')}`);
}

export function expectedPath(name: string, dir = EXPECTED_DIR): string {
  return join(dir, `${name}.txt`);
}

/** The pinned lines, or null when the list has no expected file yet. */
export function readExpected(name: string, dir = EXPECTED_DIR): string[] | null {
  const path = expectedPath(name, dir);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Written whole to a temporary file and renamed, so an interrupted update leaves the old file. */
export function writeExpected(name: string, lines: readonly string[], dir = EXPECTED_DIR): void {
  const path = expectedPath(name, dir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, lines.map((line) => `${line}\n`).join(''));
  renameSync(temp, path);
}

/** Per rule: how many messages, how many of them `--fix` would fix. */
export function countByRule(findings: readonly Finding[]): Map<string, { messages: number; fixable: number }> {
  const counts = new Map<string, { messages: number; fixable: number }>();
  for (const f of findings) {
    const count = counts.get(f.ruleId) ?? { messages: 0, fixable: 0 };
    count.messages += 1;
    if (f.fix) count.fixable += 1;
    counts.set(f.ruleId, count);
  }
  return new Map([...counts].sort((a, b) => b[1].messages - a[1].messages || (a[0] < b[0] ? -1 : 1)));
}

/** How the current messages differ from the pinned ones (multiset difference, order ignored). */
export function difference(actual: readonly string[], expected: readonly string[]): { added: string[]; removed: string[] } {
  const left = new Map<string, number>();
  for (const line of expected) left.set(line, (left.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of actual) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else added.push(line);
  }
  const removed = [...left].flatMap(([line, n]) => Array<string>(n).fill(line));
  return { added, removed };
}
