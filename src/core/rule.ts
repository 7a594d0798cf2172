import type { RuleId, SortConfig } from './config/config-types.js';
import type { ListDocument, Severity, Span, TextEdit } from './types.js';

/** What a rule sees: the document it reports on, and every document of the run (for duplicates). */
export interface RuleContext {
  /** All documents of this run, in the order given; `doc` is one of them. */
  docs: ListDocument[];
  /** The rule's options from the config. */
  options: Record<string, unknown>;
  /** Today, `YYYY-MM-DD` (injected so tests do not depend on the clock). */
  today: string;
  sort: SortConfig;
  /**
   * Lines a change added (`--changed-lines`, a PR's diff), when known. The
   * duplicate rules then keep an old occurrence and report the new one, even
   * when the new one comes first in the file.
   */
  isNew?: (doc: ListDocument, line: number) => boolean;
}

export interface RuleMessage {
  reason: string;
  span: Span;
  /**
   * The unambiguous fix, when there is one. It replaces exactly `span`, so an
   * editor's quick fix (which replaces the message's range) does what `--fix` does.
   */
  fix?: TextEdit;
  /**
   * `warning` for a message milder than its rule (a likely but not certain
   * problem). A rule configured as `warning` never reports above it.
   */
  severity?: 'warning';
}

/** One lint rule over the list model; `defineRule` turns it into a remark-lint rule too. */
export interface ListRule {
  id: RuleId;
  defaultSeverity: Severity;
  /** Where the rule is documented (the README section). */
  url: string;
  check(doc: ListDocument, ctx: RuleContext): RuleMessage[];
}
