/** The failure history: pure merges, thresholds, and the cache file around it. */
import { link, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyCache, loadCacheFile, saveCacheFile, updateCache } from '../../src/links/cache.js';
import { checkLinks } from '../../src/links/check.js';
import { applyHistory, emptyHistory, parseHistory, pruneHistory } from '../../src/links/history.js';
import { runWith } from './runs.js';
import { closeAll, FAST, startHost, targetsFor } from './servers.js';

afterEach(closeAll);

describe('applyHistory', () => {
  it('counts consecutive dead runs and reports at the threshold', () => {
    let history = emptyHistory();
    const reportable: boolean[] = [];
    for (const day of ['01', '02', '03']) {
      const judged = applyHistory(runWith({ 'a.org/x': 'dead' }, `2026-11-${day}T00:00:00.000Z`), history, { threshold: 3 });
      history = judged.history;
      reportable.push(judged.run.results[0].reportable);
    }
    expect(reportable).toEqual([false, false, true]);
    expect(history.urls['a.org/x']).toMatchObject({ failedRuns: 3, failingSince: '2026-11-01T00:00:00.000Z', lastVerdict: 'dead' });
  });

  it('an alive run ends the streak; a blocked run resets it', () => {
    const one = applyHistory(runWith({ a: 'dead', b: 'dead' }, '2026-11-01T00:00:00Z'), emptyHistory(), { threshold: 2 });
    const two = applyHistory(runWith({ a: 'alive', b: 'blocked' }, '2026-11-02T00:00:00Z'), one.history, { threshold: 2 });
    expect(two.history.urls.a).toBeUndefined();
    expect(two.history.urls.b).toMatchObject({ failedRuns: 0, failingSince: null });
    const three = applyHistory(runWith({ a: 'dead', b: 'dead' }, '2026-11-03T00:00:00Z'), two.history, { threshold: 2 });
    expect(three.run.results.map((r) => r.reportable)).toEqual([false, false]);
  });

  it('an unknown verdict (offline run) neither extends nor ends a streak', () => {
    const one = applyHistory(runWith({ a: 'dead' }, '2026-11-01T00:00:00Z'), emptyHistory(), { threshold: 2 });
    const offline = applyHistory(runWith({ a: 'unknown' }, '2026-11-02T00:00:00Z'), one.history, { threshold: 2 });
    expect(offline.run.results[0].reportable).toBe(false);
    expect(offline.history.urls.a.failedRuns).toBe(1);
    const three = applyHistory(runWith({ a: 'dead' }, '2026-11-03T00:00:00Z'), offline.history, { threshold: 2 });
    expect(three.run.results[0]).toMatchObject({ reportable: true, failedRuns: 2 });
  });

  it('does not change its inputs, and its output round-trips through JSON', () => {
    const history = emptyHistory();
    const run = runWith({ a: 'dead' }, '2026-11-01T00:00:00Z');
    const judged = applyHistory(run, history, { threshold: 1 });
    expect(history.urls).toEqual({});
    expect(run.results[0].failedRuns).toBe(0);
    expect(parseHistory(JSON.parse(JSON.stringify(judged.history)))).toEqual(judged.history);
    expect(parseHistory({ version: 2, urls: {} })).toBeNull();
    expect(parseHistory({ version: 1, urls: { a: { failedRuns: -1 } } })).toBeNull();
  });

  it('prunes URLs that left the list', () => {
    const { history } = applyHistory(runWith({ a: 'dead', b: 'dead' }, '2026-11-01T00:00:00Z'), emptyHistory(), { threshold: 2 });
    expect(Object.keys(pruneHistory(history, ['b']).urls)).toEqual(['b']);
  });
});

describe('cache file', () => {
  const dirs: string[] = [];
  const tempFile = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lk-cache-'));
    dirs.push(dir);
    return join(dir, 'nested', 'links.json');
  };

  it('reuses a fresh alive result without a request, and re-checks it once stale', async () => {
    const host = await startHost('127.0.0.30', (_req, res) => res.writeHead(200).end());
    const targets = targetsFor([host.url('/ok')]);
    const file = await tempFile();
    const first = await checkLinks(targets, { ...FAST, now: () => new Date('2026-11-01T00:00:00Z') });
    await saveCacheFile(file, updateCache(emptyCache(), first, emptyHistory()));
    expect(host.requests).toHaveLength(1);

    const { cache, warning } = await loadCacheFile(file);
    expect(warning).toBeNull();
    const second = await checkLinks(targets, { ...FAST, cache, now: () => new Date('2026-11-01T12:00:00Z') });
    expect(second.results[0]).toMatchObject({ verdict: 'alive', cached: true, requests: 0 });
    expect(host.requests).toHaveLength(1);

    const stale = await checkLinks(targets, { ...FAST, cache, now: () => new Date('2026-11-03T00:00:00Z') });
    expect(stale.results[0].cached).toBe(false);
    expect(host.requests).toHaveLength(2);
  });

  it('never reuses a failure: a dead link is checked again next run', async () => {
    const host = await startHost('127.0.0.31', (_req, res) => res.writeHead(404).end());
    const targets = targetsFor([host.url('/gone')]);
    const first = await checkLinks(targets, FAST);
    const cache = updateCache(emptyCache(), first, emptyHistory());
    await checkLinks(targets, { ...FAST, cache });
    expect(host.requests.filter((r) => r.method === 'HEAD')).toHaveLength(2);
  });

  it('ignores a corrupt cache file with a warning', async () => {
    const file = await tempFile();
    await saveCacheFile(file, emptyCache());
    await writeFile(file, '{"version":1,"alive":{"x":', 'utf8');
    const { cache, warning } = await loadCacheFile(file);
    expect(cache).toEqual(emptyCache());
    expect(warning).toMatch(/corrupt/);
  });

  it('starts empty without a warning when there is no cache yet', async () => {
    const { cache, warning } = await loadCacheFile(await tempFile());
    expect(warning).toBeNull();
    expect(cache.alive).toEqual({});
  });

  it('writes the file atomically as JSON that loads back', async () => {
    const file = await tempFile();
    const { history } = applyHistory(runWith({ a: 'dead' }, '2026-11-01T00:00:00.000Z'), emptyHistory(), { threshold: 2 });
    await saveCacheFile(file, { ...emptyCache(), history });
    expect(JSON.parse(await readFile(file, 'utf8')).history.urls.a.failedRuns).toBe(1);
    expect((await loadCacheFile(file)).cache.history).toEqual(history);
  });

  it('replaces the file by renaming a complete new one over it: a reader of the old file keeps all of it', async () => {
    const file = await tempFile();
    const first = applyHistory(runWith({ a: 'dead' }, '2026-11-01T00:00:00.000Z'), emptyHistory(), { threshold: 2 }).history;
    await saveCacheFile(file, { ...emptyCache(), history: first });
    const firstText = await readFile(file, 'utf8');
    // A second name for the old file, as a reader that opened it holds it: a write in place
    // (truncate, then write) would change what it sees, half-way through if it read then.
    const reader = `${file}.reader`;
    await link(file, reader);
    const second = applyHistory(runWith({ a: 'dead' }, '2026-11-02T00:00:00.000Z'), first, { threshold: 2 }).history;
    await saveCacheFile(file, { ...emptyCache(), history: second });
    expect(await readFile(reader, 'utf8')).toBe(firstText);
    expect((await stat(file)).ino).not.toBe((await stat(reader)).ino);
    expect(JSON.parse(await readFile(file, 'utf8')).history.urls.a.failedRuns).toBe(2);
    expect((await readdir(dirname(file))).sort()).toEqual(['links.json', 'links.json.reader']);
  });
});
