/** The machine-readable report, in the documented shape (version 1). */
import { entryMetadataJson, type EntryMetadataJson, type ReportExtras } from './report-extras.js';
import type { SameArticle } from './same-article.js';
import type { LinkCheckRun } from './types.js';

export interface JsonReport {
  version: 1;
  checkedAt: string;
  results: Array<{
    /** The URL as written, at its first occurrence: what a reader searches the list for. */
    url: string;
    /** The normalized form (`example.org/a`, no scheme) that groups its written forms; the cache and history key. */
    key: string;
    occurrences: Array<{ file: string; line: number; url: string }>;
    verdict: string;
    status: number | null;
    reason: string;
    finalUrl: string | null;
    archiveUrl: string | null;
    failedRuns: number;
    failingSince: string | null;
    /** Dead for at least `threshold` runs in a row: what the Markdown report and the exit code count. */
    reportable: boolean;
  }>;
  stats: { requests: number; hosts: number; durationMs: number; byVerdict: Record<string, number> };
  /** Listings of an article listed earlier under another address; only when there are some. */
  sameArticle?: SameArticle[];
  /** `entry-metadata` messages; only when pages were read (`--metadata`). */
  entryMetadata?: EntryMetadataJson[];
}

export function jsonReport(run: LinkCheckRun, extras: ReportExtras = {}): JsonReport {
  return {
    version: 1,
    checkedAt: run.checkedAt,
    results: run.results.map((result) => ({
      url: result.occurrences[0]?.url ?? result.requestUrl,
      key: result.url,
      occurrences: result.occurrences.map(({ file, line, url }) => ({ file, line, url })),
      verdict: result.verdict,
      status: result.status,
      reason: result.reason,
      finalUrl: result.finalUrl,
      archiveUrl: result.archiveUrl,
      failedRuns: result.failedRuns,
      failingSince: result.failingSince,
      reportable: result.reportable,
    })),
    stats: {
      requests: run.stats.requests,
      hosts: run.stats.hosts,
      durationMs: run.stats.durationMs,
      byVerdict: { ...run.stats.byVerdict },
    },
    ...(extras.sameArticle && extras.sameArticle.length > 0 ? { sameArticle: extras.sameArticle.map((s) => ({ ...s, first: { ...s.first } })) } : {}),
    ...(extras.entryMetadata ? { entryMetadata: extras.entryMetadata.map(entryMetadataJson) } : {}),
  };
}

export function renderJsonReport(run: LinkCheckRun, extras: ReportExtras = {}): string {
  return `${JSON.stringify(jsonReport(run, extras), null, 2)}\n`;
}
