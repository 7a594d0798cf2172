/**
 * `date-format` — an entry's date is written in the list's style (default
 * `YYYY-MM-DD`) and is a real calendar date.
 *
 * When to use it: always; one date format keeps the list sortable and
 * greppable. Dates as people write them — `2023-1-5`, `2023/1/5`, `2023.1.5`,
 * `2023年4月5日`, `2023年04月05日` — are read as the entry's date (so `sort`
 * places them and `entry-format` does not call them missing) and reported here
 * with a fix to the style. `2023-02-30` is not a date at all. A month and day
 * without a year (`9月9日`) is reported as such, without a fix: only the author
 * knows the year.
 *
 * A short note after the date (`2021年12月22日 转载`, `2023-01-05 (updated)`,
 * `2023-01-05 repost`) is the author's annotation, not part of the date: the
 * date is still read and used, and the note gets no message.
 *
 * Options: `style` — how dates are written: `YYYY-MM-DD` (default),
 * `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年MM月DD日` or `YYYY年M月D日`; a list that
 * writes `2023年04月05日` throughout chooses `YYYY年MM月DD日`. Default severity: error.
 *
 * Fix: the date rewritten in the style when year, month and day are
 * unambiguous (always year first); none for impossible dates or a missing year.
 *
 * @example ok
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Leap day models](https://example.com/leap) | Lab Notes 2024-02-29
 * - [Prompt tuning, reposted](https://example.com/repost) | AINLP 2021-12-22 转载
 *
 * @example not-ok
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-1-5
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023/01/05
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023.01.05
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023年4月5日
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 9月9日
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-02-30
 *
 * - [A look at sparse attention](https://example.com/sparse) | Lab Notes 2023-13-01
 */
import { DEFAULT_DATE_STYLE, type DateStyle, formatDateAs, isDateStyle } from '../date.js';
import type { ListRule, RuleMessage } from '../rule.js';
import type { EntryDate } from '../types.js';
import { entryItems, quote, ruleUrl } from './shared.js';

export const dateFormatRule: ListRule = {
  id: 'date-format',
  defaultSeverity: 'error',
  url: ruleUrl('date-format'),
  check(doc, ctx) {
    // The config loader validates `style`; anything else falls back to the default.
    const style = isDateStyle(ctx.options.style) ? ctx.options.style : DEFAULT_DATE_STYLE;
    const out: RuleMessage[] = [];
    for (const { entry } of entryItems(doc)) {
      const problem = entry.date ? dateProblem(entry.date, style) : null;
      if (problem) out.push(problem);
    }
    return out;
  },
};

function dateProblem(date: EntryDate, style: DateStyle): RuleMessage | null {
  if (!date.hasYear) {
    return { reason: `Date ${quote(date.raw)} lacks its year (expected \`${style}\`)`, span: date.span };
  }
  if (date.value === null) {
    return { reason: `${quote(date.raw)} is not a calendar date (expected \`${style}\`)`, span: date.span };
  }
  const written = formatDateAs(date.value, style);
  if (date.raw === written) return null;
  return {
    reason: `Date ${quote(date.raw)} is not written \`${style}\`: expected \`${written}\``,
    span: date.span,
    fix: { start: date.span.start, end: date.span.end, text: written },
  };
}
