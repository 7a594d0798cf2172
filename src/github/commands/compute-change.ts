/**
 * What `/sort` and `/fix` (and the scheduled upkeep) change in one list
 * file: the new text, in `doc.text` space (no BOM), and a few words for the reply.
 */
import type { ListkeeperConfig } from '../../core/config/config-types.js';
import { fixDocument } from '../../core/fix.js';
import { sortDocument } from '../../core/sort/sort.js';
import type { ListDocument } from '../../core/types.js';
import { unmovableNote, type UnmovableNote } from '../unmovable-lists.js';

export type ChangeKind = 'sort' | 'fix';

export interface ComputedChange {
  text: string;
  /** `2 lists sorted`, `3 fixes applied`; empty when nothing changed. */
  what: string[];
  /** Lists out of date order that sorting left as they are (moving their items is unsafe), to tell the user. */
  unmovable: UnmovableNote[];
}

export function sortChange(doc: ListDocument, config: ListkeeperConfig): ComputedChange {
  const sorted = sortDocument(doc, config.sort);
  const count = sorted.unsorted.length;
  return {
    text: sorted.text,
    what: sorted.text === doc.text ? [] : [`${count} ${count === 1 ? 'list' : 'lists'} sorted`],
    unmovable: sorted.unmovable.map((u) => unmovableNote(doc, u)),
  };
}

/** Every fixable lint message applied (the core re-lints until nothing fixable is left). */
export function fixChange(doc: Pick<ListDocument, 'text' | 'path'>, config: ListkeeperConfig, today: string): ComputedChange {
  const fixed = fixDocument(doc.text, doc.path, config, today);
  return { text: fixed.text, what: fixed.applied === 0 ? [] : [`${fixed.applied} ${fixed.applied === 1 ? 'fix' : 'fixes'} applied`], unmovable: [] };
}

export function computeChange(doc: ListDocument, kind: ChangeKind, config: ListkeeperConfig, today: string): ComputedChange {
  return kind === 'sort' ? sortChange(doc, config) : fixChange(doc, config, today);
}

/** Scheduled upkeep: sort, then apply every fix. */
export function upkeepChange(doc: ListDocument, config: ListkeeperConfig, today: string): ComputedChange {
  const sorted = sortChange(doc, config);
  // fixDocument parses the text itself: no need to parse the sorted text here.
  const fixed = fixChange({ text: sorted.text, path: doc.path }, config, today);
  return { text: fixed.text, what: [...sorted.what, ...fixed.what], unmovable: sorted.unmovable };
}
