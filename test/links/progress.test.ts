/** The progress writer: a redrawn bar for a terminal, plain periodic lines for logs and files. */
import { describe, expect, it } from 'vitest';
import { progressBarLine, progressLogLine, progressWriter, type ProgressTiming } from '../../src/links/progress.js';
import type { LinkProgress } from '../../src/links/types.js';

const CONTROL = /[\r\x1b]/;

/** A fake clock the test moves by hand. */
function clock(): { timing: ProgressTiming; advance: (ms: number) => void } {
  let now = 0;
  return { timing: { now: () => now, intervalMs: 10_000, minGapMs: 2_000, redrawMs: 100 }, advance: (ms) => void (now += ms) };
}

const at = (done: number, total: number, dead = 0, host = 'example.org'): LinkProgress => ({ done, total, dead, host });

describe('progressLogLine', () => {
  it('reads as a sentence with thousands separators, "so far" only while running', () => {
    expect(progressLogLine(at(800, 2000, 12))).toBe('checked 800/2,000 links, 12 dead so far');
    expect(progressLogLine(at(2000, 2000, 12))).toBe('checked 2,000/2,000 links, 12 dead');
  });
});

describe('progressBarLine', () => {
  it('fits the terminal width: never wraps, cuts the host first, then the bar', () => {
    const p = at(500, 2000, 3, 'a-very-long-host-name.example.org');
    for (const columns of [120, 80, 50, 30, 20, 10]) {
      const line = progressBarLine(p, columns);
      expect(line.startsWith('\r')).toBe(true);
      expect(line.endsWith('\x1b[K')).toBe(true);
      expect(line.slice(1, -3).length).toBeLessThanOrEqual(columns - 1);
    }
    expect(progressBarLine(p, 120)).toContain('a-very-long-host-name.example.org');
    expect(progressBarLine(p, 120)).toContain('[######                  ] 500/2,000 dead 3');
    expect(progressBarLine(p, 60)).toMatch(/\] 500\/2,000 dead 3 {2}a-very.*…/);
    expect(progressBarLine(p, 50)).not.toContain('a-very');
    expect(progressBarLine(p, 30)).toMatch(/^\r\[#* *\] 500\/2,000 dead 3\x1b\[K$/);
    expect(progressBarLine(p, 20)).toBe('\r500/2,000 dead 3\x1b[K');
  });
});

describe('progressWriter on a terminal', () => {
  it('redraws at most every 100 ms, always draws the last count, and clears the line at the end', () => {
    const { timing, advance } = clock();
    let out = '';
    const writer = progressWriter({ kind: 'terminal', columns: 80, write: (t) => void (out += t) }, timing);
    writer.update(at(1, 3));
    writer.update(at(2, 3)); // same instant: skipped
    advance(50);
    writer.update(at(3, 3)); // the last one is always drawn
    writer.finish();
    const draws = out.split('\r').filter((d) => d !== '' && d !== '\x1b[K');
    expect(draws.map((d) => d.match(/\d+\/\d+/)?.[0])).toEqual(['1/3', '3/3']);
    expect(out.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('progressWriter on a log (not a terminal)', () => {
  it('writes a plain line every 10 s and at 10 % steps (2 s apart at least), then the final count, never control codes', () => {
    const { timing, advance } = clock();
    const lines: string[] = [];
    const events: string[] = [];
    const writer = progressWriter({ kind: 'log', writeLine: (l) => void lines.push(l), open: () => void events.push('open'), close: () => void events.push('close') }, timing);
    const total = 2000;
    // 1 link a second for the first 15 links: only the 10 s line comes.
    for (let done = 1; done <= 15; done++) {
      advance(1000);
      writer.update(at(done, total));
    }
    expect(lines).toEqual(['checked 10/2,000 links, 0 dead so far']);
    // Then fast: 10 % steps, but never two lines within 2 s.
    for (let done = 16; done <= 800; done++) {
      advance(10);
      writer.update(at(done, total, done >= 700 ? 12 : 0));
    }
    expect(lines).toEqual(['checked 10/2,000 links, 0 dead so far', 'checked 200/2,000 links, 0 dead so far', 'checked 400/2,000 links, 0 dead so far', 'checked 600/2,000 links, 0 dead so far', 'checked 800/2,000 links, 12 dead so far']);
    advance(3000);
    writer.update(at(2000, total, 12));
    expect(lines.at(-1)).toBe('checked 2,000/2,000 links, 12 dead');
    expect(events).toEqual(['open', 'close']);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
  });

  it('stays silent for a run that ends within 2 s (no group opened either)', () => {
    const { timing, advance } = clock();
    const lines: string[] = [];
    const events: string[] = [];
    const writer = progressWriter({ kind: 'log', writeLine: (l) => void lines.push(l), open: () => void events.push('open'), close: () => void events.push('close') }, timing);
    for (let done = 1; done <= 50; done++) {
      advance(30);
      writer.update(at(done, 50, 1));
    }
    writer.finish();
    expect(lines).toEqual([]);
    expect(events).toEqual([]);
  });
});
