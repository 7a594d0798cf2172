/** "This list is out of date order; comment /sort": only for lists the pull request touches. */
import type { ListkeeperConfig } from '../core/config-types.js';
import { pointAt } from '../core/position.js';
import { describeList, findUnsorted } from '../core/sort.js';
import type { ListDocument } from '../core/types.js';
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
    for (const unsorted of findUnsorted(doc, config.sort)) {
      const first = pointAt(doc, unsorted.list.span.start).line;
      const last = pointAt(doc, unsorted.list.span.end).line;
      const touched = [...lines].some((line) => line >= first && line <= last);
      if (touched) hints.push({ path: doc.path, line: unsorted.line, list: describeList(unsorted.list), severity });
    }
  }
  return hints;
}
