import type { ListRule } from '../rule.js';
import { describeItem, describeList, findUnsorted } from '../sort.js';
import { ruleUrl } from './shared.js';

/**
 * A list not sorted by date (see `sortDocument` for what counts). Reports the
 * first item out of place in each list; the fix is `listkeeper sort --write`,
 * since moving items is not a small, local edit.
 */
export const sortOrderRule: ListRule = {
  id: 'sort-order',
  defaultSeverity: 'warning',
  url: ruleUrl('sort-order'),
  check(doc, ctx) {
    return findUnsorted(doc, ctx.sort).map(({ list, item, before }) => ({
      reason:
        `${capitalize(describeList(list))} is not sorted by date: ${describeItem(item)} belongs before ` +
        `${describeItem(before)} (line ${before.line}); run \`listkeeper sort --write\``,
      span: item.entry ? item.entry.line.span : { start: item.markerOffset, end: item.markerOffset + 1 },
    }));
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
