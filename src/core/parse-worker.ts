/**
 * Worker thread for `parseListParallel`: builds the model of one range of
 * chunks and posts it back (structured clone keeps the object graph, cycles
 * included). Only ever loaded from the compiled lib/, next to parse-parallel.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildChunks } from './parse.js';
import { buildLineStarts } from './position.js';

/** What the main thread hands a worker. */
export interface ParseRangeRequest {
  text: string;
  chunks: number[];
  from: number;
  to: number;
}

const request = workerData as ParseRangeRequest;
parentPort?.postMessage(buildChunks(request.text, buildLineStarts(request.text), request.chunks, request.from, request.to));
