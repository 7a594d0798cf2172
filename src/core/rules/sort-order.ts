import type { ListRule, RuleMessage } from '../rule.js';
import { describeItem, describeList, findOutOfOrder, type UnsortedList } from '../sort/sort.js';
import type { Span } from '../types.js';
import { ruleUrl } from './shared.js';

/**
 * A list not sorted by date (see `sortDocument` for what counts). Reports the
 * first item out of place in each list; the fix is `listkeeper sort --write`,
 * since moving items is not a small, local edit. A list whose items `sort`
 * cannot move without changing the document is reported too, with what to change.
 */
export const sortOrderRule: ListRule = {
  id: 'sort-order',
  defaultSeverity: 'warning',
  url: ruleUrl('sort-order'),
  check(doc, ctx) {
    const found = findOutOfOrder(doc, ctx.sort);
    const sortable = found.unsorted.map((u) => message(u, 'run `listkeeper sort --write`'));
    const unmovable = found.unmovable.map((u) => message(u, `\`listkeeper sort\` leaves it as it is: ${u.reason}`));
    return [...sortable, ...unmovable].sort((a, b) => a.span.start - b.span.start);
  },
};

function message({ list, item, before }: UnsortedList, advice: string): RuleMessage {
  return {
    reason: `${capitalize(describeList(list))} is not sorted by date: ${describeItem(item)} belongs before ${describeItem(before)} (line ${before.line}); ${advice}`,
    span: unsortedSpan({ item }),
  };
}

/** Where a list out of order is reported: the entry line of its first item out of place. */
export function unsortedSpan({ item }: Pick<UnsortedList, 'item'>): Span {
  return item.entry ? item.entry.line.span : { start: item.markerOffset, end: item.markerOffset + 1 };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
