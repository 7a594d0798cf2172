import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineInDiff, unifiedPatch } from './diff.js';

/** Applies a GitHub-style patch (hunks only) to `oldText`; the inverse the fake's patches must satisfy. */
function applyPatch(oldText: string, patch: string): string {
  const old = oldText === '' ? [] : oldText.replace(/\n$/, '').split('\n');
  const oldEndsWithEol = oldText === '' || oldText.endsWith('\n');
  const out: string[] = [];
  let cursor = 0;
  let newEndsWithEol = oldEndsWithEol;
  let lastKind = '';
  for (const line of patch === '' ? [] : patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (header) {
      const start = Number(header[2] === '0' ? Number(header[1]) : Number(header[1]) - 1);
      while (cursor < start) out.push(old[cursor++]!);
      continue;
    }
    if (line.startsWith('\\')) {
      if (lastKind !== '-') newEndsWithEol = false;
      continue;
    }
    lastKind = line[0]!;
    if (line[0] === '+') {
      out.push(line.slice(1));
      newEndsWithEol = true;
    } else if (line[0] === '-') cursor++;
    else {
      out.push(old[cursor++]!);
      newEndsWithEol = true;
    }
  }
  while (cursor < old.length) {
    out.push(old[cursor++]!);
    newEndsWithEol = oldEndsWithEol;
  }
  return out.length === 0 ? '' : out.join('\n') + (newEndsWithEol ? '\n' : '');
}

const lines = fc.array(fc.constantFrom('a', 'b', 'c', '- [x](u) | s 2024-01-01', ''), { maxLength: 25 });
const text = fc.tuple(lines, fc.boolean()).map(([ls, eol]) => (ls.length === 0 ? '' : ls.join('\n') + (eol ? '\n' : '')));

describe('GitHub-format patches', () => {
  it('turn the old text into the new one', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyPatch(a, unifiedPatch(a, b))).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('mark the lines a review comment may target', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n') + '\n';
    const after = before.replace('l10\n', 'l10\nnew\n');
    expect(unifiedPatch(before, after).split('\n')[0]).toBe('@@ -8,6 +8,7 @@');
    expect([7, 8, 11, 14, 15].map((n) => lineInDiff(before, after, n, 'RIGHT'))).toEqual([false, true, true, true, false]);
  });
});
