/**
 * `listkeeper links <file...>`: check the links of list files. Reads files
 * and config, composes the library (collect → check → history → report),
 * writes the cache. Exit 1 when a reportable dead link exists, 0 otherwise,
 * 2 on usage or I/O errors (one line, no stack trace).
 */
import type { LookupFunction } from 'node:net';
import { resolve } from 'node:path';
import { parseLineSpec } from '../core/changed-lines.js';
import { LINK_LIMITS } from '../core/config/config-schema.js';
import { parseList } from '../core/parse.js';
import {
  applyHistory,
  checkLinks,
  collectLinkTargets,
  collectOptionsFromConfig,
  emptyCache,
  linkOptionsFromConfig,
  loadCacheFile,
  renderJsonReport,
  renderMarkdownReport,
  renderTextReport,
  saveCacheFile,
  updateCache,
  validateLinkRules,
  type CheckLinksOptions,
  type LinkCache,
  progressWriter,
  type ProgressTarget,
} from '../links/index.js';
import { entryFactsOfDocuments } from '../core/entry-metadata.js';
import type { ListDocument } from '../core/types.js';
import { normalizeUrl } from '../core/url.js';
import { checkEntryPages, pageReaderOptionsOf, type EntryPagesResult } from '../links/metadata/entry-pages.js';
import { createPageMetadataReader, type PageReaderOptions } from '../links/metadata/read.js';
import type { PageMetadataReader } from '../links/metadata/types.js';
import type { ReportExtras } from '../links/report-extras.js';
import { findSameArticles } from '../links/same-article.js';
import type { LinkResult, LinkTarget } from '../links/types.js';
import { oneOf, parseCommandArgs, wholeNumberFlag } from './args.js';
import { withArgsAndConfig, type Command } from './command.js';
import type { CliConfig } from './config-file.js';
import { staysInside } from './confine.js';
import { listFilesOrExit, repositoryRoot } from './file-args.js';
import { readListFiles, realPath } from './files.js';
import type { CliIo } from './io.js';
import { fail } from './output.js';
import { err, errorText, ok, type Result } from './result.js';
import { CONFIGURED_FILES } from './usage.js';

export const LINKS_USAGE = `Usage: listkeeper links [file...] [options]

Check every link of the list files: dead links are reported after failing in
--threshold consecutive runs; links that refuse bots are listed as blocked.
${CONFIGURED_FILES}

Options:
  --format text|json|markdown  output format (default text)
  --config F                   config file (default .github/listkeeper.yml when present)
  --cache F                    cache file: alive results and failure history
  --threshold K                report a link after K failing runs in a row (default 2
                               with a cache, 1 without: there is no history to count in)
  --concurrency N              requests in flight at once (default 32)
  --host-concurrency N         requests in flight to one host (default 4)
  --timeout MS                 per request (default 10000)
  --changed-lines SPEC         only links on these lines, e.g. 12-20,44
  --suggest-archive            suggest a Wayback Machine snapshot for dead links
  --metadata                   also read the page of each blog entry (a second request
                               per entry link) and report entries whose date, title or
                               source differ from their page (rule entry-metadata)
  --no-private                 do not connect to loopback, private, link-local or other
                               non-public addresses (also after redirects and DNS); such
                               links are "unknown". Use it on a list from someone else.
  -h, --help                   show this help

A GitHub token in GITHUB_TOKEN (or GH_TOKEN) checks github.com repository links
through the REST API.
Exit status: 0 no reportable dead link, 1 reportable dead links, 2 usage or I/O error.
`;

const FORMATS = ['text', 'json', 'markdown'] as const;

interface LinksArgs {
  files: string[];
  format: (typeof FORMATS)[number];
  config: string | undefined;
  cache: string | null;
  threshold: number | null;
  concurrency: number | null;
  hostConcurrency: number | null;
  timeout: number | null;
  changedLines: ReadonlySet<number> | null;
  suggestArchive: boolean;
  /** `--no-private`: refuse non-public addresses (a person checking their own file may reach them). */
  noPrivate: boolean;
  /** `--metadata`: read blog entries' pages (off by default: it doubles the requests). */
  metadata: boolean;
}

/** What the command reads pages with: injected, so tests can stand in for the page reader. */
export interface LinksCommandDeps {
  pageReader?: (options: PageReaderOptions) => PageMetadataReader;
  /** DNS for link requests (tests send mp.weixin.qq.com to a loopback server). */
  lookup?: LookupFunction;
}

export function createLinksCommand(deps: LinksCommandDeps = {}): Command {
  return withArgsAndConfig('links', LINKS_USAGE, parseLinksArgs, (options, loaded, io) => checkListLinks(options, loaded, io, deps));
}

export const runLinksCommand = createLinksCommand();

async function checkListLinks(options: LinksArgs, loaded: CliConfig, io: CliIo, deps: LinksCommandDeps): Promise<number> {
  const paths = await listFilesOrExit('links', options.files, loaded, io);
  if (typeof paths === 'number') return paths;
  const links = loaded.config.links;
  const rules = validateLinkRules(links.rules);
  if (!rules.ok) return fail(io, rules.error);

  const files = await readListFiles(paths, io.cwd);
  if (!files.ok) return fail(io, files.error);
  const docs = files.value.map((file) => parseList(file.text, file.path));
  const changed = options.changedLines;
  // `links.exclude` regexes were validated by the config loader (a bad one is a config error with its line).
  const targets = collectLinkTargets(docs, { ...collectOptionsFromConfig(links), ...(changed ? { linesOf: () => changed } : {}) });

  const cachePath = options.cache ?? links.cache;
  if (options.cache === null && links.cache !== null && loaded.path !== null) {
    const outside = await cacheOutsideRepository(links.cache, loaded.path, io.cwd);
    if (outside) return fail(io, outside);
  }
  let cache: LinkCache = emptyCache();
  if (cachePath) {
    const stored = await loadCacheFile(resolve(io.cwd, cachePath), cachePath);
    // Refused before any request, so a wrong path costs no run.
    if (stored.foreign) return fail(io, stored.foreign);
    if (stored.warning) io.stderr(`listkeeper: warning: ${stored.warning}\n`);
    cache = stored.cache;
  }

  const progress = progressWriter(progressTarget(io));
  const checkOptions: CheckLinksOptions = {
    ...linkOptionsFromConfig(links),
    ...(options.timeout !== null ? { timeout: options.timeout } : {}),
    ...(options.concurrency !== null ? { concurrency: options.concurrency } : {}),
    ...(options.hostConcurrency !== null ? { hostConcurrency: options.hostConcurrency } : {}),
    cache,
    githubToken: process.env.GITHUB_TOKEN || process.env.GH_TOKEN || null,
    // Set by GitHub Actions, and for GitHub Enterprise Server.
    ...(process.env.GITHUB_API_URL ? { githubApiUrl: process.env.GITHUB_API_URL } : {}),
    suggestArchive: options.suggestArchive,
    privateAddresses: options.noPrivate ? 'refuse' : 'allow',
    onProgress: progress.update,
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
  };
  const run = await checkLinks(targets, checkOptions);
  progress.finish();
  for (const warning of run.warnings) io.stderr(`listkeeper: warning: ${warning}\n`);

  // Without a cache there is no history to count runs in: every failure is the first, so the
  // configured threshold would hide every dead link. One run is all there is.
  const threshold = options.threshold ?? (cachePath ? links.threshold : 1);
  const judged = applyHistory(run, cache.history, { threshold });
  if (cachePath) {
    try {
      await saveCacheFile(resolve(io.cwd, cachePath), updateCache(cache, judged.run, judged.history), cachePath);
    } catch (error) {
      return fail(io, `${cachePath}: cannot write link cache: ${errorText(error)}`);
    }
  }

  const pages = options.metadata ? await readEntryPages(docs, targets, judged.run.results, loaded, checkOptions, deps, changed) : null;
  if (pages && pages.unread > 0) {
    io.stderr(`listkeeper: warning: ${pages.unread} ${pages.unread === 1 ? 'page' : 'pages'} could not be read; ${pages.unread === 1 ? 'its entries were' : 'their entries were'} not compared\n`);
  }
  const extras: ReportExtras = {
    sameArticle: findSameArticles(judged.run.results, pages?.identities),
    ...(pages ? { entryMetadata: pages.findings } : {}),
  };
  if (options.format === 'json') io.stdout(renderJsonReport(judged.run, extras));
  else if (options.format === 'markdown') io.stdout(renderMarkdownReport(judged.run, extras));
  else io.stdout(renderTextReport(judged.run, extras));
  const metadataErrors = pages?.findings.some((f) => f.severity === 'error') ?? false;
  return judged.run.results.some((result) => result.reportable) || metadataErrors ? 1 : 0;
}

/**
 * The pages of the blog entries whose links were checked (excluded links are
 * not read; dead ones neither: their page is an error page), compared with the entries.
 */
async function readEntryPages(
  docs: ListDocument[],
  targets: readonly LinkTarget[],
  results: readonly LinkResult[],
  loaded: CliConfig,
  checkOptions: CheckLinksOptions,
  deps: LinksCommandDeps,
  changed: ReadonlySet<number> | null,
): Promise<EntryPagesResult> {
  const checked = new Set(targets.map((t) => t.url));
  const facts = entryFactsOfDocuments(docs, loaded.config, changed ? () => changed : undefined).filter((f) => checked.has(normalizeUrl(f.url) ?? ''));
  const severity = loaded.config.rules['entry-metadata'].severity;
  const reader = (deps.pageReader ?? createPageMetadataReader)(pageReaderOptionsOf(checkOptions));
  return checkEntryPages(facts, {
    reader,
    severity: severity === 'off' ? 'warning' : severity,
    skip: new Set(results.filter((r) => r.verdict === 'dead').map((r) => r.url)),
  });
}

/**
 * `links.cache` from a repository's config stays inside the repository (through
 * symlinks too); the reason when it does not. `--cache` is the user's own choice.
 */
async function cacheOutsideRepository(cachePath: string, configPath: string, cwd: string): Promise<string | null> {
  const root = await repositoryRoot(configPath, await realPath(cwd));
  if (await staysInside(root, resolve(cwd, cachePath))) return null;
  return `${configPath}: links.cache "${cachePath}" is outside the repository (${root}); keep the cache inside it, or pass --cache`;
}

function parseLinksArgs(argv: string[]): Result<LinksArgs | 'help'> {
  const parsed = parseCommandArgs('links', argv, {
    format: { type: 'string' },
    config: { type: 'string' },
    cache: { type: 'string' },
    threshold: { type: 'string' },
    concurrency: { type: 'string' },
    'host-concurrency': { type: 'string' },
    timeout: { type: 'string' },
    'changed-lines': { type: 'string' },
    'suggest-archive': { type: 'boolean' },
    'no-private': { type: 'boolean' },
    metadata: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed.value;
  const format = oneOf('--format', values.format ?? 'text', FORMATS);
  if (!format.ok) return err(`links: ${format.error}`);
  const numbers: Record<string, number | null> = {};
  // The config's upper bounds hold for the flags too (a timeout past 2^31-1 ms breaks every request).
  const limits = { threshold: LINK_LIMITS.threshold, concurrency: LINK_LIMITS.concurrency, 'host-concurrency': LINK_LIMITS.hostConcurrency, timeout: LINK_LIMITS.timeout };
  for (const name of ['threshold', 'concurrency', 'host-concurrency', 'timeout'] as const) {
    const number = wholeNumberFlag('links', name, values[name], limits[name]);
    if (!number.ok) return number;
    numbers[name] = number.value;
  }
  let changedLines: ReadonlySet<number> | null = null;
  if (values['changed-lines'] !== undefined) {
    const lines = parseLineSpec(values['changed-lines']);
    if (!lines.ok) return err(`links: --changed-lines: ${lines.error}`);
    changedLines = lines.value;
  }
  // After the other flags: `--help` beside a bad flag still names the bad flag.
  if (values.help) return ok('help');
  return ok({
    files: positionals,
    format: format.value,
    config: values.config,
    cache: values.cache ?? null,
    threshold: numbers.threshold,
    concurrency: numbers.concurrency,
    hostConcurrency: numbers['host-concurrency'],
    timeout: numbers.timeout,
    changedLines,
    suggestArchive: values['suggest-archive'] ?? false,
    noPrivate: values['no-private'] ?? false,
    metadata: values.metadata ?? false,
  });
}

/** A redrawn bar when stderr is a terminal, else plain lines now and then (logs, files). */
function progressTarget(io: CliIo): ProgressTarget {
  const columns = io.stderrColumns;
  if (columns) return { kind: 'terminal', columns, write: io.stderr };
  return { kind: 'log', writeLine: (line) => io.stderr(`listkeeper: ${line}\n`) };
}
