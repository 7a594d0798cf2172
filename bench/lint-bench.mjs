#!/usr/bin/env node
/**
 * `npm run bench`: wall time and peak memory of `listkeeper lint` (all rules)
 * and `listkeeper sort --check` on generated lists of 5,000, 10,000 and
 * 40,000 entries, side by side with awesome-lint on the same files.
 *
 * Each tool runs as its own process under /usr/bin/time so peak memory is the
 * process's maximum resident set size. Prints figures; asserts nothing.
 * Options: --sizes 5000,10000 --skip-peers --peer-timeout 120
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateList } from './generate-list.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5000,10000,40000' },
    'skip-peers': { type: 'boolean', default: false },
    'peer-timeout': { type: 'string', default: '120' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const peerTimeout = Number(values['peer-timeout']) * 1000;
const outDir = join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const hasTime = existsSync('/usr/bin/time');
const listkeeper = join(root, 'bin', 'listkeeper.js');
const awesomeLint = join(root, 'node_modules', 'awesome-lint', 'cli.js');

/** Run a command, returning wall seconds and peak RSS in MB (null when /usr/bin/time is missing). */
function measure(cmd, args, timeoutMs, cwd = outDir) {
  const started = process.hrtime.bigint();
  const [file, argv] = hasTime ? ['/usr/bin/time', ['-f', '__PEAK_KB=%M', cmd, ...args]] : [cmd, args];
  const res = spawnSync(file, argv, { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /__PEAK_KB=(\d+)/.exec(res.stderr ?? '');
  return {
    seconds,
    peakMb: peak ? Number(peak[1]) / 1024 : null,
    status: res.status,
    timedOut: res.error?.code === 'ETIMEDOUT' || res.signal === 'SIGTERM',
  };
}

const fmt = (m) =>
  m.timedOut ? `>${(peerTimeout / 1000).toFixed(0)} s (timeout)` : `${m.seconds.toFixed(2)} s / ${m.peakMb === null ? '?' : m.peakMb.toFixed(0)} MB`;
const ratio = (a, b) => (b.timedOut ? `>${(peerTimeout / 1000 / a.seconds).toFixed(1)}x` : `${(b.seconds / a.seconds).toFixed(1)}x`);

console.log(`listkeeper lint benchmark on ${process.version}, ${(await import('node:os')).cpus().length} cores`);
console.log('entries | listkeeper lint | sort --check | awesome-lint | awesome-lint / listkeeper (time)');
const rows = [];
for (const n of sizes) {
  const file = join(outDir, `list-${n}.md`);
  writeFileSync(file, generateList(n));
  const lint = measure(process.execPath, [listkeeper, 'lint', '--format', 'json', file], 600_000);
  const sort = measure(process.execPath, [listkeeper, 'sort', '--check', file], 600_000);
  let peer = null;
  if (!values['skip-peers']) {
    // awesome-lint lints readme.md in the working directory; give it its own folder.
    const peerDir = join(outDir, `awesome-${n}`);
    mkdirSync(peerDir, { recursive: true });
    writeFileSync(join(peerDir, 'readme.md'), generateList(n));
    try {
      execFileSync('git', ['init', '-q'], { cwd: peerDir });
    } catch {
      /* awesome-lint only warns without git */
    }
    peer = measure(process.execPath, [awesomeLint, 'readme.md'], peerTimeout, peerDir);
  }
  rows.push({ n, lint, sort, peer });
  console.log(
    `${n} | ${fmt(lint)} (exit ${lint.status}) | ${fmt(sort)} (exit ${sort.status}) | ${peer ? fmt(peer) : 'skipped'} | ${peer ? ratio(lint, peer) : '-'}`,
  );
}
const at10k = rows.find((r) => r.n === 10000);
const at40k = rows.find((r) => r.n === 40000);
if (at10k && at40k) {
  console.log(`scaling 10,000 → 40,000 entries: lint ${(at40k.lint.seconds / at10k.lint.seconds).toFixed(2)}x time (linear is 4x; target ≤ 4.4x)`);
}
if (at10k) console.log(`target at 10,000 entries: ≤ 2 s and ≤ 300 MB; measured ${fmt(at10k.lint)}`);
