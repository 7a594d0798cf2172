/**
 * The CPU part of the dead-link report, as one pure function of plain data:
 * parse the default branch's list files and collect their link targets.
 * Input and output survive `structuredClone`, so the App runs it in a worker
 * thread with a time budget (src/app/core-worker.ts); the Action in-process.
 */
import { parseList } from '../../core/parse.js';
import { collectLinkTargets } from '../../links/collect.js';
import type { LinkTarget } from '../../links/types.js';
import type { ListSource } from '../pr-check/pr-analysis.js';

export interface LinkTargetsInput {
  lists: ListSource[];
  /** `collectOptionsFromConfig(config.links)`: plain strings, no functions. */
  exclude: readonly string[];
  excludeHosts: readonly string[];
}

/** Runs the collection somewhere: in-process, or in a worker with a budget. May reject (budget spent). */
export type LinkTargetCollector = (input: LinkTargetsInput) => Promise<LinkTarget[]>;

export function collectListLinkTargets(input: LinkTargetsInput): LinkTarget[] {
  const docs = input.lists.map((l) => parseList(l.text, l.path));
  return collectLinkTargets(docs, { exclude: input.exclude, excludeHosts: input.excludeHosts });
}

export const collectListLinkTargetsInProcess: LinkTargetCollector = async (input) => collectListLinkTargets(input);
