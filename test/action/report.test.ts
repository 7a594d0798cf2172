import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/github/pr-check/annotations.js';
import { emitAnnotations, failureFor, overflowSection } from '../../src/action/report.js';

function ann(level: Annotation['level'], line: number): Annotation {
  return { path: 'README.md', startLine: line, endLine: line, level, title: `listkeeper: rule-${level}`, message: `${level} on line ${line}` };
}

describe('annotations on the runner', () => {
  it('shows at most 10 of each level, errors first, and lists the rest in the summary', () => {
    const all = [...Array.from({ length: 12 }, (_, i) => ann('warning', i + 1)), ...Array.from({ length: 13 }, (_, i) => ann('error', i + 100)), ann('notice', 5)];
    const shown: Annotation[] = [];
    const overflow = emitAnnotations(all, (a) => shown.push(a));
    expect(shown.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(shown.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(shown.filter((a) => a.level === 'notice')).toHaveLength(1);
    expect(shown[0]!.level).toBe('error');
    expect(overflow.map((a) => `${a.level}:${a.startLine}`)).toEqual(['error:110', 'error:111', 'error:112', 'warning:11', 'warning:12']);
    const section = overflowSection(overflow, 'https://github.com/o/r/blob/abc123/');
    expect(section).toContain('### 5 more messages');
    expect(section).toContain('| error | [`README.md:110`](https://github.com/o/r/blob/abc123/README.md#L110) | listkeeper: rule-error | error on line 110 |');
    // Without a known commit, the place is still a code span (file names are anyone's).
    expect(overflowSection(overflow)).toContain('| error | `README.md:110` |');
    expect(overflowSection([])).toBe('');
  });
});

describe('fail-on', () => {
  it('fails on errors, on warnings only when asked, never with never', () => {
    expect(failureFor('error', { errors: 1, warnings: 0 })).toBe('listkeeper found 1 error, 0 warnings');
    expect(failureFor('error', { errors: 0, warnings: 3 })).toBeNull();
    expect(failureFor('warning', { errors: 0, warnings: 3 })).toBe('listkeeper found 0 errors, 3 warnings (fail-on: warning)');
    expect(failureFor('never', { errors: 5, warnings: 5 })).toBeNull();
  });
});
