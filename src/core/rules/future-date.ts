/**
 * `future-date` — an entry's date lies after today.
 *
 * When to use it: to catch typos in the year or month (`2032` for `2023`) that
 * `date-format` cannot see because the date is valid. "Today" is the UTC date
 * of the run. Impossible dates are left to `date-format`.
 *
 * Options: none. Default severity: warning. No fix (only the author knows the date).
 *
 * @example ok
 * - [Looking back at 2022](https://example.com/2022) | Lab Notes 2023-01-02
 *
 * @example not-ok
 * - [Looking back at 2022](https://example.com/2022) | Lab Notes 2099-01-02
 */
import type { ListRule, RuleMessage } from '../rule.js';
import { entryItems, quote, ruleUrl } from './shared.js';

export const futureDateRule: ListRule = {
  id: 'future-date',
  defaultSeverity: 'warning',
  url: ruleUrl('future-date'),
  check(doc, ctx) {
    const out: RuleMessage[] = [];
    for (const { entry } of entryItems(doc)) {
      const date = entry.date;
      if (!date || date.value === null || date.value <= ctx.today) continue;
      out.push({ reason: `Date ${quote(date.raw)} is in the future (today is ${ctx.today})`, span: date.span });
    }
    return out;
  },
};
