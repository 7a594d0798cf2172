/**
 * The budget of the CPU work on repository content (parsing, linting,
 * sorting, collecting links), and the error when it is spent. The App runs
 * that work in a worker thread with this budget (src/app/core-worker.ts);
 * the workflows here only know the error, so that a PR check, a `/sort` and
 * a link report each say "too complex to check within 20 s" their own way.
 */

export interface WorkerBudget {
  /** Wall time from the worker's `ready` (its modules loaded) to its answer. */
  timeMs: number;
  /** `resourceLimits.maxOldGenerationSizeMb` of the worker. */
  memoryMb: number;
}

/** The budget was spent: the content is too large or too complex to check here. */
export class TooComplexError extends Error {
  constructor(
    readonly limit: 'time' | 'memory',
    readonly budget: WorkerBudget,
  ) {
    super(
      limit === 'time'
        ? `too complex to check within ${formatSeconds(budget.timeMs)}`
        : `too large to check within ${budget.memoryMb} MB of memory`,
    );
    this.name = 'TooComplexError';
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** What a person can do about it, after the message (the same words in every reply). */
export const TOO_COMPLEX_ADVICE =
  'Real lists take well under a second: look for a very long line, deeply nested brackets or a pasted file. ' +
  'The server sets these limits with `LISTKEEPER_PARSE_BUDGET_MS` and `LISTKEEPER_PARSE_MEMORY_MB`.';
