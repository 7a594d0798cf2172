/**
 * `npm run corpus -- [DIR] [--update] [--expected DIR]`: lint each list of the
 * corpus (default: `$LISTKEEPER_CORPUS` or `../shared/corpus`) and print, per
 * list, its messages by rule and how many are fixable, and whether they match
 * the expected file. `--update` rewrites the expected files (after a rule
 * change, to review as a diff). Exit 0, 1 when a list differs from its
 * expected file (without `--update`), 2 on bad arguments or an unreadable list.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  corpusDir,
  corpusLists,
  countByRule,
  difference,
  EXPECTED_DIR,
  expectedPath,
  lintCorpusList,
  messageLines,
  readExpected,
  repoRoot,
  writeExpected,
} from './corpus.js';

interface Args {
  dir: string;
  update: boolean;
  expectedDir: string;
}

/** Differences shown per list; the rest is counted. */
const SHOWN = 10;

function parseArgs(argv: readonly string[]): Args | string {
  let dir: string | null = null;
  let update = false;
  let expectedDir = EXPECTED_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--update') update = true;
    else if (arg === '--expected') {
      const value = argv[++i];
      if (!value) return '--expected needs a folder';
      expectedDir = resolve(value);
    } else if (arg.startsWith('-')) return `unknown option ${arg} (usage: npm run corpus -- [DIR] [--update] [--expected DIR])`;
    else if (dir === null) dir = resolve(arg);
    else return `one corpus folder only, got ${dir} and ${arg}`;
  }
  return { dir: dir ?? corpusDir(), update, expectedDir };
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') return fail(args);
  if (!existsSync(args.dir) || !statSync(args.dir).isDirectory()) return fail(`${args.dir}: no such folder (give the corpus folder, or set LISTKEEPER_CORPUS)`);
  if (!existsSync(args.expectedDir)) return fail(`${args.expectedDir}: no such folder for the expected files`);
  const lists = corpusLists(args.dir);
  if (lists.length === 0) return fail(`${args.dir}: no .md lists in it`);
  let differing = 0;
  for (const list of lists) {
    let findings;
    try {
      findings = lintCorpusList(list);
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    const lines = messageLines(findings);
    const fixable = findings.filter((f) => f.fix).length;
    const shownPath = shown(expectedPath(list.name, args.expectedDir), repoRoot);
    console.log(`${shown(list.path, process.cwd())}: ${plural(findings.length, 'message')}, ${fixable} fixable`);
    for (const [rule, count] of countByRule(findings)) {
      console.log(`  ${rule.padEnd(16)} ${String(count.messages).padStart(5)}${count.fixable ? `  (${count.fixable} fixable)` : ''}`);
    }
    if (args.update) {
      writeExpected(list.name, lines, args.expectedDir);
      console.log(`  wrote ${shownPath}`);
      continue;
    }
    const expected = readExpected(list.name, args.expectedDir);
    if (expected === null) {
      differing += 1;
      console.log(`  no ${shownPath} yet: run with --update to write it`);
      continue;
    }
    const { added, removed } = difference(lines, expected);
    if (added.length === 0 && removed.length === 0) {
      console.log(`  matches ${shownPath}`);
      continue;
    }
    differing += 1;
    console.log(`  differs from ${shownPath}: ${added.length} new, ${removed.length} gone (--update rewrites it)`);
    for (const line of added.slice(0, SHOWN)) console.log(`    + ${line}`);
    for (const line of removed.slice(0, SHOWN)) console.log(`    - ${line}`);
    const more = Math.max(0, added.length - SHOWN) + Math.max(0, removed.length - SHOWN);
    if (more > 0) console.log(`    … and ${more} more`);
  }
  return differing > 0 ? 1 : 0;
}

/** Relative to `base` when inside it, else absolute. */
function shown(path: string, base: string): string {
  const rel = relative(base, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fail(message: string): number {
  console.error(`corpus: ${message}`);
  return 2;
}

// `npm run corpus | head`: a closed pipe ends the output, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
