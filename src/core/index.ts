export * from './types.js';
export * from './config/config-types.js';
export { parseList, modelFromTree, parseMarkdown } from './parse.js';
export { pointAt, buildLineStarts } from './position.js';
export { parseDate, today } from './date.js';
export { normalizeUrl, requestUrl, withScheme, arxivId } from './url.js';
export { lintDocuments, ALL_RULES, type LintOptions } from './lint.js';
export { loadConfig, parseDuration, type LoadConfigResult } from './config/config.js';
export { CONFIG_SCHEMA } from './config/config-schema.js';
export { defineRule } from './define-rule.js';
export type { ListRule, RuleContext, RuleMessage } from './rule.js';
export { applyEdits, type AppliedEdits } from './edits.js';
export {
  sortDocument,
  findUnsorted,
  findUnmovable,
  findOutOfOrder,
  planList,
  itemDate,
  withBom,
  describeList,
  describeItem,
  type SortResult,
  type UnsortedList,
  type UnmovableList,
} from './sort/sort.js';
export { fixDocument, type FixResult } from './fix.js';
export { decodeListFile, MAX_LIST_BYTES, MAX_LIST_NESTING, type DecodeResult, type DecodeOptions } from './decode.js';
export { parseLineSpec, addedLinesFromDiff, changedLinesFor, filterFindingsToLines, type ChangedLines } from './changed-lines.js';
export { formatText, formatJson, formatSarif, summaryLine, RULE_DESCRIPTIONS, type ReportFormat } from './format.js';
export {
  compareEntryWithPage,
  entryFactsOf,
  entryFactsOfDocuments,
  sameTitle,
  sameSource,
  ENTRY_METADATA_RULE_ID,
  type EntryFacts,
  type PageClaims,
} from './entry-metadata.js';
