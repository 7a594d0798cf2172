/**
 * `date-format` — an entry's date is written `YYYY-MM-DD` and is a real calendar date.
 *
 * When to use it: always; one date format keeps the list sortable and
 * greppable. `2023-1-5`, `2023/01/05` and `2023.01.05` are read as dates (so
 * `sort` still places them) but reported; `2023-02-30` is not a date at all.
 *
 * Options: none. Default severity: error.
 *
 * Fix: the date rewritten as `YYYY-MM-DD` when year, month and day are
 * unambiguous (always year first); none for impossible dates.
 *
 * @example ok
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Leap day models](https://example.com/leap) | Lab Notes 2024-02-29
 *
 * @example not-ok
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-1-5
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023/01/05
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023.01.05
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-02-30
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-13-01
 */
import type { ListRule, RuleMessage } from '../rule.js';
import { entryItems, quote, ruleUrl } from './shared.js';

export const dateFormatRule: ListRule = {
  id: 'date-format',
  defaultSeverity: 'error',
  url: ruleUrl('date-format'),
  check(doc) {
    const out: RuleMessage[] = [];
    for (const { entry } of entryItems(doc)) {
      const date = entry.date;
      if (!date) continue;
      if (date.value === null) {
        out.push({ reason: `${quote(date.raw)} is not a calendar date (expected \`YYYY-MM-DD\`)`, span: date.span });
      } else if (!date.wellFormed) {
        out.push({
          reason: `Date ${quote(date.raw)} is not written \`YYYY-MM-DD\`: expected \`${date.value}\``,
          span: date.span,
          fix: { start: date.span.start, end: date.span.end, text: date.value },
        });
      }
    }
    return out;
  },
};
