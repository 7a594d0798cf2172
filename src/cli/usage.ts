/** Help texts. Every command has one; errors point at them. */
import { RULE_IDS } from '../core/config/config-types.js';
import { MAX_LIST_BYTES } from '../core/decode.js';

/** Where files come from when none is named; shared by lint and links. */
export const CONFIGURED_FILES = `Without files: those the config file's \`files\` globs (default README.md)
match, relative to the folder above the config's .github/ (else the git top
level, else the current directory); \`!\` globs leave files out. A glob that
matches no file is an error. A directory named stands for its Markdown files.`;

export const MAIN_USAGE = `listkeeper keeps a curated Markdown list healthy: lint entries, find
duplicates, sort by date, check links.

Usage: listkeeper <command> [options]

Commands:
  lint [file...]     check entries, dates, links' form, duplicates and sort order
  sort [file...]     sort every list by date (print, --check or --write)
  links [file...]    check that links are alive
  add <url> [file]   add an article's entry to a list, at its date (--to "Project › blog")
  demo               run lint, duplicates and the sort check on a bundled example list

A directory stands for the Markdown files below it. lint, sort and links
without files take them from the config's \`files\`.

Options:
  -h, --help         show help (also after a command: listkeeper lint --help)
  -v, --version      show the version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

export const LINT_USAGE = `Usage: listkeeper lint [file...] [options]

Check every entry of the list files. Duplicates are found across all files.
${CONFIGURED_FILES}

Options:
  --format text|json|sarif  output format (default text)
  --fix                     apply every unambiguous fix, write the files, report what remains
  --config F                config file (default: the nearest .github/listkeeper.yml,
                            up to the git top level)
  --changed-lines SPEC      report only messages on these lines, e.g. 12-20,44
  --diff FILE               report only messages on lines added by this unified diff
                            (its paths relative to the git top level, else the
                            current directory, as git diff writes them)
  --base REV                report only messages on lines added since REV (git diff REV)
  -h, --help                show this help

Rules: ${RULE_IDS.join(', ')}.
With --changed-lines, --diff or --base, duplicates and sort order are still
computed against the whole files.
Files larger than ${MAX_LIST_BYTES / 1024 / 1024} MB, empty, binary or not UTF-8 are refused.
Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O error.
`;

export const SORT_USAGE = `Usage: listkeeper sort [file|dir...] [--write | --check] [--config F]

Sort the items of every list by date (the date of each item's own entry line).
Undated items keep their places; nested lists are sorted on their own; nothing
but the order of items changes. The order comes from the config's sort
section (order: asc|desc, undated: keep|top|bottom).

Options:
  --check      exit 1 and name each list that is out of order
  --write      rewrite the file in place (atomically)
  --config F   config file (default: the nearest .github/listkeeper.yml, up to the
               git top level)
  -h, --help   show this help

Several files (as a pre-commit hook passes them) and directories (their .md
and .markdown files) are sorted one by one; without files, the config's
\`files\` are. Without --check or --write the sorted file is printed to stdout
(one file only).
Exit status: 0 sorted (or written), 1 out of order (--check), 2 usage or I/O error.
`;

export const DEMO_USAGE = `Usage: listkeeper demo

Run lint (every rule, duplicates included) and the sort check on a bundled
example list, offline, and explain what was found. Always exits 0.
`;
