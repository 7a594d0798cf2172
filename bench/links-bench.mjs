/**
 * `npm run bench:links`: listkeeper's link checker against markdown-link-check
 * and linkinator on the same generated 2,000-link list and the same local web
 * (bench/links-server.mjs: 20 loopback hosts, 20–150 ms latency, 429 above 8
 * requests in flight per host). Prints wall time against the lower bound,
 * requests sent, 429s provoked, and precision/recall of the dead verdicts.
 * A benchmark: it prints, it asserts nothing.
 *
 * Then the stall scenarios (listkeeper only): a host answering 429 with a
 * huge Retry-After, and the list with 17 URLs that never answer.
 *
 *   node bench/links-bench.mjs [--only listkeeper|stalls|stall429|hanging] [--links N]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DELETED_TEXT, HOSTS, latencyOf } from './links-server.mjs';

const { values } = parseArgs({ options: { only: { type: 'string' }, links: { type: 'string' } } });
const TOTAL = Number(values.links ?? 2000);
const PEER_TIMEOUT_MS = 5000;
/** listkeeper's defaults, for the lower bound. */
const LK_GLOBAL = 32;
const LK_HOST = 4;

/** Mix chosen so that a checker blind to soft-dead pages and bot walls scores precision 0.76, recall 0.70. */
const MIX = { alive: 0.695, dead: 0.175, deleted: 0.075, wall: 0.04, cf: 0.015 };
const TRUTH_DEAD = new Set(['dead', 'deleted']);

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(port) {
  const random = prng(20261129);
  const kinds = [];
  for (const [kind, share] of Object.entries(MIX)) for (let i = 0; i < Math.round(share * TOTAL); i++) kinds.push(kind);
  while (kinds.length < TOTAL) kinds.push('alive');
  kinds.length = TOTAL;
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const links = kinds.map((kind, n) => {
    const host = 1 + Math.floor(random() * HOSTS);
    return { kind, host, url: `http://127.0.0.${host}:${port}/${kind}/${n}` };
  });
  const lines = ['# Awesome Bench', ''];
  links.forEach((link, n) => {
    if (n % 50 === 0) lines.push('', `## Section ${n / 50 + 1}`, '');
    const day = String((n % 28) + 1).padStart(2, '0');
    lines.push(`- [Post ${n}: ${link.kind === 'deleted' ? '微信文章' : 'an article'}](${link.url}) | Source ${n % 7} 2023-03-${day}`);
  });
  return { links, markdown: `${lines.join('\n')}\n` };
}

function lowerBounds(links) {
  const perHost = new Map();
  for (const { host } of links) perHost.set(host, (perHost.get(host) ?? 0) + 1);
  let hostBound = 0;
  let serverBound = 0;
  let work = 0;
  for (const [host, n] of perHost) {
    const latency = latencyOf(host);
    hostBound = Math.max(hostBound, Math.ceil(n / LK_HOST) * latency);
    serverBound = Math.max(serverBound, Math.ceil(n / 8) * latency);
    work += n * latency;
  }
  return { listkeeper: Math.max(hostBound, work / LK_GLOBAL) / 1000, server: serverBound / 1000 };
}

function score(links, deadUrls) {
  const key = (url) => new URL(url).pathname;
  const predicted = new Set([...deadUrls].map(key));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const link of links) {
    const isDead = TRUTH_DEAD.has(link.kind);
    const saidDead = predicted.has(key(link.url));
    if (isDead && saidDead) tp++;
    else if (saidDead) fp++;
    else if (isDead) fn++;
  }
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

async function startServer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./links-server.mjs', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    child.stdout.once('data', (data) => resolve(String(data)));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ...JSON.parse(line) };
}

async function control(base, method = 'GET') {
  const res = await fetch(`${base}/${method === 'POST' ? 'reset' : 'stats'}`, { method });
  return res.json();
}

// Modules are loaded before the clock starts: the bench times checking, not Node's module loader.
const { runLinksCommand } = await import('../lib/cli/links-command.js');
const { default: markdownLinkCheck } = await import('markdown-link-check');
const { LinkChecker } = await import('linkinator');

async function runListkeeper(dir, listPath, _markdown, links) {
  const configPath = join(dir, 'listkeeper.yml');
  await writeFile(
    configPath,
    [
      'links:',
      '  timeout: 5000',
      '  rules:',
      '    - hosts: ["127.0.0.*"]',
      `      body: "${DELETED_TEXT}"`,
      '      verdict: dead',
      '',
    ].join('\n'),
  );
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir, isTTY: false };
  const code = await runLinksCommand([listPath, '--config', configPath, '--format', 'json', '--threshold', '1'], io);
  if (code === 2) throw new Error(`listkeeper failed: ${stderr}`);
  const report = JSON.parse(stdout);
  const checking = report.stats.durationMs / 1000;
  console.log(`  listkeeper: the checker itself took ${checking.toFixed(2)} s (${(checking / lowerBounds(links).listkeeper).toFixed(2)}× the bound); the rest is config, reading and parsing the list`);
  return report.results.filter((r) => r.verdict === 'dead').map((r) => r.occurrences[0].url);
}

async function runMarkdownLinkCheck(_dir, _listPath, markdown) {
  const results = await new Promise((resolve, reject) =>
    markdownLinkCheck(markdown, { timeout: `${PEER_TIMEOUT_MS / 1000}s` }, (error, res) => (error ? reject(error) : resolve(res))),
  );
  return results.filter((r) => r.status === 'dead' || r.status === 'error').map((r) => r.link);
}

async function runLinkinator(_dir, listPath) {
  const result = await new LinkChecker().check({ path: listPath, markdown: true, timeout: PEER_TIMEOUT_MS, retry: true });
  return result.links.filter((l) => l.state === 'BROKEN' && l.url.startsWith('http://127.0.0.')).map((l) => l.url);
}

/** Run listkeeper on `markdown` with `config` (YAML lines); its JSON report and the wall time, s. */
async function listkeeperReport(dir, name, markdown, config) {
  const listPath = join(dir, `${name}.md`);
  const configPath = join(dir, `${name}.yml`);
  await writeFile(listPath, markdown);
  await writeFile(configPath, ['links:', ...config.map((line) => `  ${line}`), ''].join('\n'));
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir, isTTY: false };
  const started = performance.now();
  const code = await runLinksCommand([listPath, '--config', configPath, '--format', 'json', '--threshold', '1'], io);
  const wall = (performance.now() - started) / 1000;
  if (code === 2) throw new Error(`listkeeper failed: ${stderr}`);
  return { report: JSON.parse(stdout), wall };
}

/** Longest first-to-last arrival of one path among `paths`, s, plus `tail` s (the last try's own wait). */
function longestChain(arrivals, paths, tail) {
  let longest = 0;
  for (const path of paths) {
    const seen = arrivals[path];
    if (seen) longest = Math.max(longest, (seen[1] - seen[0]) / 1000 + tail);
  }
  return longest;
}

function verdictCounts(results) {
  const counts = {};
  for (const r of results) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  return Object.entries(counts).map(([verdict, n]) => `${verdict} ${n}`).join(', ');
}

/**
 * The two stall scenarios of issue 10, listkeeper only: 12 links to a host
 * answering 429 with Retry-After: 999999999 (retries 1), and the 2,000-link
 * list with 17 URLs that never answer (timeout 5 s, retries 3).
 */
async function stallScenarios(server, dir, which) {
  console.log('');
  console.log('stall scenarios (listkeeper):');
  if (which !== 'hanging') await stalled429(server, dir);
  if (which !== 'stall429') await hangingUrls(server, dir);
}

async function stalled429(server, dir) {
  await control(server.control, 'POST');
  const stalled = Array.from({ length: 12 }, (_, n) => `http://127.0.0.3:${server.port}/stall429/${n}`);
  const stalledList = ['# Stalled', '', '## Posts', '', ...stalled.map((url, n) => `- [Post ${n}](${url}) | Source 2023-03-0${(n % 9) + 1}`), ''].join('\n');
  const a = await listkeeperReport(dir, 'stalled', stalledList, ['timeout: 5000', 'retries: 1']);
  const aStats = await control(server.control);
  const aChain = longestChain(aStats.arrivals, stalled.map((url) => new URL(url).pathname), 0);
  console.log(`  429 Retry-After 999999999, 12 links, retries 1: ${a.wall.toFixed(1)} s wall (target < 70 s), ` +
    `${aStats.requests} requests, longest chain of tries ${aChain.toFixed(1)} s; ${verdictCounts(a.report.results)}`);
  for (const reason of new Set(a.report.results.map((r) => r.reason))) console.log(`    reason: ${reason}`);
}

async function hangingUrls(server, dir) {
  const { links, markdown } = generate(server.port);
  const random = prng(17);
  const hanging = new Set();
  while (hanging.size < 17) hanging.add(Math.floor(random() * links.length));
  let hangList = markdown;
  const hangPaths = [];
  for (const n of hanging) {
    const url = new URL(links[n].url);
    const path = `/hang/${n}`;
    hangPaths.push(path);
    hangList = hangList.replace(`(${links[n].url})`, `(${url.origin}${path})`);
  }
  const config = [
    'timeout: 5000',
    'retries: 3',
    // The second run has the first one's history (which URLs failed), and reuses no alive result.
    `cache: ${join(dir, 'hanging-cache.json')}`,
    'max-age: 0',
    'rules:',
    '  - hosts: ["127.0.0.*"]',
    `    body: "${DELETED_TEXT}"`,
    '    verdict: dead',
  ];
  await rm(join(dir, 'hanging-cache.json'), { force: true });
  for (const label of ['first run', 'next run, with its history']) {
    await control(server.control, 'POST');
    await hangingRun(dir, hangList, config, hangPaths, label, links.length, server);
  }
}

async function hangingRun(dir, hangList, config, hangPaths, label, total, server) {
  const b = await listkeeperReport(dir, 'hanging', hangList, config);
  const bStats = await control(server.control);
  const bChain = longestChain(bStats.arrivals, hangPaths, 5);
  // 4 tries of 5 s plus the nominal backoff between them (1 + 2 + 4 s).
  console.log(`  ${total} links, 17 never answer, timeout 5 s, retries 3, ${label}: ${b.wall.toFixed(1)} s wall, ` +
    `${bStats.requests} requests, longest chain of tries ${bChain.toFixed(1)} s (nominal 27 s); ${verdictCounts(b.report.results)}`);
  const firstTries = hangPaths.map((path) => bStats.arrivals[path]?.[0]).filter((t) => t !== undefined);
  const otherLast = Math.max(...Object.entries(bStats.arrivals).filter(([path]) => !path.startsWith('/hang/')).map(([, seen]) => seen[1]));
  const runStart = Math.min(...Object.values(bStats.arrivals).map((seen) => seen[0]));
  console.log(`    checker ${(b.report.stats.durationMs / 1000).toFixed(1)} s; first tries of never-answering URLs from ${((Math.min(...firstTries) - runStart) / 1000).toFixed(1)} ` +
    `to ${((Math.max(...firstTries) - runStart) / 1000).toFixed(1)} s; last other request at ${((otherLast - runStart) / 1000).toFixed(1)} s`);
  const hangResults = b.report.results.filter((r) => r.occurrences[0].url.includes('/hang/'));
  for (const reason of new Set(hangResults.map((r) => `${r.verdict}: ${r.reason}`))) console.log(`    never-answering URLs: ${reason}`);
}

const TOOLS = [
  ['listkeeper', runListkeeper],
  ['markdown-link-check', runMarkdownLinkCheck],
  ['linkinator', runLinkinator],
];

async function main() {
  const server = await startServer();
  try {
    const { links, markdown } = generate(server.port);
    const dir = await mkdtemp(join(tmpdir(), 'lk-links-bench-'));
    const listPath = join(dir, 'README.md');
    await writeFile(listPath, markdown);
    const bounds = lowerBounds(links);
    const counts = Object.fromEntries(Object.keys(MIX).map((k) => [k, links.filter((l) => l.kind === k).length]));
    console.log(`links bench: ${links.length} unique links on ${HOSTS} hosts (latency 20–150 ms, 429 above 8 in flight per host)`);
    console.log(`  kinds: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}  (dead = dead + deleted)`);
    console.log(`  lower bound: ${bounds.listkeeper.toFixed(2)} s with listkeeper's default limits (${LK_GLOBAL} global, ${LK_HOST} per host); ` +
      `${bounds.server.toFixed(2)} s at the server's own limit (8 per host, no global limit)`);
    console.log('');
    const rows = [];
    for (const [name, run] of TOOLS) {
      if (values.only && values.only !== name) continue;
      await control(server.control, 'POST');
      const started = performance.now();
      let dead;
      try {
        dead = await run(dir, listPath, markdown, links);
      } catch (error) {
        console.log(`${name}: failed: ${error.message}`);
        continue;
      }
      const wall = (performance.now() - started) / 1000;
      const stats = await control(server.control);
      const { precision, recall } = score(links, dead);
      rows.push({ name, wall, requests: stats.requests, tooMany: stats.tooMany, precision, recall });
      console.log(`  ${name} done in ${wall.toFixed(1)} s`);
    }
    console.log('');
    const header = ['tool', 'wall s', '× bound', 'requests', '× unique', '429s', 'precision', 'recall'];
    const table = rows.map((r) => [
      r.name,
      r.wall.toFixed(2),
      (r.wall / bounds.listkeeper).toFixed(2),
      String(r.requests),
      (r.requests / links.length).toFixed(2),
      String(r.tooMany),
      r.precision.toFixed(2),
      r.recall.toFixed(2),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const fmt = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    console.log(fmt(header));
    for (const row of table) console.log(fmt(row));
    console.log('');
    console.log('Targets for listkeeper: precision and recall 1.00, 0 429s, requests ≤ 1.3× unique, wall ≤ 20 s and ≤ 1.5× the bound.');
    if (!values.only || ['listkeeper', 'stalls', 'stall429', 'hanging'].includes(values.only)) await stallScenarios(server, dir, values.only);
  } finally {
    server.child.kill();
  }
}

await main();
