/**
 * The worker thread of core-worker.ts: says `ready` once its modules are
 * loaded (the budget starts then), does one task from `workerData` and
 * posts the answer. An exception becomes the worker's `error` event.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeListChanges } from '../github/commands/list-changes.js';
import { analyzePr } from '../github/pr-check/pr-analysis.js';
import { collectListLinkTargets } from '../github/report/report-targets.js';
import { computeArchiveChanges } from '../github/upkeep/archive-fixup.js';
import { planAdditionInLists } from '../github/commands/add/plan-lists.js';
import type { WorkerAnswer, WorkerMessage, WorkerTask } from './core-worker.js';

function run(task: WorkerTask): WorkerAnswer {
  switch (task.kind) {
    case 'pr-analysis':
      return { kind: task.kind, output: analyzePr(task.input) };
    case 'list-changes':
      return { kind: task.kind, output: computeListChanges(task.input) };
    case 'link-targets':
      return { kind: task.kind, output: collectListLinkTargets(task.input) };
    case 'archive-changes':
      return { kind: task.kind, output: computeArchiveChanges(task.input) };
    case 'add-plan':
      return { kind: task.kind, output: planAdditionInLists(task.input) };
  }
}

const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
post({ type: 'ready' });
post({ type: 'answer', answer: run(workerData as WorkerTask) });
