/**
 * Collect the link targets of list documents: one target per distinct
 * normalized URL, with every occurrence (file, line, section, URL as written).
 */
import { normalizeUrl, requestUrl } from '../core/url.js';
import { pointAt } from '../core/position.js';
import { compileUserPattern, type UserPattern } from '../core/config/user-pattern.js';
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

/**
 * An option a library caller passed that cannot be used (the CLI and the
 * Action validate the config first, so only direct callers meet it). The
 * message is one line naming the option, for the caller to print as is.
 */
export class CollectOptionsError extends Error {
  constructor(
    readonly option: string,
    readonly reason: string,
  ) {
    super(`${option} is not a valid regex: ${reason}`);
    this.name = 'CollectOptionsError';
  }
}

/** The options' problems as a typed result, for callers that prefer not to catch. */
export function checkCollectOptions(options: CollectOptions): { ok: true } | { ok: false; error: CollectOptionsError } {
  for (const [index, source] of (options.exclude ?? []).entries()) {
    const compiled = compileUserPattern(source);
    if (!compiled.ok) return { ok: false, error: new CollectOptionsError(`links.exclude[${index}] ${JSON.stringify(source)}`, compiled.reason) };
  }
  return { ok: true };
}

/** Throws `CollectOptionsError` for an invalid `exclude` pattern (see `checkCollectOptions`). */
export function collectLinkTargets(docs: readonly ListDocument[], options: CollectOptions = {}): LinkTarget[] {
  const checked = checkCollectOptions(options);
  if (!checked.ok) throw checked.error;
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

/** Linear-time matching, so a hostile pattern cannot stall collection (validity is checked before). */
function excludePattern(source: string): UserPattern {
  const compiled = compileUserPattern(source);
  if (!compiled.ok) throw new CollectOptionsError(`links.exclude ${JSON.stringify(source)}`, compiled.reason);
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
