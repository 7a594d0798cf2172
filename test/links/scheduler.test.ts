/** The host scheduler's pauses, with fake timers: Retry-After is obeyed per host and capped. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostScheduler } from '../../src/links/scheduler.js';
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
