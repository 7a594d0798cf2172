import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docArb, SORT_CONFIGS, sortViolation } from './sort-fuzz.js';

// The short run of `npm run fuzz`: generated documents with the layouts that
// trip sorting (blockquotes, mixed markers and indentation, tabs, lazy lines,
// fences, CRLF, BOM); remark's reading of the whole output must be the input's
// with only the sorted lists permuted. fast-check shrinks a failure to a small document.
describe('sort only ever reorders, over generated documents', () => {
  SORT_CONFIGS.forEach((sort, i) => {
    it(`order ${sort.order}, undated ${sort.undated}`, () => {
      fc.assert(
        fc.property(docArb, (doc) => {
          expect(sortViolation(doc, sort)).toBeNull();
        }),
        { numRuns: 75, seed: 20261205 + i },
      );
    });
  });
});
