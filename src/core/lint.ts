/** Run the lint rules over the documents of one run and collect their findings. */
import type { ListkeeperConfig, RuleId } from './config-types.js';
import { today as todayUtc } from './date.js';
import { pointAt } from './position.js';
import type { ListRule, RuleContext } from './rule.js';
import { dateFormatRule } from './rules/date-format.js';
import { duplicateLinkRule } from './rules/duplicate-link.js';
import { duplicateTitleRule } from './rules/duplicate-title.js';
import { entryFormatRule } from './rules/entry-format.js';
import { futureDateRule } from './rules/future-date.js';
import { listStructureRule } from './rules/list-structure.js';
import { sortOrderRule } from './rules/sort-order.js';
import { urlFormatRule } from './rules/url-format.js';
import { whitespaceRule } from './rules/whitespace.js';
import type { Finding, ListDocument } from './types.js';

/** Every rule, in the order of the rule table. */
export const ALL_RULES: ListRule[] = [
  entryFormatRule,
  dateFormatRule,
  futureDateRule,
  urlFormatRule,
  duplicateLinkRule,
  duplicateTitleRule,
  whitespaceRule,
  listStructureRule,
  sortOrderRule,
];

export interface LintOptions {
  /** `YYYY-MM-DD`; defaults to the UTC date of the run. */
  today?: string;
  /**
   * The lines a change added, per path, when only those will be reported
   * (`--changed-lines`, a PR's diff). Duplicates are still found across whole
   * files, but reported on the added copy even when it comes before the old one.
   */
  changedLines?: (path: string) => ReadonlySet<number> | null | undefined;
}

/**
 * Lint every document with every enabled rule. Rules see all documents, so
 * duplicates are found across files; findings are sorted by path, then position.
 */
export function lintDocuments(docs: ListDocument[], config: ListkeeperConfig, options: LintOptions = {}): Finding[] {
  const today = options.today ?? todayUtc();
  const changed = options.changedLines;
  const isNew = changed ? (doc: ListDocument, line: number): boolean => changed(doc.path)?.has(line) ?? false : undefined;
  const findings: Finding[] = [];
  for (const rule of ALL_RULES) {
    const setting = config.rules[rule.id as RuleId] ?? { severity: rule.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    const ctx: RuleContext = { docs, options: setting.options, today, sort: config.sort, isNew };
    for (const doc of docs) {
      for (const message of rule.check(doc, ctx)) {
        findings.push({
          ruleId: rule.id,
          severity: message.severity === 'warning' ? 'warning' : setting.severity,
          reason: message.reason,
          path: doc.path,
          start: pointAt(doc, message.span.start),
          end: pointAt(doc, message.span.end),
          fix: message.fix ?? null,
        });
      }
    }
  }
  return findings.sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
