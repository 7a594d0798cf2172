/** The machine-readable report, in the documented shape (version 1). */
import type { LinkCheckRun } from './types.js';

export interface JsonReport {
  version: 1;
  checkedAt: string;
  results: Array<{
    url: string;
    occurrences: Array<{ file: string; line: number; url: string }>;
    verdict: string;
    status: number | null;
    reason: string;
    finalUrl: string | null;
    archiveUrl: string | null;
    failedRuns: number;
    failingSince: string | null;
  }>;
  stats: { requests: number; hosts: number; durationMs: number; byVerdict: Record<string, number> };
}

export function jsonReport(run: LinkCheckRun): JsonReport {
  return {
    version: 1,
    checkedAt: run.checkedAt,
    results: run.results.map((result) => ({
      url: result.url,
      occurrences: result.occurrences.map(({ file, line, url }) => ({ file, line, url })),
      verdict: result.verdict,
      status: result.status,
      reason: result.reason,
      finalUrl: result.finalUrl,
      archiveUrl: result.archiveUrl,
      failedRuns: result.failedRuns,
      failingSince: result.failingSince,
    })),
    stats: {
      requests: run.stats.requests,
      hosts: run.stats.hosts,
      durationMs: run.stats.durationMs,
      byVerdict: { ...run.stats.byVerdict },
    },
  };
}

export function renderJsonReport(run: LinkCheckRun): string {
  return `${JSON.stringify(jsonReport(run), null, 2)}\n`;
}
