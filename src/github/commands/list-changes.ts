/**
 * The CPU part of `/sort` and `/fix`, as one pure function of plain data:
 * parse the PR's list files and compute each one's new text. Input and
 * output survive `structuredClone`, so the App runs it in a worker thread
 * with a time budget (src/app/core-worker.ts), like the PR check's
 * analysis; the Action runs it in-process.
 */
import type { ListkeeperConfig } from '../../core/config/config-types.js';
import { hasDatedList } from '../../core/dated-lists.js';
import { parseList } from '../../core/parse.js';
import { computeChange, type ChangeKind } from './compute-change.js';
import type { ListSource } from '../pr-check/pr-analysis.js';
import type { UnmovableNote } from '../unmovable-lists.js';

export interface ListChangesInput {
  lists: ListSource[];
  kind: ChangeKind;
  config: ListkeeperConfig;
  /** `YYYY-MM-DD`. */
  today: string;
}

export interface ListFileChange {
  path: string;
  /** The file had a BOM (kept when writing back). */
  bom: boolean;
  /** Text before and after, without the BOM. */
  oldText: string;
  newText: string;
  /** `2 lists sorted`, `3 fixes applied`. */
  what: string[];
}

export interface ListChanges {
  /** Only the files whose text changes, in input order. */
  changed: ListFileChange[];
  /** Lists out of date order that sorting left as they are. */
  unmovable: UnmovableNote[];
  /** Some file has a list of dated entries (else "sorted by date" would be no answer to `/sort`). */
  dated: boolean;
}

/** Runs the change somewhere: in-process, or in a worker with a budget. May reject (budget spent). */
export type ListChanger = (input: ListChangesInput) => Promise<ListChanges>;

export function computeListChanges(input: ListChangesInput): ListChanges {
  const result: ListChanges = { changed: [], unmovable: [], dated: false };
  for (const source of input.lists) {
    const doc = parseList(source.text, source.path);
    result.dated ||= hasDatedList(doc);
    const change = computeChange(doc, input.kind, input.config, input.today);
    result.unmovable.push(...change.unmovable);
    if (change.text !== doc.text) {
      result.changed.push({ path: doc.path, bom: doc.bom, oldText: doc.text, newText: change.text, what: change.what });
    }
  }
  return result;
}

export const computeListChangesInProcess: ListChanger = async (input) => computeListChanges(input);
