/** `listkeeper lint <file...>`: lint, optionally fix, optionally only changed lines. */
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  addedLinesFromDiff,
  changedLinesFor,
  filterFindingsToLines,
  parseLineSpec,
  type ChangedLines,
} from '../core/changed-lines.js';
import type { ListkeeperConfig } from '../core/config/config-types.js';
import { fixDocument } from '../core/fix.js';
import { formatJson, formatSarif, formatText, REPORT_FORMATS, type ReportFormat } from '../core/format.js';
import { lintDocuments } from '../core/lint.js';
import { parseList } from '../core/parse.js';
import type { Finding, ListDocument } from '../core/types.js';
import { oneOf, parseCommandArgs } from './args.js';
import { withArgsAndConfig } from './command.js';
import { isInside, realLocation } from './confine.js';
import type { CliConfig } from './config-file.js';
import { listFilesOrExit } from './file-args.js';
import { readListFiles, writeFileAtomic, type ListFile } from './files.js';
import { linesByLintedFile } from './diff-files.js';
import { addedLinesSince, gitTopLevel } from './git.js';
import type { CliIo } from './io.js';
import { fail } from './output.js';
import { describeIoError, err, ok, type Result } from './result.js';
import { LINT_USAGE } from './usage.js';
import { packageVersion } from './version.js';

interface LintArgs {
  files: string[];
  format: ReportFormat;
  fix: boolean;
  config: string | undefined;
  changed: { kind: 'lines'; spec: string } | { kind: 'diff'; file: string } | { kind: 'base'; rev: string } | null;
}

export const runLintCommand = withArgsAndConfig('lint', LINT_USAGE, parseLintArgs, lint);

async function lint(named: LintArgs, loaded: CliConfig, io: CliIo): Promise<number> {
  const { config } = loaded;
  const paths = await listFilesOrExit('lint', named.files, loaded, io);
  if (typeof paths === 'number') return paths;
  const args = { ...named, files: paths };
  const files = await readListFiles(args.files, io.cwd);
  if (!files.ok) return fail(io, files.error);
  const changed = await resolveChangedLines(args, io);
  if (!changed.ok) return fail(io, changed.error);

  let texts = files.value.map((f) => f.text);
  let fixedCount = 0;
  if (args.fix) {
    const fixed = await fixFiles(files.value, config);
    if (!fixed.ok) return fail(io, fixed.error);
    texts = fixed.value.texts;
    fixedCount = fixed.value.applied;
  }
  const docs = files.value.map((f, i) => parseList(texts[i], f.path));
  const lines = changed.value;
  const changedLines = lines ? (path: string) => changedLinesFor(lines, path) : undefined;
  let findings = lintDocuments(docs, config, { changedLines });
  if (changedLines) findings = filterFindingsToLines(findings, changedLines);

  const note = args.fix ? `Fixed ${fixedCount} ${fixedCount === 1 ? 'problem' : 'problems'}.\n` : '';
  if (args.format === 'text') io.stdout(note + formatText(findings, files.value.length));
  else {
    if (note) io.stderr(note);
    io.stdout(await render(args.format, findings, docs, io.cwd));
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function render(format: 'json' | 'sarif', findings: Finding[], docs: ListDocument[], cwd: string): Promise<string> {
  if (format === 'json') return formatJson(findings, docs.map(({ path, text }) => ({ path, text })), cwd);
  // Code scanning resolves URIs against the repository root, wherever in it the CLI ran.
  const root = await realLocation((await gitTopLevel(cwd)) ?? cwd);
  const uris = new Map<string, string>();
  for (const { path } of docs) uris.set(path, sarifUri(root, await realLocation(resolve(cwd, path))));
  return formatSarif(findings, { version: packageVersion(), uriOf: (path) => uris.get(path) ?? sarifUri(root, resolve(cwd, path)) });
}

/** `docs/a.md` below the root; a file outside it (no repository to be relative to) as a `file://` URI. */
export function sarifUri(root: string, absolute: string): string {
  if (!isInside(root, absolute)) return pathToFileURL(absolute).href;
  return relative(root, absolute).split(sep).join('/');
}

function parseLintArgs(argv: string[]): Result<LintArgs | 'help'> {
  const parsed = parseCommandArgs('lint', argv, {
    format: { type: 'string' },
    fix: { type: 'boolean' },
    config: { type: 'string' },
    'changed-lines': { type: 'string' },
    diff: { type: 'string' },
    base: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed.value;
  if (values.help) return ok('help');
  const format = oneOf('--format', values.format ?? 'text', REPORT_FORMATS);
  if (!format.ok) return format;
  const chosen = [
    values['changed-lines'] !== undefined ? ({ kind: 'lines', spec: values['changed-lines'] } as const) : null,
    values.diff !== undefined ? ({ kind: 'diff', file: values.diff } as const) : null,
    values.base !== undefined ? ({ kind: 'base', rev: values.base } as const) : null,
  ].filter((c) => c !== null);
  if (chosen.length > 1) return err('lint: use only one of --changed-lines, --diff and --base');
  if (values.fix && chosen.length > 0) return err('lint: --fix fixes whole files; it does not combine with --changed-lines, --diff or --base');
  return ok({ files: positionals, format: format.value, fix: values.fix === true, config: values.config, changed: chosen[0] ?? null });
}

async function resolveChangedLines(args: LintArgs, io: CliIo): Promise<Result<ChangedLines | null>> {
  const { cwd } = io;
  const choice = args.changed;
  if (!choice) return ok(null);
  if (choice.kind === 'lines') {
    const lines = parseLineSpec(choice.spec);
    return lines.ok ? ok({ files: new Map(), any: lines.value }) : err(`--changed-lines: ${lines.error}`);
  }
  if (choice.kind === 'base') return addedLinesSince(choice.rev, args.files, cwd);
  let diff: string;
  try {
    diff = await readFile(resolve(cwd, choice.file), 'utf8');
  } catch (error) {
    return err(`${choice.file}: cannot read diff: ${describeIoError(error)}`);
  }
  const added = addedLinesFromDiff(diff);
  if (!added.ok) return err(`${choice.file}: ${added.error}`);
  // Like `git diff` and GitHub's pull-request diffs, a diff names files relative to the repository's top level.
  const diffRoot = (await gitTopLevel(cwd)) ?? cwd;
  const { lines, readOnlyFromHere } = await linesByLintedFile(added.value, args.files, cwd, diffRoot);
  for (const { diffPath, file } of readOnlyFromHere) {
    io.stderr(
      `listkeeper: warning: ${choice.file}: "${diffPath}" is read from the git top level (${diffRoot}), so its lines do not count for ${file} here; ` +
        'make the diff at the top level (git diff without --relative)\n',
    );
  }
  return ok(lines);
}

/** Fix every file, then write those that changed. Nothing is written unless every file was read. */
async function fixFiles(files: ListFile[], config: ListkeeperConfig): Promise<Result<{ texts: string[]; applied: number }>> {
  let applied = 0;
  const texts: string[] = [];
  for (const file of files) {
    const result = fixDocument(file.text, file.path, config);
    texts.push(result.text);
    applied += result.applied;
  }
  for (let i = 0; i < files.length; i++) {
    if (texts[i] === files[i].text) continue;
    const written = await writeFileAtomic(files[i].absolute, texts[i], files[i].path);
    if (!written.ok) return err(written.error);
  }
  return ok({ texts, applied });
}
