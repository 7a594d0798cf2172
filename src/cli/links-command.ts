/**
 * `listkeeper links <file...>`: check the links of list files. Reads files
 * and config, composes the library (collect → check → history → report),
 * writes the cache. Exit 1 when a reportable dead link exists, 0 otherwise,
 * 2 on usage or I/O errors (one line, no stack trace).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config.js';
import { defaultConfig, type ListkeeperConfig } from '../core/config-types.js';
import { parseList } from '../core/parse.js';
import type { ListDocument } from '../core/types.js';
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
  type LinkProgress,
} from '../links/index.js';
import type { CliIo } from './io.js';

export const LINKS_USAGE = `Usage: listkeeper links <file...> [options]

Check every link of the list files: dead links are reported after failing in
--threshold consecutive runs; links that refuse bots are listed as blocked.

Options:
  --format text|json|markdown  output format (default text)
  --config F                   config file (default .github/listkeeper.yml when present)
  --cache F                    cache file: alive results and failure history
  --threshold K                report a link after K failing runs in a row (default 2)
  --concurrency N              requests in flight at once (default 32)
  --host-concurrency N         requests in flight to one host (default 4)
  --timeout MS                 per request (default 10000)
  --changed-lines SPEC         only links on these lines: 12-20,44 or FILE:12-20 (repeatable)
  --suggest-archive            suggest a Wayback Machine snapshot for dead links
  -h, --help                   show this help

A GitHub token in GITHUB_TOKEN (or GH_TOKEN) checks github.com repository links
through the REST API.
Exit status: 0 no reportable dead link, 1 reportable dead links, 2 usage or I/O error.
`;

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

interface LinksArgs {
  files: string[];
  format: 'text' | 'json' | 'markdown';
  config: string | null;
  cache: string | null;
  threshold: number | null;
  concurrency: number | null;
  hostConcurrency: number | null;
  timeout: number | null;
  changedLines: string[];
  suggestArchive: boolean;
  help: boolean;
}

export async function runLinksCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseLinksArgs(argv);
  if (!args.ok) return usageError(io, args.error);
  if (args.value.help) {
    io.stdout(LINKS_USAGE);
    return 0;
  }
  const options = args.value;
  if (options.files.length === 0) return usageError(io, 'links: name at least one list file');

  const config = await readConfig(options.config, io.cwd);
  if (!config.ok) return fail(io, config.error);
  const links = config.value.links;
  const rules = validateLinkRules(links.rules);
  if (!rules.ok) return fail(io, rules.error);

  const lines = parseChangedLines(options.changedLines, options.files);
  if (!lines.ok) return usageError(io, lines.error);

  const docs: ListDocument[] = [];
  for (const file of options.files) {
    const text = await readListFile(resolve(io.cwd, file), file);
    if (!text.ok) return fail(io, text.error);
    docs.push(parseList(text.value, file));
  }
  const targets = collectLinkTargets(docs, { ...collectOptionsFromConfig(links), lines: lines.value ?? undefined });

  const cachePath = options.cache ?? links.cache;
  let cache: LinkCache = emptyCache();
  if (cachePath) {
    const loaded = await loadCacheFile(resolve(io.cwd, cachePath), cachePath);
    if (loaded.warning) io.stderr(`listkeeper: warning: ${loaded.warning}\n`);
    cache = loaded.cache;
  }

  const progress = io.isTTY ? progressBar(io) : null;
  const checkOptions: CheckLinksOptions = {
    ...linkOptionsFromConfig(links),
    ...(options.timeout !== null ? { timeout: options.timeout } : {}),
    ...(options.concurrency !== null ? { concurrency: options.concurrency } : {}),
    ...(options.hostConcurrency !== null ? { hostConcurrency: options.hostConcurrency } : {}),
    cache,
    githubToken: process.env.GITHUB_TOKEN || process.env.GH_TOKEN || null,
    suggestArchive: options.suggestArchive,
    onProgress: progress?.update,
  };
  const run = await checkLinks(targets, checkOptions);
  progress?.clear();
  for (const warning of run.warnings) io.stderr(`listkeeper: warning: ${warning}\n`);

  const judged = applyHistory(run, cache.history, { threshold: options.threshold ?? links.threshold });
  if (cachePath) {
    try {
      await saveCacheFile(resolve(io.cwd, cachePath), updateCache(cache, judged.run, judged.history));
    } catch (error) {
      return fail(io, `cannot write link cache ${cachePath}: ${(error as Error).message}`);
    }
  }

  if (options.format === 'json') io.stdout(renderJsonReport(judged.run));
  else if (options.format === 'markdown') io.stdout(renderMarkdownReport(judged.run));
  else io.stdout(renderTextReport(judged.run));
  return judged.run.results.some((result) => result.reportable) ? 1 : 0;
}

function parseLinksArgs(argv: string[]): Result<LinksArgs> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        config: { type: 'string' },
        cache: { type: 'string' },
        threshold: { type: 'string' },
        concurrency: { type: 'string' },
        'host-concurrency': { type: 'string' },
        timeout: { type: 'string' },
        'changed-lines': { type: 'string', multiple: true },
        'suggest-archive': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { ok: false, error: `links: ${(error as Error).message.split('\n')[0]}` };
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'markdown') {
    return { ok: false, error: `links: --format must be text, json or markdown, not "${format}"` };
  }
  const numbers: Record<string, number | null> = {};
  for (const name of ['threshold', 'concurrency', 'host-concurrency', 'timeout'] as const) {
    const raw = values[name];
    if (raw === undefined) {
      numbers[name] = null;
      continue;
    }
    if (!/^\d+$/.test(raw) || Number(raw) < 1) return { ok: false, error: `links: --${name} must be a positive whole number, not "${raw}"` };
    numbers[name] = Number(raw);
  }
  return {
    ok: true,
    value: {
      files: positionals,
      format,
      config: values.config ?? null,
      cache: values.cache ?? null,
      threshold: numbers.threshold,
      concurrency: numbers.concurrency,
      hostConcurrency: numbers['host-concurrency'],
      timeout: numbers.timeout,
      changedLines: values['changed-lines'] ?? [],
      suggestArchive: values['suggest-archive'] ?? false,
      help: values.help ?? false,
    },
  };
}

/** `12-20,44` (every file) or `README.md:12-20,44`; null when no spec was given. */
export function parseChangedLines(specs: readonly string[], files: readonly string[]): Result<Map<string, Set<number>> | null> {
  if (specs.length === 0) return { ok: true, value: null };
  const lines = new Map<string, Set<number>>();
  for (const spec of specs) {
    const m = /^(?:(.+):)?([\d,\s-]+)$/.exec(spec.trim());
    if (!m) return { ok: false, error: `links: --changed-lines "${spec}" is not like 12-20,44 or FILE:12-20` };
    const targets = m[1] !== undefined ? [m[1]] : files;
    for (const part of m[2].split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const range = /^(\d+)(?:-(\d+))?$/.exec(part);
      const from = range ? Number(range[1]) : NaN;
      const to = range?.[2] !== undefined ? Number(range[2]) : from;
      if (!range || from < 1 || to < from) return { ok: false, error: `links: --changed-lines has a bad range "${part}"` };
      for (const file of targets) {
        const set = lines.get(file) ?? new Set<number>();
        for (let line = from; line <= to; line++) set.add(line);
        lines.set(file, set);
      }
    }
  }
  return { ok: true, value: lines };
}

async function readConfig(flag: string | null, cwd: string): Promise<Result<ListkeeperConfig>> {
  const path = flag ?? '.github/listkeeper.yml';
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    if (flag === null && (error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: defaultConfig() };
    return { ok: false, error: `cannot read config ${path}: ${describeIoError(error)}` };
  }
  const loaded = loadConfig(text, path);
  return loaded.ok ? { ok: true, value: loaded.config } : { ok: false, error: loaded.error };
}

async function readListFile(absolute: string, shown: string): Promise<Result<string>> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return { ok: false, error: `${shown}: is a directory, not a list file` };
    const bytes = await readFile(absolute);
    if (bytes.includes(0)) return { ok: false, error: `${shown}: looks like a binary file, not Markdown` };
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, error: `${shown}: is not valid UTF-8` };
    return { ok: false, error: `cannot read ${shown}: ${describeIoError(error)}` };
  }
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** One redrawn stderr line: done/total, dead so far, the host just finished. */
function progressBar(io: CliIo): { update: (p: LinkProgress) => void; clear: () => void } {
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      const width = 24;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      io.stderr(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.done}/${p.total} dead ${p.dead}  ${p.host.slice(0, 40)}\x1b[K`);
    },
    clear() {
      io.stderr('\r\x1b[K');
    },
  };
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`listkeeper: ${message}\nRun "listkeeper links --help" for usage.\n`);
  return 2;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`listkeeper: ${message}\n`);
  return 2;
}
