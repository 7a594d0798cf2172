/**
 * `listkeeper demo`: the main job on a bundled example list, offline: lint
 * (every rule, duplicates included), the sort check, and what `--fix` and
 * `sort --write` would change. Exits 0: finding problems is the point.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../core/config/config-types.js';
import { fixDocument } from '../core/fix.js';
import { formatText } from '../core/format.js';
import { lintDocuments } from '../core/lint.js';
import { parseList } from '../core/parse.js';
import { sortDocument } from '../core/sort/sort.js';
import type { CliIo } from './io.js';
import { fail, usageError } from './output.js';
import { describeIoError } from './result.js';
import { unmovableLine, unsortedLine } from './sort-command.js';
import { DEMO_USAGE } from './usage.js';

const EXAMPLE = new URL('../../examples/awesome-chatbots.md', import.meta.url);
const SHOWN = 'examples/awesome-chatbots.md';

export async function runDemoCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(DEMO_USAGE);
    return 0;
  }
  if (argv.length > 0) return usageError(io, `demo: takes no arguments (got "${argv[0]}")`, 'demo');
  let text: string;
  try {
    text = await readFile(fileURLToPath(EXAMPLE), 'utf8');
  } catch (error) {
    return fail(io, `${SHOWN}: cannot read the bundled example: ${describeIoError(error)}`);
  }
  const config = defaultConfig();
  const doc = parseList(text, SHOWN);
  const findings = lintDocuments([doc], config);
  const sorted = sortDocument(doc, config.sort);
  const fixed = fixDocument(text, SHOWN, config);
  const out: string[] = [];
  out.push(`listkeeper demo: checking ${SHOWN}, a bundled example list (${doc.items.length} items), offline.`, '');
  out.push('1. Lint: entry format, dates, link form, duplicates, whitespace, sort order', '');
  out.push(formatText(findings, 1));
  out.push('2. Sort check: lists whose items are not in date order', '');
  if (sorted.unsorted.length === 0 && sorted.unmovable.length === 0) out.push('Every list is sorted by date.');
  // Lists sort leaves alone go in document order with the others, each saying why.
  const lines = [...sorted.unsorted.map((u) => ({ line: u.line, text: unsortedLine(SHOWN, u) })), ...sorted.unmovable.map((u) => ({ line: u.line, text: unmovableLine(SHOWN, u) }))];
  for (const l of lines.sort((a, b) => a.line - b.line)) out.push(l.text);
  out.push('', '3. What listkeeper would change (nothing was written):', '');
  out.push(`- \`listkeeper lint --fix ${SHOWN}\` would apply ${fixed.applied} fixes; ${fixed.remaining.length} messages would remain for a person to look at.`);
  const leftAlone = sorted.unmovable.length === 0 ? '' : ` and leave ${sorted.unmovable.length} it cannot reorder safely as they are (see above)`;
  out.push(`- \`listkeeper sort --write ${SHOWN}\` would reorder ${sorted.unsorted.length} lists, moving only whole items${leftAlone}.`);
  out.push('', 'On your own list: listkeeper lint README.md  |  listkeeper sort --check README.md  |  listkeeper links README.md', '');
  io.stdout(out.join('\n'));
  return 0;
}
