/**
 * `parseListParallel`: the same model as `parseList`, with the chunks of a
 * large list built on several threads. remark's parser is the bulk of lint's
 * time, and top-level sections parse independently, so contiguous ranges of
 * chunks are built in worker threads (the main thread builds the first range
 * meanwhile) and the parts are joined in order.
 *
 * Falls back to `parseList` for small inputs, for documents that may hold link
 * reference definitions (document-wide), on one CPU, and where the compiled
 * worker module is not next to this one (vitest running src/*.ts, the Action's
 * single-file bundle). A worker that fails has its range built here instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildChunks, documentOf, parseList, splitIntoChunks, withoutBom, type ModelPart } from './parse.js';
import type { ParseRangeRequest } from './parse-worker.js';
import { buildLineStarts } from './position.js';
import type { ListDocument, Section } from './types.js';

export interface ParallelParseOptions {
  /** Threads to use, the main one included (default: available CPUs, at most 4). */
  threads?: number;
  /**
   * Inputs shorter than this (in UTF-16 code units) are parsed on the main
   * thread (default 600,000, about 6,000 seed-style entries: below that, a
   * worker's start-up and its own cold JIT cost about what it saves).
   */
  minLength?: number;
  /** The worker module (default: parse-worker.js next to this module). */
  workerUrl?: URL;
}

export type ParsePlan =
  | { parallel: true; text: string; bom: boolean; chunks: number[]; ranges: Array<[number, number]> }
  | { parallel: false; reason: string };

export interface ParallelParseResult {
  doc: ListDocument;
  plan: ParsePlan;
  /** Ranges a worker failed on, built on the main thread instead. */
  workerFailures: number;
}

const DEFAULT_MIN_LENGTH = 600_000;
const MAX_THREADS = 4;

/** Parse a list file's text into the list model, on several threads when it is large. */
export async function parseListParallel(input: string, path = '<input>', options: ParallelParseOptions = {}): Promise<ListDocument> {
  return (await parseListWithWorkers(input, path, options)).doc;
}

/** `parseListParallel`, also saying how the work was done. */
export async function parseListWithWorkers(
  input: string,
  path = '<input>',
  options: ParallelParseOptions = {},
): Promise<ParallelParseResult> {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const plan = planParallelParse(input, {
    threads: options.threads ?? Math.min(availableParallelism(), MAX_THREADS),
    minLength: options.minLength ?? DEFAULT_MIN_LENGTH,
    workerAvailable: workerUrl !== null && existsSync(fileURLToPath(workerUrl)),
  });
  if (!plan.parallel || workerUrl === null) return { doc: parseList(input, path), plan, workerFailures: 0 };
  const { text, bom, chunks, ranges } = plan;
  const lineStarts = buildLineStarts(text);
  // Workers start (and load the parser) while this thread builds the first range.
  const pending = ranges.slice(1).map(([from, to]) => runWorker(workerUrl, { text, chunks, from, to }));
  const first = buildChunks(text, lineStarts, chunks, ranges[0][0], ranges[0][1]);
  const results = await Promise.all(pending);
  let workerFailures = 0;
  const parts = [first];
  results.forEach((result, i) => {
    if (result !== null) parts.push(result);
    else {
      workerFailures++;
      parts.push(buildChunks(text, lineStarts, chunks, ranges[i + 1][0], ranges[i + 1][1]));
    }
  });
  return { doc: documentOf(path, text, bom, lineStarts, joinParts(parts)), plan, workerFailures };
}

/** Whether and how to split the work: contiguous ranges of chunks of about equal length. */
export function planParallelParse(
  input: string,
  options: { threads: number; minLength: number; workerAvailable: boolean },
): ParsePlan {
  const { text, bom } = withoutBom(input);
  if (options.threads < 2) return { parallel: false, reason: 'one thread' };
  if (text.length < options.minLength) return { parallel: false, reason: 'small input' };
  if (mayHaveDefinitions(text)) return { parallel: false, reason: 'link reference definitions' };
  if (!options.workerAvailable) return { parallel: false, reason: 'no worker module' };
  const chunks = splitIntoChunks(text);
  const count = Math.min(options.threads, chunks.length);
  if (count < 2) return { parallel: false, reason: 'one chunk' };
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (let r = 1; r < count; r++) {
    // The range ends at the first chunk starting at or after its share of the text.
    const target = (text.length * r) / count;
    let to = from + 1;
    while (to < chunks.length - (count - r) && chunks[to] < target) to++;
    ranges.push([from, to]);
    from = to;
  }
  ranges.push([from, chunks.length]);
  return { parallel: true, text, bom, chunks, ranges };
}

/**
 * Definitions are document-wide; such documents are parsed whole. Broader than
 * parseList's own test, so definitions nested in lists or quotes count too.
 */
function mayHaveDefinitions(text: string): boolean {
  return /\[[^\]\n]*\]:/.test(text);
}

/**
 * Join parts built from consecutive ranges: items re-indexed in document
 * order. Lists before a part's first heading belong to the section open at
 * the end of the parts before it (ranges start at headings, so this is only
 * for ranges cut elsewhere).
 */
export function joinParts(parts: ModelPart[]): ModelPart {
  const joined: ModelPart = { sections: [], lists: [], allLists: [], items: [] };
  let open: Section | null = null;
  for (const part of parts) {
    if (open !== null) {
      for (const list of part.allLists) if (list.section === null) list.section = open;
      for (const list of part.lists) if (list.section === open) open.lists.push(list);
    }
    for (const item of part.items) {
      item.index = joined.items.length;
      joined.items.push(item);
    }
    joined.sections.push(...part.sections);
    joined.lists.push(...part.lists);
    joined.allLists.push(...part.allLists);
    open = part.sections[part.sections.length - 1] ?? open;
  }
  return joined;
}

function defaultWorkerUrl(): URL | null {
  try {
    return new URL('./parse-worker.js', import.meta.url);
  } catch {
    // A bundle without a module URL: no worker file to load.
    return null;
  }
}

/** Build one range in a worker; null when the worker fails, so the caller builds it itself. */
function runWorker(url: URL, request: ParseRangeRequest): Promise<ModelPart | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (part: ModelPart | null): void => {
      if (settled) return;
      settled = true;
      resolve(part);
      // A short-lived CLI must not wait for the thread to wind down.
      void worker.terminate();
    };
    const worker = new Worker(url, { workerData: request });
    worker.once('message', (part: ModelPart) => settle(part));
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
}

/** Parse several files one after another (each may use every thread; together they would oversubscribe). */
export async function parseListsParallel(files: Array<{ text: string; path: string }>, options: ParallelParseOptions = {}): Promise<ListDocument[]> {
  const docs: ListDocument[] = [];
  for (const file of files) docs.push(await parseListParallel(file.text, file.path, options));
  return docs;
}
