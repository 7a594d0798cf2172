/** Hand-built runs for the pure parts (history, reports). */
import type { LinkCheckRun, LinkResult, Verdict } from '../../src/links/types.js';

export function resultFor(url: string, verdict: Verdict, checkedAt: string, extra: Partial<LinkResult> = {}): LinkResult {
  return {
    url,
    requestUrl: `https://${url}`,
    occurrences: [{ file: 'README.md', line: 3, section: 'Blogs', url: `https://${url}`, title: 'A post' }],
    verdict,
    status: verdict === 'dead' ? 404 : 200,
    reason: verdict === 'dead' ? 'HTTP 404' : 'HTTP 200',
    finalUrl: null,
    notes: [],
    archiveUrl: null,
    requests: 1,
    cached: false,
    failedRuns: 0,
    failingSince: null,
    reportable: false,
    checkedAt,
    ...extra,
  };
}

export function runOf(results: LinkResult[], checkedAt = '2026-11-01T00:00:00.000Z'): LinkCheckRun {
  const byVerdict = { alive: 0, dead: 0, blocked: 0, unknown: 0 };
  for (const r of results) byVerdict[r.verdict]++;
  return {
    version: 1,
    checkedAt,
    results,
    warnings: [],
    offline: false,
    stats: { requests: results.length, hosts: 1, durationMs: 1234, tooManyRequests: 0, byVerdict },
  };
}

export function runWith(verdicts: Record<string, Verdict>, checkedAt: string): LinkCheckRun {
  return runOf(Object.entries(verdicts).map(([url, verdict]) => resultFor(url, verdict, checkedAt)), checkedAt);
}
