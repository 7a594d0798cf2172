/**
 * The App's parsing worker (src/app/core-worker.ts): Markdown whose parse
 * time or memory grows out of bounds ends as `TooComplexError` within the
 * budget, instead of holding the App's event loop; ordinary lists come back
 * with their findings. (From src/, the worker loads its entry through tsx.)
 */
import { describe, expect, it } from 'vitest';
import { budgetFromEnv, runInWorker, TooComplexError, type WorkerBudget, type WorkerTask } from '../../src/app/core-worker.js';
import { defaultConfig } from '../../src/core/config/config-types.js';
import type { PrAnalysisInput } from '../../src/github/pr-check/pr-analysis.js';

function input(text: string): PrAnalysisInput {
  const lines = text.split('\n').length;
  return {
    changed: [{ path: 'README.md', text }],
    others: [],
    added: new Map([['README.md', new Set(Array.from({ length: lines }, (_, i) => i + 1))]]),
    diffPaths: ['README.md'],
    config: defaultConfig(),
    today: '2026-01-01',
  };
}

const LIST = ['# Awesome', '', '## Blogs', '', '- [A post](http://127.0.0.61/a) | Lab Notes 2023-3-04', ''].join('\n');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('the parsing worker', () => {
  it('answers an ordinary list with its findings, suggestions and links', async () => {
    const { output } = await runInWorker({ kind: 'pr-analysis', input: input(LIST) }, { timeMs: 20_000, memoryMb: 256 });
    expect(output.findings.map((f) => [f.ruleId, f.start.line])).toEqual([['date-format', 5]]);
    expect(output.suggestions).toEqual([expect.objectContaining({ line: 5, replacement: '- [A post](http://127.0.0.61/a) | Lab Notes 2023-03-04' })]);
    expect(output.linkTargets.map((t) => t.requestUrl)).toEqual(['http://127.0.0.61/a']);
  });

  it.each([
    ['brackets', `${'['.repeat(30_000)}${']'.repeat(30_000)}`],
    ['image brackets', `${'!['.repeat(30_000)}${']'.repeat(30_000)}`],
  ])('stops nested %s at the time budget with "too complex to check within 0.5 s"', async (_name, bomb) => {
    const budget: WorkerBudget = { timeMs: 500, memoryMb: 256 };
    const error = await rejection(runInWorker({ kind: 'pr-analysis', input: input(`${LIST}${bomb}\n`) }, budget));
    expect(error).toBeInstanceOf(TooComplexError);
    expect(error).toMatchObject({ limit: 'time', message: 'too complex to check within 0.5 s' });
  });

  it('stops a list that needs more memory than the worker has, as "too large to check"', async () => {
    const entries = Array.from({ length: 60_000 }, (_, i) => `- [Post ${i}](http://127.0.0.61/p/${i}) | Lab Notes 2023-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    const text = ['# Awesome', '', '## Blogs', '', ...entries, ''].join('\n');
    const error = await rejection(runInWorker({ kind: 'pr-analysis', input: input(text) }, { timeMs: 60_000, memoryMb: 16 }));
    expect(error).toBeInstanceOf(TooComplexError);
    expect(error).toMatchObject({ limit: 'memory', message: 'too large to check within 16 MB of memory' });
  }, 70_000);
});

describe('the worker\'s other tasks: /sort and /fix, and the link report', () => {
  const UNSORTED = ['# Awesome', '', '## Blogs', '', '- [B](http://127.0.0.61/b) | Lab 2023-02-01', '- [A](http://127.0.0.61/a) | Lab 2023-01-01', ''].join('\n');
  const budget: WorkerBudget = { timeMs: 20_000, memoryMb: 256 };

  it('sorts a list (BOM noted for writing back) and collects a list\'s links, as the in-process functions do', async () => {
    const changes = await runInWorker(
      { kind: 'list-changes', input: { lists: [{ path: 'README.md', text: `\uFEFF${UNSORTED}` }], kind: 'sort', config: defaultConfig(), today: '2026-01-01' } },
      budget,
    );
    expect(changes.output.changed).toEqual([expect.objectContaining({ path: 'README.md', bom: true, what: ['1 list sorted'] })]);
    expect(changes.output.changed[0].newText.indexOf('/a)')).toBeLessThan(changes.output.changed[0].newText.indexOf('/b)'));
    const targets = await runInWorker({ kind: 'link-targets', input: { lists: [{ path: 'README.md', text: UNSORTED }], exclude: ['/b$'], excludeHosts: [] } }, budget);
    expect(targets.output.map((t) => t.requestUrl)).toEqual(['http://127.0.0.61/a']);
    const archived = await runInWorker(
      { kind: 'archive-changes', input: { lists: [{ path: 'README.md', text: `\uFEFF${UNSORTED}` }], archives: [['127.0.0.61/b', 'https://web.archive.org/web/2023/http://127.0.0.61/b']] } },
      budget,
    );
    expect(archived.output).toEqual([{ path: 'README.md', bom: true, newText: UNSORTED.replace('http://127.0.0.61/b', 'https://web.archive.org/web/2023/http://127.0.0.61/b') }]);
  });

  it.each(['list-changes', 'link-targets', 'archive-changes'] as const)('stops %s on nested brackets with "too complex to check within 0.5 s"', async (kind) => {
    const lists = [{ path: 'README.md', text: `${UNSORTED}${'['.repeat(30_000)}${']'.repeat(30_000)}\n` }];
    const tasks: Record<typeof kind, WorkerTask> = {
      'list-changes': { kind: 'list-changes', input: { lists, kind: 'sort', config: defaultConfig(), today: '2026-01-01' } },
      'link-targets': { kind: 'link-targets', input: { lists, exclude: [], excludeHosts: [] } },
      'archive-changes': { kind: 'archive-changes', input: { lists, archives: [] } },
    };
    const task = tasks[kind];
    const error = await rejection(runInWorker(task, { timeMs: 500, memoryMb: 256 }));
    expect(error).toMatchObject({ name: 'TooComplexError', limit: 'time', message: 'too complex to check within 0.5 s' });
  });
});

describe('LISTKEEPER_PARSE_BUDGET_MS and LISTKEEPER_PARSE_MEMORY_MB', () => {
  it('default to 20 s and 512 MB, and take whole numbers', () => {
    expect(budgetFromEnv({})).toEqual({ timeMs: 20_000, memoryMb: 512 });
    expect(budgetFromEnv({ LISTKEEPER_PARSE_BUDGET_MS: '1500', LISTKEEPER_PARSE_MEMORY_MB: ' 256 ' })).toEqual({ timeMs: 1500, memoryMb: 256 });
  });

  it('refuse anything else with the variable named, so the server does not start with a setting it ignores', () => {
    expect(() => budgetFromEnv({ LISTKEEPER_PARSE_BUDGET_MS: '20s' })).toThrow('LISTKEEPER_PARSE_BUDGET_MS must be a positive whole number, not "20s"');
    expect(() => budgetFromEnv({ LISTKEEPER_PARSE_MEMORY_MB: '0' })).toThrow('LISTKEEPER_PARSE_MEMORY_MB must be a positive whole number, not "0"');
  });
});
