/** Run the lint rules over the documents of one run and collect their findings. */
import { NETWORK_RULE_IDS, type ListkeeperConfig, type RuleId } from './config/config-types.js';
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
import { CONTROL_RULE_ID, controlCommentsOf, suppressionsOf, type Suppressions } from './suppress.js';
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
 * Findings silenced by `<!-- lint disable|enable|ignore -->` comments (see
 * suppress.ts) are dropped here, so no front end reports or fixes them.
 */
export function lintDocuments(docs: ListDocument[], config: ListkeeperConfig, options: LintOptions = {}): Finding[] {
  const today = options.today ?? todayUtc();
  const changed = options.changedLines;
  const isNew = changed ? (doc: ListDocument, line: number): boolean => changed(doc.path)?.has(line) ?? false : undefined;
  const findings: Finding[] = [];
  const suppressions = new Map(docs.map((doc) => [doc, suppressionsOfDocument(doc)]));
  for (const [doc, { problems }] of suppressions) {
    for (const problem of problems) findings.push(controlFinding(doc, problem.reason, problem.span));
  }
  for (const rule of ALL_RULES) {
    const setting = config.rules[rule.id as RuleId] ?? { severity: rule.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    const ctx: RuleContext = { docs, options: setting.options, today, sort: config.sort, isNew };
    for (const doc of docs) {
      const silenced = suppressions.get(doc);
      for (const message of rule.check(doc, ctx)) {
        if (silenced?.isSuppressed(rule.id, message.span.start)) continue;
        findings.push({
          ruleId: rule.id,
          // A message may be milder than its rule, never harsher.
          severity: message.severity ?? setting.severity,
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

/** What a document's marker comments silence (nothing, cheaply, when it has none). */
export function suppressionsOfDocument(doc: ListDocument): Suppressions {
  return suppressionsOf(
    controlCommentsOf(doc.text),
    // `entry-metadata` runs elsewhere (pages are read there) but is silenced by the same comments.
    [...ALL_RULES.map((rule) => rule.id), ...NETWORK_RULE_IDS],
  );
}

/** A marker comment that is not understood: a warning at the comment, never silenced or configured away. */
function controlFinding(doc: ListDocument, reason: string, span: { start: number; end: number }): Finding {
  return { ruleId: CONTROL_RULE_ID, severity: 'warning', reason, path: doc.path, start: pointAt(doc, span.start), end: pointAt(doc, span.end), fix: null };
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
