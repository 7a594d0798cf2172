/**
 * What a list's blog entries carry as a rule, read from the document itself:
 * a list whose `[title](url) | …` entries never carry dates (a digest of
 * `author | site`) is not held to dates, and one whose entries are all dated
 * is held to them.
 */
import type { ListBlock, ListDocument, Section } from './types.js';

export interface EntryConventions {
  /** Entries carry a source after the separator. */
  source: boolean;
  /** Entries carry a date. */
  date: boolean;
}

interface Tally {
  entries: number;
  sources: number;
  dates: number;
}

/** Fewer entries than this say too little about a convention: the section, then the document, decides. */
const MIN_ENTRIES = 3;

const NONE: EntryConventions = { source: false, date: false };

/**
 * Each list's conventions, from its own blog entries when it has at least
 * three, else from its section's, else from the document's. A part is carried
 * "as a rule" when at least half of those entries carry it.
 */
export function entryConventions(doc: ListDocument): Map<ListBlock, EntryConventions> {
  const byList = new Map<ListBlock, Tally>();
  const bySection = new Map<Section | null, Tally>();
  const all = newTally();
  for (const list of doc.allLists) {
    const tally = tallyOf(list);
    byList.set(list, tally);
    const section = bySection.get(list.section) ?? newTally();
    bySection.set(list.section, add(section, tally));
    add(all, tally);
  }
  const out = new Map<ListBlock, EntryConventions>();
  for (const [list, own] of byList) {
    const section = bySection.get(list.section) ?? all;
    const scope = own.entries >= MIN_ENTRIES ? own : section.entries >= MIN_ENTRIES ? section : all;
    out.set(list, conventionsOf(scope));
  }
  return out;
}

export function conventionsFor(conventions: Map<ListBlock, EntryConventions>, list: ListBlock): EntryConventions {
  return conventions.get(list) ?? NONE;
}

/** Blog entries of the list itself (bare links carry nothing, so they do not count). */
function tallyOf(list: ListBlock): Tally {
  const tally = newTally();
  for (const item of list.items) {
    const entry = item.entry;
    if (!item.isBlogEntry || entry?.kind !== 'blog') continue;
    tally.entries++;
    if (entry.source) tally.sources++;
    if (entry.date) tally.dates++;
  }
  return tally;
}

function conventionsOf(t: Tally): EntryConventions {
  if (t.entries === 0) return NONE;
  return { source: t.sources * 2 >= t.entries, date: t.dates * 2 >= t.entries };
}

function newTally(): Tally {
  return { entries: 0, sources: 0, dates: 0 };
}

function add(into: Tally, t: Tally): Tally {
  into.entries += t.entries;
  into.sources += t.sources;
  into.dates += t.dates;
  return into;
}
