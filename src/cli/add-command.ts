/**
 * `listkeeper add <url> [FILE]`: read the article's page, write its entry
 * `[title](url) | source YYYY-MM-DD` into the list `--to` names, at its date's
 * place. Prints the change as a unified diff, or writes it with `--write`.
 * Exit 0 added (or printed), 1 refused (already listed, a part missing: the
 * message names the flag to pass), 2 bad input (no URL, a `--to` that names
 * no list or several, an unreadable file).
 */
import { keptUrl } from '../core/add/format-entry.js';
import { planAddition, type AddPlan, type AddRequest } from '../core/add/plan.js';
import { listedPagesToRead } from '../core/add/same-article.js';
import { parseList } from '../core/parse.js';
import type { ListDocument } from '../core/types.js';
import { LINK_LIMITS } from '../core/config/config-schema.js';
import { parseDate } from '../core/date.js';
import { applyEdits } from '../core/edits.js';
import { withBom } from '../core/sort/sort.js';
import { unifiedDiff } from '../github/commands/change-diff.js';
import type { PageMetadata, PageMetadataReader } from '../links/metadata/types.js';
import type { PageReaderOptions } from '../links/metadata/read.js';
import { readListedIdentities } from '../links/metadata/listed.js';
import { validateLinkRules } from '../links/check.js';
import { pageReaderOptionsOf } from '../links/metadata/entry-pages.js';
import { linkOptionsFromConfig } from '../links/options.js';
import { parseCommandArgs, wholeNumberFlag } from './args.js';
import { withArgsAndConfig, type Command } from './command.js';
import type { CliConfig } from './config-file.js';
import { listFilesOrExit } from './file-args.js';
import { readListFile, writeFileAtomic, type ListFile } from './files.js';
import type { CliIo } from './io.js';
import { fail, usageError } from './output.js';
import { err, ok, type Result } from './result.js';

export const ADD_USAGE = `Usage: listkeeper add <url> [file] [options]

Read the article's page and add its entry, [title](url) | source YYYY-MM-DD,
to a list of the file, at its date's place (the list's direction kept) with
its siblings' marker and indentation. The title is cleaned of its site's
suffix; the URL is kept as given (a WeChat short address stays short) without
tracking parameters; the date is written in the configured style. An article
already listed, under this address or another (the long and short WeChat
forms), is refused with its line. Without --write the change is printed as a
unified diff.

Options:
  --to PATH          the list: its headings and labels, e.g. "ChatGLM › blog"
                     (also > or / between them). Without --to, the entry is
                     printed with the likeliest lists.
  --title T          the title, instead of the page's
  --source S         the source (account, author, site), instead of the page's
  --date D           the publish date (YYYY-MM-DD), instead of the page's
  --write            add the entry to the file (atomically)
  --config F         config file (default: the nearest .github/listkeeper.yml)
  --timeout MS       for reading the page (default: the config's links.timeout)
  --no-private       do not connect to loopback, private or link-local addresses
  -h, --help         show this help

Without a file, the config's \`files\` must name exactly one.
Nothing is invented: a part the page does not give is asked for by its flag.
Exit status: 0 added (or printed), 1 refused (already listed, a part missing),
2 usage or input error (bad URL, --to naming no list or several, unreadable file).
`;

interface AddArgs {
  url: string;
  file: string | undefined;
  to: string | undefined;
  title: string | undefined;
  source: string | undefined;
  date: string | undefined;
  write: boolean;
  config: string | undefined;
  timeout: number | null;
  noPrivate: boolean;
}

/** What `add` reads pages with; tests pass their own reader, so no request leaves the machine. */
export interface AddDependencies {
  pageReader?: (options: PageReaderOptions) => PageMetadataReader | Promise<PageMetadataReader>;
}

/** The command, reading pages with `dependencies.pageReader` (default: the link checker's reader). */
export function addCommand(dependencies: AddDependencies = {}): Command {
  return withArgsAndConfig('add', ADD_USAGE, parseAddArgs, (args, loaded, io) => add(args, loaded, io, dependencies));
}

export function runAddCommand(argv: string[], io: CliIo, dependencies: AddDependencies = {}): Promise<number> {
  return addCommand(dependencies)(argv, io);
}

async function add(args: AddArgs, loaded: CliConfig, io: CliIo, dependencies: AddDependencies): Promise<number> {
  const url = keptUrl(args.url);
  if (url === null) return usageError(io, `add: "${args.url}" is not an http(s) URL`, 'add');
  const path = await listFileOf(args.file, loaded, io);
  if (typeof path === 'number') return path;
  const file = await readListFile(path, io.cwd);
  if (!file.ok) return fail(io, file.error);
  const rules = validateLinkRules(loaded.config.links.rules);
  if (!rules.ok) return fail(io, rules.error);

  const doc = parseList(file.value.text, path);
  const reader = await readerFor(args, loaded, dependencies);
  let page: PageMetadata | null;
  let listed: Map<string, string>;
  try {
    page = await readPage(reader, url, io);
    listed = await readListedIdentities(reader, listedPagesToRead(doc, page));
  } finally {
    // The real reader keeps connections alive; a command that read its pages lets them go.
    if ('close' in reader && typeof reader.close === 'function') await reader.close();
  }
  const request: AddRequest = { url: args.url, to: args.to, title: args.title, source: args.source, date: args.date };
  const plan = planAddition(file.value.text, path, page, request, loaded.config, listed);
  return report(plan, file.value, doc, args, io);
}

/** FILE, else the one file the config's `files` name. */
async function listFileOf(named: string | undefined, loaded: CliConfig, io: CliIo): Promise<string | number> {
  if (named !== undefined) return named;
  const paths = await listFilesOrExit('add', [], loaded, io);
  if (typeof paths === 'number') return paths;
  if (paths.length === 1) return paths[0];
  return usageError(io, `add: the config's files name ${paths.length} lists (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}); name the one to add to`, 'add');
}

async function readerFor(args: AddArgs, loaded: CliConfig, dependencies: AddDependencies): Promise<PageMetadataReader> {
  const options: PageReaderOptions = {
    ...pageReaderOptionsOf(linkOptionsFromConfig(loaded.config.links)),
    ...(args.timeout !== null ? { timeout: args.timeout } : {}),
    githubToken: process.env.GITHUB_TOKEN || process.env.GH_TOKEN || null,
    ...(process.env.GITHUB_API_URL ? { githubApiUrl: process.env.GITHUB_API_URL } : {}),
    privateAddresses: args.noPrivate ? 'refuse' : 'allow',
  };
  // Loaded only when no reader is given (tests give their own).
  return dependencies.pageReader ? await dependencies.pageReader(options) : (await import('../links/metadata/read.js')).createPageMetadataReader(options);
}

/** The page's metadata, or null (said on stderr) when it cannot be read: then only the flags count. */
async function readPage(reader: PageMetadataReader, url: string, io: CliIo): Promise<PageMetadata | null> {
  const read = await reader(url);
  if (read.ok) return read.metadata;
  // Offline or a host gone: nothing is known of the page, so the way on is the network or the flags.
  if (read.unreachable) {
    io.stderr(`listkeeper: warning: ${read.reason}; check the network, or give --title, --source and --date\n`);
    return null;
  }
  io.stderr(`listkeeper: warning: could not read ${url} (${read.verdict}: ${read.reason}); using only --title, --source and --date, and duplicates by address\n`);
  return null;
}

async function report(plan: AddPlan, file: ListFile, doc: ListDocument, args: AddArgs, io: CliIo): Promise<number> {
  if (!plan.ok) return refusal(plan, file.path, args, io);
  // The plan's offsets are in the text without its BOM (`doc.text`), as every core edit's.
  const before = doc.text;
  const after = applyEdits(before, [plan.edit]).text;
  for (const warning of plan.warnings) io.stderr(`listkeeper: warning: ${file.path}:${warning.line}: ${warning.message}\n`);
  if (!args.write) {
    io.stdout(`${unifiedDiff(file.path, before, after)}\n`);
    io.stderr(`listkeeper: ${file.path}:${plan.line}: would add to "${plan.listPath}"; pass --write to add it\n`);
    return 0;
  }
  const written = await writeFileAtomic(file.absolute, withBom(doc, after), file.path);
  if (!written.ok) return fail(io, written.error);
  io.stdout(`added at ${file.path}:${plan.line} ("${plan.listPath}"): ${plan.entry}\n`);
  return 0;
}

function refusal(plan: Exclude<AddPlan, { ok: true }>, path: string, args: AddArgs, io: CliIo): number {
  switch (plan.kind) {
    case 'duplicate':
    case 'missing':
      io.stderr(`listkeeper: not added: ${plan.message}\n`);
      return 1;
    case 'bad-input':
    case 'ambiguous':
      return fail(io, `${path}: ${plan.message}`);
    case 'no-list':
      // Without --to, printing the entry and the likeliest lists is the answer.
      if (args.to === undefined && plan.entry !== null) {
        io.stdout(`${plan.entry}\n`);
        io.stderr(`listkeeper: ${path}: ${plan.message}\n`);
        return 0;
      }
      return fail(io, `${path}: ${plan.message}`);
  }
}

function parseAddArgs(argv: string[]): Result<AddArgs | 'help'> {
  const parsed = parseCommandArgs('add', argv, {
    to: { type: 'string' },
    title: { type: 'string' },
    source: { type: 'string' },
    date: { type: 'string' },
    write: { type: 'boolean' },
    config: { type: 'string' },
    timeout: { type: 'string' },
    'no-private': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed.value;
  if (values.help) return ok('help');
  const [url, file, ...rest] = positionals;
  if (url === undefined) return err('add: name the URL to add');
  if (rest.length > 0) return err(`add: one URL and at most one file (got ${positionals.length} arguments)`);
  // As `links --timeout`: the config's bound holds for the flag too.
  const timeout = wholeNumberFlag('add', 'timeout', values.timeout, LINK_LIMITS.timeout);
  if (!timeout.ok) return timeout;
  if (values.date !== undefined && parseDate(values.date).value === null) return err(`add: --date "${values.date}" is not a calendar date (write YYYY-MM-DD)`);
  for (const name of ['to', 'title', 'source'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') return err(`add: --${name} is empty`);
  }
  return ok({
    url,
    file,
    to: values.to,
    title: values.title,
    source: values.source,
    date: values.date,
    write: values.write ?? false,
    config: values.config,
    timeout: timeout.value,
    noPrivate: values['no-private'] ?? false,
  });
}
