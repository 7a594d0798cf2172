/** The shipped `.pre-commit-hooks.yaml`: each hook's entry run as pre-commit runs it, with several staged files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { blog, readText, root, runCli, scratch } from './run.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
}

const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const UNSORTED = ['## Blogs', '', blog('b', '2023-02-01'), blog('a', '2023-01-01'), ''].join('\n');
const SORTED = ['## Blogs', '', blog('a', '2023-01-01'), blog('b', '2023-02-01'), ''].join('\n');

/** pre-commit appends the staged files to the entry's words. */
function runHook(id: string, files: string[], cwd: string) {
  const hook = hooks.find((h) => h.id === id);
  if (!hook) throw new Error(`no hook ${id}`);
  const [command, ...args] = hook.entry.split(' ');
  expect(command).toBe('listkeeper');
  expect(hook).toMatchObject({ language: 'node', types: ['markdown'] });
  return runCli([...args, ...files], cwd);
}

describe('.pre-commit-hooks.yaml', () => {
  it('listkeeper-sort sorts every staged file in place; a second run passes', async () => {
    const dir = await scratch({ 'README.md': UNSORTED, 'other.md': SORTED, 'third.md': UNSORTED });
    const first = await runHook('listkeeper-sort', ['README.md', 'other.md', 'third.md'], dir);
    expect(first.code).toBe(0);
    expect(await readText(dir, 'README.md')).toBe(SORTED);
    expect(await readText(dir, 'third.md')).toBe(SORTED);
    expect((await runHook('listkeeper-sort', ['README.md', 'other.md', 'third.md'], dir)).stdout).not.toContain('sorted 1 list');
  });

  it('listkeeper-sort-check fails on a staged file out of order, changing nothing', async () => {
    const dir = await scratch({ 'README.md': SORTED, 'third.md': UNSORTED });
    const run = await runHook('listkeeper-sort-check', ['README.md', 'third.md'], dir);
    expect(run.code).toBe(1);
    expect(await readText(dir, 'third.md')).toBe(UNSORTED);
  });

  it('listkeeper-lint lints every staged file, duplicates across them', async () => {
    const dir = await scratch({ 'README.md': SORTED, 'copy.md': SORTED });
    const run = await runHook('listkeeper-lint', ['README.md', 'copy.md'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^copy\.md:3:\d+ {2}error .*duplicate-link$/m);
  });
});
