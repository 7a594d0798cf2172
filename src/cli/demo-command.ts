/**
 * `listkeeper demo`: the main job on a bundled example list, offline: lint
 * (every rule, duplicates included), the sort check, what `--fix` and
 * `sort --write` would change, and `add` reading a WeChat article from a
 * bundled fixture page server on loopback (refusing the same article under
 * its long address). Exits 0: finding problems is the point.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../core/config/config-types.js';
import { fixDocument } from '../core/fix.js';
import { formatText } from '../core/format.js';
import { lintDocuments } from '../core/lint.js';
import { parseList } from '../core/parse.js';
import { sortDocument } from '../core/sort/sort.js';
import { planAddition } from '../core/add/plan.js';
import { applyEdits } from '../core/edits.js';
import type { ListkeeperConfig } from '../core/config/config-types.js';
import { unifiedDiff } from '../github/commands/change-diff.js';
import { createPageMetadataReader } from '../links/metadata/read.js';
import { startDemoPageServer } from './demo-pages.js';
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
  out.push('', '4. Add an entry from its link (pages from a bundled fixture server on 127.0.0.1; nothing leaves the machine):', '');
  out.push(...(await demoAdd(text, config)));
  out.push('', 'On your own list: listkeeper lint README.md  |  listkeeper sort --check README.md  |  listkeeper links README.md  |  listkeeper add URL --to "Project › blog"', '');
  io.stdout(out.join('\n'));
  return 0;
}

/** A WeChat article's short address, and its long form as its page declares it (og:url). */
const DEMO_SHORT = 'https://mp.weixin.qq.com/s/DemoShort1Xy';
const DEMO_LONG = 'https://mp.weixin.qq.com/s?__biz=MzIzNjc1NzUzMw==&mid=2247623001&idx=2&sn=3f1a9c0b7d2e4a6b8c0d1e2f3a4b5c6d';
const DEMO_TO = 'ChatGLM › blog';

/**
 * `add` of an article by its long address (as a contributor pastes it), then of
 * the same article by its short address: the page's identity refuses the second.
 */
async function demoAdd(text: string, config: ListkeeperConfig): Promise<string[]> {
  const server = await startDemoPageServer({ 'mp.weixin.qq.com/s/DemoShort1Xy': 'wechat-article.html', 'mp.weixin.qq.com/s': 'wechat-article.html' });
  const reader = createPageMetadataReader({ dispatcher: server.dispatcher, retries: 0 });
  try {
    const out: string[] = [];
    const first = await reader(DEMO_LONG);
    const page = first.ok ? first.metadata : null;
    out.push(`$ listkeeper add '${DEMO_LONG}' --to "${DEMO_TO}" ${SHOWN}`);
    if (page) out.push(`  read from the page: title (${page.title?.from ?? 'none'}), source (${page.source?.from ?? 'none'}), date (${page.published?.from ?? 'none'}), identity ${page.identity?.value ?? 'none'}`);
    const plan = planAddition(text, SHOWN, page, { url: DEMO_LONG, to: DEMO_TO }, config);
    if (!plan.ok) return [...out, `  not added: ${plan.message}`];
    const added = applyEdits(text, [plan.edit]).text;
    out.push('', unifiedDiff(SHOWN, text, added), '');
    const second = await reader(DEMO_SHORT);
    const again = planAddition(added, SHOWN, second.ok ? second.metadata : null, { url: DEMO_SHORT, to: DEMO_TO }, config);
    out.push(`$ listkeeper add ${DEMO_SHORT} --to "${DEMO_TO}" ${SHOWN}`);
    out.push(again.ok ? '  added (unexpected: it is the same article)' : `  not added: ${again.message}`);
    return out;
  } finally {
    await reader.close();
    await server.close();
  }
}
