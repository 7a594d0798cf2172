/**
 * The CPU part of the pull-request check, as one pure function of plain
 * data: parse the lists, lint them, find the sort hints, the review
 * suggestions and the links the PR adds. Its input and output survive
 * `structuredClone`, so the App can run it in a worker thread with a time
 * budget (src/app/core-worker.ts) while its event loop keeps answering; the
 * Action runs it in-process (`analyzePrInProcess`), one job per runner.
 */
import { filterFindingsToLines } from '../../core/changed-lines.js';
import type { ListkeeperConfig } from '../../core/config/config-types.js';
import { entryFactsOfDocuments, type EntryFacts } from '../../core/entry-metadata.js';
import { lintDocuments } from '../../core/lint.js';
import { normalizeUrl } from '../../core/url.js';
import { parseList } from '../../core/parse.js';
import type { Finding } from '../../core/types.js';
import type { LinkTarget } from '../../links/types.js';
import { addedLinkTargets } from './added-links.js';
import type { SortHint } from './pr-report.js';
import { sortHints } from './sort-hints.js';
import { suggestionsFromFindings, type Suggestion } from './suggestions.js';

export interface ListSource {
  path: string;
  /** Decoded text, BOM included when the file has one. */
  text: string;
}

export interface PrAnalysisInput {
  /** The list files the PR changes. */
  changed: ListSource[];
  /** The other list files at the head commit: duplicates are judged against them too. */
  others: ListSource[];
  /** 1-based added lines per changed path. */
  added: Map<string, Set<number>>;
  /** Changed paths whose diff GitHub shows (review suggestions can go there). */
  diffPaths: string[];
  config: ListkeeperConfig;
  /** `YYYY-MM-DD`. */
  today: string;
}

export interface PrAnalysis {
  /** Lint messages on added lines (sort order is in `unsorted`). */
  findings: Finding[];
  unsorted: SortHint[];
  suggestions: Suggestion[];
  /** Links on added lines, to check. */
  linkTargets: LinkTarget[];
  /** Blog entries on added lines whose links are checked: compared with their pages (`entry-metadata`) once those are read. */
  metadataEntries: EntryFacts[];
}

/** Runs the analysis somewhere: in-process, or in a worker with a budget. May reject (budget spent). */
export type PrAnalyzer = (input: PrAnalysisInput) => Promise<PrAnalysis>;

export function analyzePr(input: PrAnalysisInput): PrAnalysis {
  const { added, config } = input;
  const docs = input.changed.map((l) => parseList(l.text, l.path));
  const others = input.others.map((l) => parseList(l.text, l.path));
  // Duplicates are judged against whole files, the untouched lists too; only messages on added lines are kept.
  const linted = lintDocuments([...docs, ...others], config, {
    today: input.today,
    changedLines: (path) => added.get(path),
  });
  const findings = filterFindingsToLines(
    linted.filter((f) => f.ruleId !== 'sort-order'),
    (path) => added.get(path) ?? new Set<number>(),
  );
  const diffPaths = new Set(input.diffPaths);
  const suggestions = docs
    .filter((doc) => diffPaths.has(doc.path))
    .flatMap((doc) => suggestionsFromFindings(doc, findings, added.get(doc.path) ?? new Set()));
  const linkTargets = addedLinkTargets(docs, added, config);
  const checked = new Set(linkTargets.map((t) => t.url));
  return {
    findings,
    unsorted: sortHints(docs, added, config),
    suggestions,
    linkTargets,
    metadataEntries: entryFactsOfDocuments(docs, config, (path) => added.get(path)).filter((f) => checked.has(normalizeUrl(f.url) ?? '')),
  };
}

export const analyzePrInProcess: PrAnalyzer = async (input) => analyzePr(input);
