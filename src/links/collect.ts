/**
 * Collect the link targets of list documents: one target per distinct
 * normalized URL, with every occurrence (file, line, section, URL as written).
 */
import { normalizeUrl, requestUrl } from '../core/url.js';
import { pointAt } from '../core/position.js';
import { compileUserPattern, type UserPattern } from '../core/user-pattern.js';
import type { Item, ListDocument } from '../core/types.js';
import { anyHostMatches } from './glob.js';
import type { LinkOccurrence, LinkTarget } from './types.js';

export interface CollectOptions {
  /** URL regexes (matched against the URL as requested); matching links are skipped. */
  exclude?: readonly string[];
  /** Host globs to skip. */
  excludeHosts?: readonly string[];
  /**
   * Only links on these lines (changed-lines mode), per file path. A file
   * missing from the map contributes no links; without `lines` (or `linesOf`) every link counts.
   */
  lines?: ReadonlyMap<string, ReadonlySet<number>>;
  /** The same as a function of the file's path (e.g. `changedLinesFor` from the core). */
  linesOf?: (path: string) => ReadonlySet<number>;
}

export function collectLinkTargets(docs: readonly ListDocument[], options: CollectOptions = {}): LinkTarget[] {
  const exclude = (options.exclude ?? []).map(excludePattern);
  const excludeHosts = options.excludeHosts ?? [];
  const byUrl = new Map<string, LinkTarget>();
  for (const doc of docs) {
    const lineFilter = lineFilterFor(doc.path, options);
    for (const item of doc.items) {
      const entry = item.entry;
      if (!entry) continue;
      for (const link of entry.links) {
        const written = link.url;
        const key = normalizeUrl(written);
        const request = requestUrl(written);
        if (key === null || request === null) continue;
        const host = new URL(request).hostname.toLowerCase();
        if (anyHostMatches(excludeHosts, host)) continue;
        if (exclude.some((re) => re.test(request) || re.test(written))) continue;
        const line = pointAt(doc, link.span.start).line;
        if (lineFilter && !lineFilter.has(line)) continue;
        const occurrence: LinkOccurrence = { file: doc.path, line, section: sectionTitle(item), url: written, title: link.title };
        const known = byUrl.get(key);
        if (known) known.occurrences.push(occurrence);
        else byUrl.set(key, { url: key, requestUrl: request, host, occurrences: [occurrence] });
      }
    }
  }
  return [...byUrl.values()];
}

/** Linear-time matching, so a hostile pattern cannot stall collection; an invalid one is the caller's error. */
function excludePattern(source: string, index: number): UserPattern {
  const compiled = compileUserPattern(source);
  if (!compiled.ok) throw new TypeError(`links.exclude[${index}] is not a valid regex: ${compiled.reason}`);
  return compiled.pattern;
}

function lineFilterFor(path: string, options: CollectOptions): ReadonlySet<number> | null {
  if (options.linesOf) return options.linesOf(path);
  if (options.lines) return options.lines.get(path) ?? new Set<number>();
  return null;
}

/** The section of an item: its list's, or its enclosing item's for nested lists. */
function sectionTitle(item: Item): string | null {
  for (let list = item.list; ; ) {
    if (list.section) return list.section.title;
    if (!list.parent) return null;
    list = list.parent.list;
  }
}
