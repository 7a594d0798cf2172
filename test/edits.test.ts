import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../src/core/edits.js';

describe('applyEdits', () => {
  it('applies edits given in any order, at their original offsets', () => {
    const text = '- [a](example.com) | AINLP  2023-1-5';
    const edits = [
      { start: 26, end: 28, text: ' ' },
      { start: 6, end: 6, text: 'https://' },
      { start: 28, end: 36, text: '2023-01-05' },
    ];
    const result = applyEdits(text, edits);
    expect(result.text).toBe('- [a](https://example.com) | AINLP 2023-01-05');
    expect(result.applied.map((e) => e.start)).toEqual([6, 26, 28]);
    expect(result.skipped).toEqual([]);
  });

  it('skips an edit that overlaps one already taken', () => {
    const result = applyEdits('abcdef', [
      { start: 1, end: 4, text: 'X' },
      { start: 2, end: 5, text: 'Y' },
      { start: 4, end: 6, text: 'Z' },
    ]);
    expect(result.text).toBe('aXZ');
    expect(result.skipped).toEqual([{ start: 2, end: 5, text: 'Y' }]);
  });

  it('applies two insertions at one offset in the order given, and an insertion before a replacement there', () => {
    expect(applyEdits('ab', [{ start: 1, end: 1, text: '1' }, { start: 1, end: 1, text: '2' }]).text).toBe('a12b');
    expect(applyEdits('abc', [{ start: 1, end: 2, text: 'X' }, { start: 1, end: 1, text: '>' }]).text).toBe('a>Xc');
  });

  it('skips an insertion inside a replaced range, and edits outside the text', () => {
    const result = applyEdits('abcdef', [
      { start: 1, end: 4, text: 'X' },
      { start: 2, end: 2, text: '!' },
      { start: 5, end: 9, text: '?' },
      { start: -1, end: 0, text: '?' },
    ]);
    expect(result.text).toBe('aXef');
    expect(result.skipped).toHaveLength(3);
  });

  it('equals applying the taken edits one by one from the end (property)', () => {
    const editArb = (len: number) =>
      fc.tuple(fc.integer({ min: 0, max: len }), fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 })).map(([start, size, text]) => ({
        start,
        end: Math.min(len, start + size),
        text,
      }));
    const caseArb = fc.string({ maxLength: 20 }).chain((text) => fc.tuple(fc.constant(text), fc.array(editArb(text.length), { maxLength: 6 })));
    fc.assert(
      fc.property(caseArb, ([text, edits]) => {
        const result = applyEdits(text, edits);
        let expected = text;
        for (const e of [...result.applied].reverse()) expected = expected.slice(0, e.start) + e.text + expected.slice(e.end);
        expect(result.text).toBe(expected);
        expect(result.applied.length + result.skipped.length).toBe(edits.length);
        for (let i = 1; i < result.applied.length; i++) expect(result.applied[i].start).toBeGreaterThanOrEqual(result.applied[i - 1].end);
      }),
      { numRuns: 300 },
    );
  });
});
