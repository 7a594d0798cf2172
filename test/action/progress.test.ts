/** Link-check progress in the Action's job log: plain lines inside a "Checking links" group. */
import { describe, expect, it } from 'vitest';
import { actionProgressTarget } from '../../src/action/workflows.js';
import { progressWriter } from '../../src/links/progress.js';

describe('link-check progress in the job log', () => {
  it('folds a long check\'s progress lines into one group, with no control codes', () => {
    const log: string[] = [];
    let now = 0;
    const writer = progressWriter(
      actionProgressTarget({ info: (m) => void log.push(m), startGroup: (name) => void log.push(`::group::${name}`), endGroup: () => void log.push('::endgroup::') }),
      { now: () => now, intervalMs: 10_000, minGapMs: 2_000, redrawMs: 100 },
    );
    for (let done = 1; done <= 2000; done++) {
      now += 25; // 50 s in all
      writer.update({ done, total: 2000, dead: Math.floor(done / 100), host: 'example.org' });
    }
    expect(log[0]).toBe('::group::Checking links');
    expect(log.at(-2)).toBe('checked 2,000/2,000 links, 20 dead');
    expect(log.at(-1)).toBe('::endgroup::');
    expect(log).toContain('checked 800/2,000 links, 8 dead so far');
    expect(log.filter((l) => l.startsWith('::')).length).toBe(2);
    for (const line of log) expect(line).not.toMatch(/[\r\x1b]/);
  });
});
