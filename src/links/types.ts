/**
 * Types shared by the link checker's modules. The library knows nothing of
 * the CLI: every input is an option, every output a plain serializable object.
 */

/** What one URL turned out to be. `blocked` and `unknown` are never reported as dead. */
export type Verdict = 'alive' | 'dead' | 'blocked' | 'unknown';

/** One place where the list links to a URL. */
export interface LinkOccurrence {
  file: string;
  /** 1-based line of the link. */
  line: number;
  /** Title of the nearest heading above the link, or null before the first heading. */
  section: string | null;
  /** The URL exactly as written on that line. */
  url: string;
  /** The link's text, `[title](url)`. */
  title: string;
}

/** One distinct URL to check, with every place it occurs. */
export interface LinkTarget {
  /** `normalizeUrl` of the URL: the key for dedup, cache and history. */
  url: string;
  /**
   * The URL that is requested (the first occurrence's, with `https://` added when it has no scheme).
   * When it is dead, the occurrences' other written forms are requested too before a verdict.
   */
  requestUrl: string;
  host: string;
  occurrences: LinkOccurrence[];
}

/** The result for one target. */
export interface LinkResult {
  url: string;
  /** The written form whose answer gave the verdict: the target's first, or another one that works. */
  requestUrl: string;
  occurrences: LinkOccurrence[];
  verdict: Verdict;
  /** Last HTTP status seen (after redirects), null when no response came. */
  status: number | null;
  /** Why the verdict, in words: `HTTP 404`, `connection refused`, `WeChat: article deleted`. */
  reason: string;
  /** Where a permanent redirect (301/308) or a renamed GitHub repo leads; a fix a bot can apply. */
  finalUrl: string | null;
  /** Notes that are not verdicts: permanent redirect, archived repository, a written form that fails where another works. */
  notes: string[];
  /** Newest Wayback Machine snapshot, with `suggestArchive`, for dead links. */
  archiveUrl: string | null;
  /** Requests sent for this URL in this run (0 when reused from the cache). */
  requests: number;
  /** True when the verdict was reused from the cache without a request. */
  cached: boolean;
  /** Consecutive failing runs including this one; filled by `applyHistory` (0 before). */
  failedRuns: number;
  /** ISO time of the first failing run of the current streak; filled by `applyHistory`. */
  failingSince: string | null;
  /** Dead for at least `threshold` runs in a row; filled by `applyHistory`. */
  reportable: boolean;
  /** ISO time of the check (or of the cached check). */
  checkedAt: string;
  /**
   * The article the page itself names (`wechat:<biz>/<mid>/<idx>`), read from the body the
   * check downloaded anyway, so a short address and the long one are known as one article
   * without reading pages; kept in the cache. Only for alive WeChat pages; null or absent otherwise.
   */
  identity?: string | null;
}

export interface LinkCheckStats {
  requests: number;
  hosts: number;
  durationMs: number;
  byVerdict: Record<Verdict, number>;
  /** 429 answers received (a polite checker provokes none). */
  tooManyRequests: number;
}

export interface LinkCheckRun {
  version: 1;
  checkedAt: string;
  results: LinkResult[];
  stats: LinkCheckStats;
  /** True when most hosts failed at the network level: those URLs are `unknown`, nothing is called dead for it. */
  offline: boolean;
  warnings: string[];
}

/** A user rule from the config (`links.rules`), checked before the built-in site rules. */
export interface LinkRule {
  /** Host globs (`*.example.org`); empty = every host. */
  hosts: string[];
  /** Statuses the rule applies to; empty = any. */
  status: number[];
  /** Regex the body must match; null = no body condition. */
  body: string | null;
  verdict: 'dead' | 'blocked' | 'alive';
}

/** Progress callback payload, for a progress bar. */
export interface LinkProgress {
  done: number;
  total: number;
  dead: number;
  host: string;
}
