import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/app/jobs.js';

/** A job the test finishes by hand, recording when it starts. */
function gate(log: string[], name: string): { run: () => Promise<void>; finish: () => void; fail: (e: Error) => void } {
  let finish = (): void => undefined;
  let fail = (_e: Error): void => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: () => finish(),
    fail: (e) => fail(e),
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function queue(errors: string[] = []): JobQueue {
  return new JobQueue({ onError: (lane, key, error) => errors.push(`${lane} ${key} ${(error as Error).message}`) });
}

describe('JobQueue', () => {
  it('runs one job per repository at a time, in arrival order', async () => {
    const log: string[] = [];
    const q = queue();
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    expect(q.enqueue('o/r', 'pr#1', a.run)).toBe('started');
    expect(q.enqueue('o/r', 'pr#2', b.run)).toBe('queued');
    await flush();
    expect(log).toEqual(['start a']);
    a.finish();
    await flush();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.finish();
    await q.idle();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(q.size).toBe(0);
  });

  it('runs different repositories side by side', async () => {
    const log: string[] = [];
    const q = queue();
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    q.enqueue('o/one', 'report', a.run);
    q.enqueue('o/two', 'report', b.run);
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    a.finish();
    await q.idle();
    expect(log).toContain('end a');
    expect(log).toContain('end b');
  });

  it('coalesces a second trigger for a waiting job into it, keeping its place and running the newest work', async () => {
    const log: string[] = [];
    const q = queue();
    const running = gate(log, 'report-1');
    q.enqueue('o/r', 'report', running.run);
    const pr = gate(log, 'pr-old');
    const newer = gate(log, 'pr-new');
    const other = gate(log, 'other');
    expect(q.enqueue('o/r', 'pr#5', pr.run)).toBe('queued');
    expect(q.enqueue('o/r', 'pr#9', other.run)).toBe('queued');
    expect(q.enqueue('o/r', 'pr#5', newer.run)).toBe('coalesced');
    expect(q.size).toBe(3);
    running.finish();
    newer.finish();
    other.finish();
    await q.idle();
    expect(log).toEqual(['start report-1', 'end report-1', 'start pr-new', 'end pr-new', 'start other', 'end other']);
  });

  it('runs a job once more when it is triggered while running, however many triggers come', async () => {
    const log: string[] = [];
    const q = queue();
    const first = gate(log, 'first');
    q.enqueue('o/r', 'report', first.run);
    await flush();
    const again = [gate(log, 'second'), gate(log, 'third'), gate(log, 'fourth')];
    expect(q.enqueue('o/r', 'report', again[0].run)).toBe('queued');
    expect(q.enqueue('o/r', 'report', again[1].run)).toBe('coalesced');
    expect(q.enqueue('o/r', 'report', again[2].run)).toBe('coalesced');
    first.finish();
    again[2].finish();
    await q.idle();
    expect(log).toEqual(['start first', 'end first', 'start fourth', 'end fourth']);
  });

  it('reports a failing job and goes on with the lane', async () => {
    const log: string[] = [];
    const errors: string[] = [];
    const q = queue(errors);
    const bad = gate(log, 'bad');
    const good = gate(log, 'good');
    q.enqueue('o/r', 'pr#1', bad.run);
    q.enqueue('o/r', 'pr#2', good.run);
    bad.fail(new Error('boom'));
    good.finish();
    await q.idle();
    expect(errors).toEqual(['o/r pr#1 boom']);
    expect(log).toEqual(['start bad', 'start good', 'end good']);
  });

  it('keeps going when the error reporter itself throws', async () => {
    const log: string[] = [];
    const q = new JobQueue({
      onError: () => {
        throw new Error('reporter down');
      },
    });
    q.enqueue('o/r', 'a', async () => {
      throw new Error('job failed');
    });
    const next = gate(log, 'next');
    q.enqueue('o/r', 'b', next.run);
    next.finish();
    await q.idle();
    expect(log).toEqual(['start next', 'end next']);
  });

  it('is idle at once when nothing was queued', async () => {
    await expect(queue().idle()).resolves.toBeUndefined();
  });
});
