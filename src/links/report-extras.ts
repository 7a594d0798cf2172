/**
 * What a link run finds beyond verdicts, for the reports: the same article
 * listed twice (same-article.ts) and, when pages were read, entries that
 * differ from their pages (`entry-metadata`, src/core/entry-metadata.ts).
 */
import type { Finding } from '../core/types.js';
import type { SameArticle } from './same-article.js';

export interface ReportExtras {
  /** Every listing of an article after its first. */
  sameArticle?: readonly SameArticle[];
  /** `entry-metadata` messages; absent when no page was read (JSON then has no `entryMetadata` key). */
  entryMetadata?: readonly Finding[];
}

/** The text a fix replaces, and what it writes, as `lint --format json` shows them. */
export interface EntryMetadataJson {
  file: string;
  line: number;
  column: number;
  severity: string;
  reason: string;
  ruleId: string;
  expected: string | null;
}

export function entryMetadataJson(finding: Finding): EntryMetadataJson {
  return {
    file: finding.path,
    line: finding.start.line,
    column: finding.start.column,
    severity: finding.severity,
    reason: finding.reason,
    ruleId: finding.ruleId,
    expected: finding.fix?.text ?? null,
  };
}
