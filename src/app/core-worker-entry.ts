/**
 * The worker thread of core-worker.ts: does one task from `workerData` and
 * posts the answer. An exception becomes the worker's `error` event.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzePr } from '../github/pr-analysis.js';
import type { WorkerAnswer, WorkerTask } from './core-worker.js';

function run(task: WorkerTask): WorkerAnswer {
  return { kind: 'pr-analysis', output: analyzePr(task.input) };
}

parentPort?.postMessage(run(workerData as WorkerTask));
