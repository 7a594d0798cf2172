/** The host scheduler's pauses, with fake timers: Retry-After is obeyed per host and capped. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostScheduler, HostStalledError } from '../../src/links/scheduler.js';
import { backoffDelay, parseRetryAfter } from '../../src/links/retry.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function scheduler(): HostScheduler {
  return new HostScheduler({ concurrency: 8, hostConcurrency: 2, interval: 0, maxPauseMs: 60_000 });
}

describe('HostScheduler', () => {
  it('holds a paused host until the pause ends, while other hosts go on', async () => {
    const s = scheduler();
    const started: string[] = [];
    s.pauseHost('a.example', 5000);
    void s.run('a.example', async () => void started.push('a'));
    void s.run('b.example', async () => void started.push('b'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(started).toEqual(['b']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['b', 'a']);
  });

  it('holds a host for the whole configured cap (60 s) when asked for an hour, and no longer', async () => {
    const s = scheduler();
    let started = false;
    s.pauseHost('slow.example', 3_600_000);
    void s.run('slow.example', async () => void (started = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });

  it('takes the cap from its options', async () => {
    const s = new HostScheduler({ concurrency: 8, hostConcurrency: 2, interval: 0, maxPauseMs: 15_000 });
    let started = false;
    s.pauseHost('slow.example', 3_600_000);
    void s.run('slow.example', async () => void (started = true));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });

  it('keeps the minimum interval between two requests to one host', async () => {
    const s = new HostScheduler({ concurrency: 8, hostConcurrency: 4, interval: 1000, maxPauseMs: 60_000 });
    const started: number[] = [];
    for (let i = 0; i < 3; i++) void s.run('h', async () => void started.push(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toEqual([0, 1, 2]);
  });
});

describe('HostScheduler budgets', () => {
  const budgeted = () =>
    new HostScheduler({ concurrency: 8, hostConcurrency: 2, interval: 0, maxPauseMs: 60_000, pauseBudgetMs: 60_000, timedOutUrlsInARow: 3 });

  it('gives a host up once its pause budget is used: queued and later requests fail without being sent', async () => {
    const s = budgeted();
    const sent: string[] = [];
    s.pauseHost('stall.example', 999_999_999_000);
    const queued = s.run('stall.example', async () => void sent.push('queued'));
    const other = s.run('ok.example', async () => void sent.push('other'));
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all([queued, other]);
    expect(sent).toEqual(['other', 'queued']);

    // Both slots busy, one request queued; then the host asks again after its 60 s were granted.
    const busy = () => s.run('stall.example', () => new Promise<void>(() => undefined));
    void busy();
    void busy();
    // Tasks start a microtask after they are queued: let both take the host's two slots.
    await vi.advanceTimersByTimeAsync(0);
    const waiting = s.run('stall.example', async () => void sent.push('waiting'));
    s.pauseHost('stall.example', 999_999_999_000);
    await expect(waiting).rejects.toThrow(new HostStalledError('stall.example', 'pause budget 60 s used'));
    await expect(s.run('stall.example', async () => void sent.push('later'))).rejects.toThrow('stall.example stalled (pause budget 60 s used)');
    await s.run('ok.example', async () => void sent.push('other again'));
    expect(sent).toEqual(['other', 'queued', 'other again']);
  });

  it('takes several 429s of one burst as one refusal: the host is paused once, not given up', async () => {
    const s = budgeted();
    let started = false;
    s.pauseHost('busy.example', 60_000);
    await vi.advanceTimersByTimeAsync(10);
    s.pauseHost('busy.example', 60_000); // an answer to a request sent before the pause began
    void s.run('busy.example', async () => void (started = true));
    await vi.advanceTimersByTimeAsync(59_990);
    expect(started).toBe(true);
  });

  it('grants only what is left of the budget', async () => {
    const s = new HostScheduler({ concurrency: 8, hostConcurrency: 2, interval: 0, maxPauseMs: 60_000, pauseBudgetMs: 45_000 });
    let started = false;
    s.pauseHost('busy.example', 30_000);
    await vi.advanceTimersByTimeAsync(30_000);
    s.pauseHost('busy.example', 30_000);
    void s.run('busy.example', async () => void (started = true));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });

  it('gives a host up once the configured number of its URLs time out in a row; an answer starts the count again', async () => {
    const s = budgeted();
    s.noteTimeout('slow.example', '/a', true);
    s.noteTimeout('slow.example', '/b', true);
    s.noteTimeout('slow.example', '/c', false);
    s.noteTimeout('slow.example', '/d', true);
    s.noteTimeout('slow.example', '/e', true);
    await expect(s.run('slow.example', async () => 'sent')).resolves.toBe('sent');
    s.noteTimeout('slow.example', '/f', true);
    await expect(s.run('slow.example', async () => 'sent')).rejects.toThrow('slow.example stalled (3 URLs timed out in a row)');
  });

  it("does not give a host up for one page's retries timing out", async () => {
    const s = budgeted();
    for (let i = 0; i < 10; i++) s.noteTimeout('slow.example', '/hangs', true);
    await expect(s.run('slow.example', async () => 'sent')).resolves.toBe('sent');
  });

  it('lets a request that hangs give its global slot to another host, but not its host slot', async () => {
    const s = new HostScheduler({ concurrency: 1, hostConcurrency: 1, interval: 0, maxPauseMs: 60_000, slowRequestMs: 2000 });
    const started: string[] = [];
    void s.run('hangs.example', () => new Promise<void>(() => void started.push('hanging')));
    void s.run('hangs.example', async () => void started.push('same host'));
    void s.run('fast.example', async () => void started.push('other host'));
    await vi.advanceTimersByTimeAsync(1999);
    expect(started).toEqual(['hanging']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['hanging', 'other host']);
  });

  it("starts a URL's retry before the host's queued first tries, and URLs that failed last run before the others", async () => {
    const s = new HostScheduler({ concurrency: 8, hostConcurrency: 1, interval: 0, maxPauseMs: 60_000 });
    const started: string[] = [];
    let release = () => undefined as void;
    void s.run('h', () => new Promise<void>((resolve) => (release = resolve)));
    await vi.advanceTimersByTimeAsync(0);
    for (const name of ['first 1', 'first 2']) void s.run('h', async () => void started.push(name));
    void s.run('h', async () => void started.push('failed before'), 'failed-before');
    void s.run('h', async () => void started.push('retry A'), 'retry');
    void s.run('h', async () => void started.push('retry B'), 'retry');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(['retry A', 'retry B', 'failed before', 'first 1', 'first 2']);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-29T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('backs off exponentially with jitter between 50 % and 150 %', () => {
    expect(backoffDelay(1, 100, () => 0)).toBe(50);
    expect(backoffDelay(3, 100, () => 0.5)).toBe(400);
    expect(backoffDelay(3, 100, () => 0.999)).toBeLessThanOrEqual(600);
  });
});
