/**
 * listkeeper's link checker: polite, retrying, content-aware dead-link
 * detection with a cache and a failure history. The library knows nothing of
 * the CLI; front ends (CLI, Action, App) compose these pieces.
 *
 * Public API (all exported from `listkeeper/links`):
 *
 *   collectLinkTargets(docs: ListDocument[], options?: CollectOptions): LinkTarget[]
 *     One target per distinct normalizeUrl(); each occurrence keeps file, line,
 *     section title and the URL as written (links without a scheme get https://).
 *     Options: exclude (URL regexes), excludeHosts (globs), and for changed-lines
 *     mode lines (Map<path, Set<line>>) or linesOf(path) → Set<line>.
 *
 *   checkLinks(targets: LinkTarget[], options?: CheckLinksOptions): Promise<LinkCheckRun>
 *     Options (all optional): timeout, retries, concurrency, hostConcurrency,
 *     interval, hosts (per-host overrides), headers, acceptStatus, rules,
 *     backoffBaseMs, retryAfterCapMs, maxBodyBytes, cache (LinkCache: fresh alive
 *     results are reused, no request), maxAge, now, githubToken, githubApiUrl,
 *     suggestArchive, waybackApiUrl, fetch (for the GitHub/Wayback APIs),
 *     privateAddresses ('allow' default | 'refuse': no connection to loopback, private,
 *     link-local, CGNAT, … addresses, judged after DNS and on every redirect hop; such a
 *     link is `unknown`, "not checked: private address"), allowAddress (exceptions),
 *     lookup (DNS for link requests), dispatcher (undici Dispatcher for link requests;
 *     only IP literals are then checked), onProgress.
 *     A repository the GitHub token sees but that is not public is reported as missing.
 *     A target written in several forms (http/https, www., trailing slash, ...)
 *     is alive when any form works: the others are requested only when the first
 *     is dead, and a note names each failing form and where it is written.
 *     Never throws for network trouble; throws TypeError only for an invalid
 *     rule regex (check first with validateLinkRules(rules) → {ok}|{ok:false,error}).
 *     run.offline is true when most hosts were unreachable: those URLs are
 *     `unknown`, and applyHistory leaves their streaks unchanged.
 *
 *   applyHistory(run, history: LinkHistory, { threshold }): { run, history }
 *     Pure. Fills failedRuns / failingSince / reportable on each result and
 *     returns the new history. History is a plain JSON object, separate from the
 *     file cache, so the Action can keep it in a hidden block of its report issue:
 *       LinkHistory = { version: 1, urls: Record<normalizedUrl,
 *         { failedRuns, failingSince, lastVerdict, lastChecked, lastStatus, lastReason }> }
 *     An offline run (or an `unknown` verdict) leaves a URL's streak unchanged.
 *   emptyHistory(), parseHistory(json: unknown): LinkHistory | null, pruneHistory(history, keepUrls)
 *   reportableResults(run): LinkResult[]   — dead for >= threshold runs
 *
 *   File cache (CLI): loadCacheFile(path, shownAs?) → { cache, warning }, saveCacheFile(path, cache),
 *     updateCache(cache, run, history) → LinkCache. LinkCache = { version: 1, alive: Record<url, CachedAlive>,
 *     history: LinkHistory }. Corrupt files are ignored with a warning.
 *
 *   renderJsonReport(run): string      — the JSON shape
 *   renderMarkdownReport(run, { title? }): string — reportable dead links by section; blocked and
 *     permanently moved links in <details> blocks; dead-but-below-threshold counted in one line
 *   renderTextReport(run): string
 *   linkOptionsFromConfig(config: LinksConfig): CheckLinksOptions
 *
 *   Page metadata (issue 12):
 *   createPageMetadataReader(options?: PageReaderOptions): PageMetadataReader & { close() }
 *     (url) → { ok: true, metadata: PageMetadata } | { ok: false, url, verdict, reason }: title,
 *     source, publish day and canonical identity, each { value, from }. Same polite HTTP layer,
 *     SSRF refusal and verdicts as checkLinks; GitHub repositories through the REST API (token
 *     optional), arXiv PDFs through their abstract page. Options: timeout, retries, concurrency,
 *     hostConcurrency, interval, hosts, headers, rules, maxBodyBytes (default 2 MB), githubToken,
 *     githubApiUrl, fetch, privateAddresses, allowAddress, lookup, dispatcher, backoffBaseMs.
 *   extractPageMetadata(url, finalUrl, html): PageMetadata — pure: WeChat, Zhihu, arXiv, generic.
 *
 * Example:
 *
 *   import { parseList } from 'listkeeper';
 *   import { collectLinkTargets, checkLinks, applyHistory, emptyHistory,
 *            renderMarkdownReport } from 'listkeeper/links';
 *
 *   const doc = parseList(text, 'README.md');
 *   const targets = collectLinkTargets([doc], { exclude: ['^https://localhost'] });
 *   const run = await checkLinks(targets, { ...linkOptionsFromConfig(config.links), githubToken });
 *   const { run: judged, history } = applyHistory(run, previousHistory ?? emptyHistory(), { threshold: 2 });
 *   if (reportableResults(judged).length > 0) body = renderMarkdownReport(judged);
 *   // store `history` (JSON) for the next run
 */

export type * from './types.js';
export { collectLinkTargets, checkCollectOptions, CollectOptionsError, type CollectOptions } from './collect.js';
export { checkLinks, validateLinkRules, LINK_DEFAULTS, type CheckLinksOptions } from './check.js';
export {
  applyHistory,
  emptyHistory,
  parseHistory,
  pruneHistory,
  reportableResults,
  type LinkHistory,
  type LinkHistoryEntry,
  type ApplyHistoryOptions,
} from './history.js';
export { emptyCache, loadCacheFile, saveCacheFile, updateCache, type LinkCache, type CachedAlive } from './cache.js';
export { renderJsonReport, jsonReport, type JsonReport } from './report-json.js';
export { renderMarkdownReport, type MarkdownReportOptions } from './report-markdown.js';
export { renderTextReport } from './report-text.js';
export type { ReportExtras, EntryMetadataJson } from './report-extras.js';
export { findSameArticles, type SameArticle, type ArticlePlace } from './same-article.js';
export { checkEntryPages, type EntryPagesOptions, type EntryPagesResult } from './metadata/entry-pages.js';
export { linkOptionsFromConfig, collectOptionsFromConfig } from './options.js';
export { githubRepoOf, type FetchLike } from './github.js';
export { BROWSER_HEADERS } from './http.js';
export { isPrivateAddress, privateRangeOf } from './address.js';
export { PRIVATE_ADDRESS_REASON } from './guard.js';
export { createPageMetadataReader, PAGE_READER_MAX_BODY_BYTES, type PageReaderOptions, type ClosablePageMetadataReader } from './metadata/read.js';
export { extractPageMetadata } from './metadata/extract.js';
export type * from './metadata/types.js';
export { progressWriter, progressLogLine, progressBarLine, PROGRESS_TIMING, type ProgressTarget, type ProgressWriter, type ProgressTiming } from './progress.js';
