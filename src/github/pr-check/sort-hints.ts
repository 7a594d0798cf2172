/**
 * "This list is out of date order; comment /sort": only for lists the pull
 * request touches. A list sorting cannot reorder safely gets why instead.
 */
import type { ListkeeperConfig } from '../../core/config/config-types.js';
import { suppressionsOfDocument } from '../../core/lint.js';
import { pointAt } from '../../core/position.js';
import { unsortedSpan } from '../../core/rules/sort-order.js';
import { describeList, findOutOfOrder, type UnmovableList, type UnsortedList } from '../../core/sort/sort.js';
import type { ListDocument } from '../../core/types.js';
import type { SortHint } from './pr-report.js';

export function sortHints(
  docs: readonly ListDocument[],
  added: ReadonlyMap<string, ReadonlySet<number>>,
  config: ListkeeperConfig,
): SortHint[] {
  const severity = config.rules['sort-order']?.severity ?? 'warning';
  if (severity === 'off') return [];
  const hints: SortHint[] = [];
  for (const doc of docs) {
    const lines = added.get(doc.path);
    if (!lines || lines.size === 0) continue;
    const touched = (u: UnsortedList): boolean => {
      const first = pointAt(doc, u.list.span.start).line;
      const last = pointAt(doc, u.list.span.end).line;
      return [...lines].some((line) => line >= first && line <= last);
    };
    // `<!-- lint ignore sort-order -->` and the like silence the hint as they silence the rule (same place: the item out of order).
    const silenced = suppressionsOfDocument(doc);
    const shown = (u: UnsortedList): boolean =>
      touched(u) && !silenced.isSuppressed('sort-order', unsortedSpan(u).start);
    const hint = (u: UnsortedList): SortHint => ({ path: doc.path, line: u.line, list: describeList(u.list), severity });
    // One look at the document finds both kinds (each find* call plans the whole document again).
    const found = findOutOfOrder(doc, config.sort);
    const unmovable = found.unmovable.filter(shown).map((u: UnmovableList) => ({ ...hint(u), reason: u.reason }));
    hints.push(...[...found.unsorted.filter(shown).map(hint), ...unmovable].sort((a, b) => a.line - b.line));
  }
  return hints;
}
