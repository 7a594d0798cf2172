/**
 * Real lists: each list's lint messages must equal its pinned
 * test/corpus/expected/<name>.txt. After a deliberate rule change, rewrite
 * them with `npm run corpus -- --update` (or LISTKEEPER_CORPUS_UPDATE=1 on
 * this file) and review the diff.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CORPUS_ENV,
  corpusDir,
  corpusLists,
  difference,
  expectedPath,
  lintCorpusList,
  messageLines,
  readExpected,
  repoRoot,
  UPDATE_ENV,
  writeExpected,
} from './corpus.js';

const dir = corpusDir();
const present = existsSync(dir);
const update = process.env[UPDATE_ENV] === '1';
const skipReason = process.env[CORPUS_ENV]
  ? `${dir} (from ${CORPUS_ENV}) not found`
  : `${dir} not found (a clone outside the shared setup); set ${CORPUS_ENV} to a folder of lists to run them`;
if (!present) console.warn(`corpus tests skipped: ${skipReason}`);

describe.skipIf(!present)(present ? `corpus lists in ${dir}` : `corpus lists (skipped: ${skipReason})`, () => {
  const lists = present ? corpusLists(dir) : [];

  it('holds lists, the seed list among them', () => {
    expect(lists.length).toBeGreaterThan(0);
    if (!process.env[CORPUS_ENV]) expect(lists.map((l) => l.name)).toContain('seed-list');
  });

  for (const list of lists) {
    it(`${list.name}: the messages pinned in test/corpus/expected/${list.name}.txt`, () => {
      const lines = messageLines(lintCorpusList(list));
      if (update) {
        writeExpected(list.name, lines);
        return;
      }
      const expected = readExpected(list.name);
      expect(expected, `no ${expectedPath(list.name)}: run \`npm run corpus -- --update\` and review it`).not.toBeNull();
      // Sorted by position either way, so a plain comparison shows a readable diff.
      expect(lines).toEqual(expected);
    });
  }
});

describe('npm run corpus', () => {
  const scratchDirs: string[] = [];
  afterEach(async () => {
    await Promise.all(scratchDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  /** A corpus of one list (a duplicate and a trailing space) and an empty folder for its expected file. */
  async function scratchCorpus(): Promise<{ corpus: string; expected: string }> {
    const root = await mkdtemp(join(tmpdir(), 'listkeeper-corpus-'));
    scratchDirs.push(root);
    const corpus = join(root, 'corpus');
    const expected = join(root, 'expected');
    await mkdir(corpus);
    await mkdir(expected);
    await writeFile(join(corpus, 'README.md'), '# Not a list to lint\n');
    await writeFile(
      join(corpus, 'blogs.md'),
      '## Blogs\n\n- [A](https://a.example/x) | Lab Notes 2024-01-01 \n- [B](https://a.example/x) | Lab Notes 2024-01-02\n',
    );
    return { corpus, expected };
  }

  function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), join(repoRoot, 'test/corpus/run.ts'), ...args], { cwd: repoRoot }, (error, stdout, stderr) =>
        done({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }

  it('prints messages by rule with the fixable ones, writes the expected file with --update, then matches it', async () => {
    const { corpus, expected } = await scratchCorpus();
    const first = await run([corpus, '--expected', expected]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/blogs\.md: 2 messages, 1 fixable\n/);
    expect(first.stdout).toMatch(/^ {2}duplicate-link +1$/m);
    expect(first.stdout).toMatch(/^ {2}whitespace +1 {2}\(1 fixable\)$/m);
    expect(first.stdout).toMatch(/no .*blogs\.txt yet: run with --update/);

    const updated = await run([corpus, '--expected', expected, '--update']);
    expect(updated.code).toBe(0);
    expect(await readFile(join(expected, 'blogs.txt'), 'utf8')).toBe(
      '3:50 warning whitespace Trailing whitespace\n4:7 error duplicate-link Duplicate link `https://a.example/x`: first linked at blogs.md:3\n',
    );
    const again = await run([corpus, '--expected', expected]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/matches .*blogs\.txt/);
  });

  it('shows what changed when a list no longer matches, and exits 2 with one line for a missing folder', async () => {
    const { corpus, expected } = await scratchCorpus();
    await writeFile(join(expected, 'blogs.txt'), '3:50 warning whitespace Trailing whitespace\n9:1 error date-format gone\n');
    const changed = await run([corpus, '--expected', expected]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/differs from .*blogs\.txt: 1 new, 1 gone/);
    expect(changed.stdout).toMatch(/^ {4}\+ 4:7 error duplicate-link /m);
    expect(changed.stdout).toMatch(/^ {4}- 9:1 error date-format gone$/m);

    const missing = await run([join(corpus, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^corpus: .*nope: no such folder/)]);
  });
});

describe('difference', () => {
  it('counts repeated lines as many times as they occur', () => {
    expect(difference(['a', 'a', 'b'], ['a', 'c'])).toEqual({ added: ['a', 'b'], removed: ['c'] });
  });
});
