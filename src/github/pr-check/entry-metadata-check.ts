/**
 * `entry-metadata` in the pull-request check: read the pages of the blog
 * entries a PR adds (only those, and not the ones found dead), compare, and
 * turn the fixes into review suggestions. The entries were taken apart where
 * the lists were parsed (pr-analysis.ts, the App's worker); this part only
 * reads pages and compares plain data.
 */
import type { EntryFacts } from '../../core/entry-metadata.js';
import type { ListkeeperConfig } from '../../core/config/config-types.js';
import type { Finding } from '../../core/types.js';
import { linkOptionsFromConfig, type CheckLinksOptions, type LinkResult } from '../../links/index.js';
import { checkEntryPages, pageReaderOptionsOf } from '../../links/metadata/entry-pages.js';
import { createPageMetadataReader } from '../../links/metadata/read.js';
import type { PageMetadataReader } from '../../links/metadata/types.js';
import { suggestionForLine, type Suggestion } from './suggestions.js';

export interface EntryMetadataCheckInput {
  entries: readonly EntryFacts[];
  config: ListkeeperConfig;
  /** The links found dead: their pages are error pages, not read. */
  dead: readonly LinkResult[];
  /** The link options of the run (the Action's and App's address policy, a test's `allowAddress`). */
  linkOptions?: CheckLinksOptions;
  /** Default: the page reader over the link options, refusing private addresses unless the run allows them. */
  readPage?: PageMetadataReader;
}

export async function checkAddedEntryPages(input: EntryMetadataCheckInput): Promise<Finding[]> {
  const severity = input.config.rules['entry-metadata'].severity;
  if (severity === 'off' || input.entries.length === 0) return [];
  const options = { ...linkOptionsFromConfig(input.config.links), ...input.linkOptions };
  // A PR's links are anyone's: no page on a private address is read unless the workflow allows it.
  const reader = input.readPage ?? createPageMetadataReader({ ...pageReaderOptionsOf(options), privateAddresses: options.privateAddresses ?? 'refuse' });
  const pages = await checkEntryPages(input.entries, { reader, severity, skip: new Set(input.dead.map((r) => r.url)) });
  return pages.findings;
}

/**
 * The suggestions with the metadata fixes: a line that has them gets one
 * suggestion holding them and the lint fixes of that line (GitHub applies one
 * suggestion per line), in place of the lint-only one. Its reasons name only
 * the fixes it applies.
 */
export function withMetadataSuggestions(
  suggestions: readonly Suggestion[],
  lintFindings: readonly Finding[],
  metadataFindings: readonly Finding[],
  entries: readonly EntryFacts[],
  diffPaths: ReadonlySet<string>,
): Suggestion[] {
  const merged = new Map<string, Suggestion>();
  for (const s of suggestions) merged.set(`${s.path}:${s.line}`, s);
  for (const entry of entries) {
    if (!diffPaths.has(entry.path)) continue;
    const onLine = (f: Finding): boolean => f.path === entry.path && f.start.line === entry.line;
    const metadata = metadataFindings.filter((f) => onLine(f) && f.fix);
    if (metadata.length === 0) continue;
    // Metadata fixes first: where both rewrite the date, the page's date wins over the reformatted one.
    const combined = suggestionForLine(entry.path, entry.line, entry.lineStart, entry.lineText, [...metadata, ...lintFindings.filter(onLine)]);
    if (combined) merged.set(`${entry.path}:${entry.line}`, combined);
  }
  return [...merged.values()].sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
}
