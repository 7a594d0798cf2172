/** `listkeeper sort <file> [--write | --check]`. */
import { parseList } from '../core/parse.js';
import { describeItem, describeList, sortDocument, withBom, type UnmovableList, type UnsortedList } from '../core/sort.js';
import { parseCommandArgs } from './args.js';
import { withArgsAndConfig } from './command.js';
import type { CliConfig } from './config-file.js';
import { readListFile, writeFileAtomic } from './files.js';
import type { CliIo } from './io.js';
import { fail } from './output.js';
import { err, ok, type Result } from './result.js';
import { SORT_USAGE } from './usage.js';

interface SortArgs {
  file: string;
  mode: 'print' | 'check' | 'write';
  config: string | undefined;
}

export const runSortCommand = withArgsAndConfig('sort', SORT_USAGE, parseSortArgs, sort);

async function sort(args: SortArgs, { config }: CliConfig, io: CliIo): Promise<number> {
  const file = await readListFile(args.file, io.cwd);
  if (!file.ok) return fail(io, file.error);
  const doc = parseList(file.value.text, file.value.path);
  const result = sortDocument(doc, config.sort);
  const sorted = withBom(doc, result.text);
  switch (args.mode) {
    case 'print':
      io.stdout(sorted);
      return 0;
    case 'check':
      if (result.unsorted.length === 0 && result.unmovable.length === 0) {
        io.stdout(`${args.file}: every list is sorted by date.\n`);
        return 0;
      }
      for (const u of result.unsorted) io.stdout(`${unsortedLine(args.file, u)}\n`);
      reportUnmovable(io, args.file, result.unmovable);
      if (result.unsorted.length > 0) {
        io.stdout(`${args.file}: ${lists(result.unsorted.length)} out of order; run \`listkeeper sort --write ${args.file}\` to sort.\n`);
      }
      return 1;
    case 'write': {
      reportUnmovable(io, args.file, result.unmovable);
      if (result.unsorted.length === 0) {
        if (result.unmovable.length === 0) io.stdout(`${args.file}: already sorted.\n`);
        return 0;
      }
      const written = await writeFileAtomic(file.value.absolute, sorted, args.file);
      if (!written.ok) return fail(io, written.error);
      io.stdout(`${args.file}: sorted ${lists(result.unsorted.length)}.\n`);
      return 0;
    }
  }
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
  if (positionals.length !== 1) return err(`sort: name exactly one list file (got ${positionals.length})`);
  if (values.write && values.check) return err('sort: use --write or --check, not both');
  const mode = values.write ? 'write' : values.check ? 'check' : 'print';
  return ok({ file: positionals[0], mode, config: values.config });
}
