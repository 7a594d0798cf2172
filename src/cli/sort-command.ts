/** `listkeeper sort [file|dir...] [--write | --check]`. */
import { parseList } from '../core/parse.js';
import { hasDatedList } from '../core/dated-lists.js';
import { describeItem, describeList, findOutOfOrder, sortDocument, withBom, type UnmovableList, type UnsortedList } from '../core/sort/sort.js';
import { parseCommandArgs } from './args.js';
import { withArgsAndConfig } from './command.js';
import type { CliConfig } from './config-file.js';
import type { ListkeeperConfig } from '../core/config/config-types.js';
import { listFilesOrExit } from './file-args.js';
import { readListFiles, writeFileAtomic, type ListFile } from './files.js';
import type { CliIo } from './io.js';
import { fail, usageError } from './output.js';
import { err, ok, type Result } from './result.js';
import { SORT_USAGE } from './usage.js';

interface SortArgs {
  files: string[];
  mode: 'print' | 'check' | 'write';
  config: string | undefined;
}

export const runSortCommand = withArgsAndConfig('sort', SORT_USAGE, parseSortArgs, sort);

/**
 * Every file is read before any is written, so a typo in one name (a
 * pre-commit hook passes many) leaves all of them as they were.
 */
async function sort(args: SortArgs, loaded: CliConfig, io: CliIo): Promise<number> {
  const paths = await listFilesOrExit('sort', args.files, loaded, io);
  if (typeof paths === 'number') return paths;
  if (args.mode === 'print' && paths.length !== 1) {
    return usageError(io, `sort: printing the sorted list takes one file (got ${paths.length}); use --check or --write for several`, 'sort');
  }
  const files = await readListFiles(paths, io.cwd);
  if (!files.ok) return fail(io, files.error);
  let code = 0;
  for (const file of files.value) {
    const result = await sortOne(file, args.mode, loaded.config.sort, io);
    if (typeof result === 'string') return fail(io, result);
    code = Math.max(code, result);
  }
  return code;
}

/** Sort one file: its exit code (0 or 1), or the message of a write that failed. */
async function sortOne(file: ListFile, mode: SortArgs['mode'], options: ListkeeperConfig['sort'], io: CliIo): Promise<number | string> {
  const path = file.path;
  const doc = parseList(file.text, path);
  // A check needs the same verified plans as a write, not the sorted text: that is not rendered.
  // "every list is sorted by date" would puzzle the maintainer of a list that has no dates at all.
  if (mode !== 'print' && !hasDatedList(doc)) {
    io.stdout(`${path}: no list of dated entries to sort.\n`);
    return 0;
  }
  if (mode === 'check') return reportCheck(io, path, findOutOfOrder(doc, options));
  const result = sortDocument(doc, options);
  const sorted = withBom(doc, result.text);
  switch (mode) {
    case 'print':
      io.stdout(sorted);
      return 0;
    case 'write': {
      reportUnmovable(io, path, result.unmovable);
      if (result.unsorted.length === 0) {
        if (result.unmovable.length === 0) io.stdout(`${path}: already sorted.\n`);
        return 0;
      }
      const written = await writeFileAtomic(file.absolute, sorted, path);
      if (!written.ok) return written.error;
      io.stdout(`${path}: sorted ${lists(result.unsorted.length)}.\n`);
      return 0;
    }
  }
}

/** `sort --check`: every list out of order, with why when `sort` would leave it; exit code 1 when there is one. */
function reportCheck(io: CliIo, path: string, found: { unsorted: UnsortedList[]; unmovable: UnmovableList[] }): number {
  if (found.unsorted.length === 0 && found.unmovable.length === 0) {
    io.stdout(`${path}: every list is sorted by date.\n`);
    return 0;
  }
  for (const u of found.unsorted) io.stdout(`${unsortedLine(path, u)}\n`);
  reportUnmovable(io, path, found.unmovable);
  if (found.unsorted.length > 0) {
    io.stdout(`${path}: ${lists(found.unsorted.length)} out of order; run \`listkeeper sort --write ${path}\` to sort.\n`);
  }
  return 1;
}

/** `README.md:12: the list in section 'Blogs' (line 10) is not sorted by date: 'b' (2023-02-01) belongs before 'c' (2023-03-01) (line 11)` */
export function unsortedLine(path: string, u: UnsortedList): string {
  return `${path}:${u.line}: ${describeList(u.list)} is not sorted by date: ${describeItem(u.item)} belongs before ${describeItem(u.before)} (line ${u.before.line})`;
}

/** A list out of order that sorting leaves as it is, with why. */
export function unmovableLine(path: string, u: UnmovableList): string {
  return `${unsortedLine(path, u)}; \`sort\` leaves it as it is: ${u.reason}`;
}

/** Lists out of order that sorting leaves as they are: each with why, then what to do. */
function reportUnmovable(io: CliIo, file: string, unmovable: UnmovableList[]): void {
  for (const u of unmovable) io.stdout(`${unmovableLine(file, u)}\n`);
  if (unmovable.length > 0) io.stdout(`${file}: ${lists(unmovable.length)} out of order that \`sort\` cannot reorder; sort ${unmovable.length === 1 ? 'it' : 'them'} by hand.\n`);
}

function lists(n: number): string {
  return `${n} ${n === 1 ? 'list' : 'lists'}`;
}

function parseSortArgs(argv: string[]): Result<SortArgs | 'help'> {
  const parsed = parseCommandArgs('sort', argv, {
    write: { type: 'boolean' },
    check: { type: 'boolean' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed.value;
  if (values.help) return ok('help');
  if (values.write && values.check) return err('sort: use --write or --check, not both');
  const mode = values.write ? 'write' : values.check ? 'check' : 'print';
  return ok({ files: positionals, mode, config: values.config });
}
