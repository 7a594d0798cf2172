/**
 * The App's CPU work on repository content, off its event loop. Parsing a
 * list is linear for real lists but not for pathological Markdown (`[` ×
 * 50,000 then `]` × 50,000 takes seconds per thousand brackets), and the App
 * serves every installation from one process: on the main thread such a file
 * would stall webhooks and health checks. So the PR analysis runs in a
 * `worker_threads` worker with a time budget and a heap limit; when the
 * budget is spent the worker is terminated and the job gets `TooComplexError`.
 *
 * The worker runs compiled JS: `core-worker-entry.js` next to this module in
 * lib/ (what `npm start` runs). Under tsx or vitest this module is the .ts
 * source and there is no .js beside it; then the worker loads the .ts entry
 * through tsx's loader (a devDependency, present wherever the sources run).
 * The Action never imports this module (one job per runner, no one to stall).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TooComplexError, type WorkerBudget } from '../github/core-budget.js';
import type { ListChanger, ListChanges, ListChangesInput } from '../github/commands/list-changes.js';
import type { PrAnalysis, PrAnalysisInput, PrAnalyzer } from '../github/pr-check/pr-analysis.js';
import type { LinkTargetCollector, LinkTargetsInput } from '../github/report/report-targets.js';
import type { ArchiveChanger, ArchiveChangesInput, ArchiveFileChange } from '../github/upkeep/archive-fixup.js';
import type { AddListsInput, AddListsPlan, AddPlanner } from '../github/commands/add/plan-lists.js';
import type { LinkTarget } from '../links/types.js';

export { TooComplexError, type WorkerBudget } from '../github/core-budget.js';

/** Default time for one job's parsing and linting (module loading not counted): a 4 MB real list takes a few seconds. */
export const DEFAULT_PARSE_BUDGET_MS = 20_000;
/** Default heap of the worker: a 9 MB list needs about 650 MB; 4 MB (the PR limit) far less. */
export const DEFAULT_PARSE_MEMORY_MB = 512;

/** The work a worker can do; the entry dispatches on `kind`. */
export type WorkerTask =
  | { kind: 'pr-analysis'; input: PrAnalysisInput }
  | { kind: 'list-changes'; input: ListChangesInput }
  | { kind: 'link-targets'; input: LinkTargetsInput }
  | { kind: 'archive-changes'; input: ArchiveChangesInput }
  | { kind: 'add-plan'; input: AddListsInput };

export type WorkerAnswer =
  | { kind: 'pr-analysis'; output: PrAnalysis }
  | { kind: 'list-changes'; output: ListChanges }
  | { kind: 'link-targets'; output: LinkTarget[] }
  | { kind: 'archive-changes'; output: ArchiveFileChange[] }
  | { kind: 'add-plan'; output: AddListsPlan };

/** The answer of the task's own kind. */
export type AnswerTo<T extends WorkerTask> = Extract<WorkerAnswer, { kind: T['kind'] }>;

/**
 * The compiled entry beside this module; from src/ (vitest, tsx), a one-line
 * bootstrap that registers tsx's ESM loader in the worker, then imports the
 * .ts entry. (`execArgv: ['--import', 'tsx']` does not reach a worker's entry
 * on Node 20, and tsx's CommonJS API cannot register from a data: URL, so
 * the ESM API is taken from tsx's own `exports`.)
 */
function workerEntry(): URL {
  const js = new URL('./core-worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  const ts = new URL('./core-worker-entry.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsxEsmApi())}; register(); await import(${JSON.stringify(ts)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return new URL(exports['./esm/api'].import.default, pathToFileURL(manifest)).href;
}

/**
 * How long a worker may take to load its modules before the budget starts.
 * The budget is for the work, not for module loading, which depends on the
 * machine's load and never on the list; this only catches a worker that hangs.
 */
export const WORKER_START_TIMEOUT_MS = 60_000;

/** What the worker posts: `ready` once its modules are loaded, then the answer. */
export type WorkerMessage = { type: 'ready' } | { type: 'answer'; answer: WorkerAnswer };

/**
 * Runs `task` in a new worker; rejects with `TooComplexError` when the
 * budget (counted from the worker's `ready`) is spent, and terminates it.
 */
export function runInWorker<T extends WorkerTask>(task: T, budget: WorkerBudget): Promise<AnswerTo<T>> {
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: task,
      resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb },
    });
    let settled = false;
    let timer: NodeJS.Timeout;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
      void worker.terminate();
    };
    const stopAfter = (ms: number, error: () => Error): void => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(() => reject(error())), ms);
    };
    stopAfter(WORKER_START_TIMEOUT_MS, () => new Error(`the parsing worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`));
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') stopAfter(budget.timeMs, () => new TooComplexError('time', budget));
      // The entry answers each task with its own kind (core-worker-entry.ts).
      else settle(() => resolve(message.answer as AnswerTo<T>));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new TooComplexError('memory', budget) : error));
    });
    worker.once('exit', (code) => {
      settle(() => reject(new Error(`the parsing worker stopped (exit code ${code}) without an answer`)));
    });
  });
}

/**
 * At most `limit` holders at a time; the others wait in arrival order.
 * Workers of different repositories' jobs would otherwise each take a core
 * and `memoryMb`, however many webhooks arrive at once.
 */
export class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#free = Math.max(1, limit);
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    };
  }
}

/** The CPU steps the workflows take as options, each run in a worker. */
export interface WorkerCoreSteps {
  /** `runPrCheck`'s `analyze`. */
  analyze: PrAnalyzer;
  /** `runCommand`'s `changeLists` (`/sort`, `/fix`). */
  changeLists: ListChanger;
  /** `runReport`'s `collectTargets` (the link report, `/check-links`). */
  collectTargets: LinkTargetCollector;
  /** `runReport`'s `archiveChanges` (the archive fix-up; the App does not offer it today, see archive-fixup.ts). */
  archiveChanges: ArchiveChanger;
  /** `/add`'s `planAdd` (and the labelled suggestion's). */
  planAdd: AddPlanner;
}

/**
 * The workflows' CPU steps in workers, sharing `concurrency` slots (default:
 * one core left to the event loop); waiting for a slot does not count
 * against the budget.
 */
export function workerCoreSteps(budget: WorkerBudget, concurrency = Math.max(1, availableParallelism() - 1)): WorkerCoreSteps {
  const slots = new Slots(concurrency);
  const run = async <T extends WorkerTask>(task: T): Promise<AnswerTo<T>> => {
    const release = await slots.acquire();
    try {
      return await runInWorker(task, budget);
    } finally {
      release();
    }
  };
  return {
    analyze: async (input) => (await run({ kind: 'pr-analysis' as const, input })).output,
    changeLists: async (input) => (await run({ kind: 'list-changes' as const, input })).output,
    collectTargets: async (input) => (await run({ kind: 'link-targets' as const, input })).output,
    archiveChanges: async (input) => (await run({ kind: 'archive-changes' as const, input })).output,
    planAdd: async (input) => (await run({ kind: 'add-plan' as const, input })).output,
  };
}

/**
 * The budget from `LISTKEEPER_PARSE_BUDGET_MS` and `LISTKEEPER_PARSE_MEMORY_MB`,
 * else the defaults. A value that is not a positive whole number throws (the
 * server does not start with a setting it would ignore).
 */
export function budgetFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerBudget {
  return {
    timeMs: positiveInt(env, 'LISTKEEPER_PARSE_BUDGET_MS', DEFAULT_PARSE_BUDGET_MS),
    memoryMb: positiveInt(env, 'LISTKEEPER_PARSE_MEMORY_MB', DEFAULT_PARSE_MEMORY_MB),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) === 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return Number(raw);
}
