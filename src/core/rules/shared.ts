/** Small helpers the lint rules share. */
import { pointAt } from '../position.js';
import { normalizeUrl } from '../url.js';
import type { RuleContext } from '../rule.js';
import type { Entry, EntryLink, Item, ListDocument } from '../types.js';

/** Where rules are documented. */
export const DOCS_URL = 'https://github.com/listkeeper/listkeeper';

export function ruleUrl(id: string): string {
  return `${DOCS_URL}#${id}`;
}

/** An item that has an entry line. */
export interface EntryItem {
  item: Item;
  entry: Entry;
}

/** Every item of the document that has an entry line, in document order. */
export function entryItems(doc: ListDocument): EntryItem[] {
  const out: EntryItem[] = [];
  for (const item of doc.items) if (item.entry) out.push({ item, entry: item.entry });
  return out;
}

/** Blog entries only: the items held to `[title](url) | source YYYY-MM-DD`. */
export function blogEntries(doc: ListDocument): EntryItem[] {
  return entryItems(doc).filter(({ item }) => item.isBlogEntry);
}

/** `README.md:12`, for messages that name another place. */
export function placeOf(doc: ListDocument, offset: number): string {
  return `${doc.path}:${pointAt(doc, offset).line}`;
}

/** Code-formatted text for messages, shortened when long. */
export function quote(text: string, max = 80): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `\`${short}\``;
}

/** True for `http://` and `https://` URLs and for scheme-less links that start with a host name. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url) || plainHost(url) !== null;
}

/** File extensions that make `name.ext` a relative file link rather than a host. */
const FILE_EXTENSIONS = new Set([
  'md', 'markdown', 'html', 'htm', 'txt', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'json', 'yml', 'yaml',
  'csv', 'ipynb', 'py', 'js', 'ts', 'zip',
]);

/**
 * The host of a link written without a scheme (`example.com/x`), when it is a
 * plain host name; null for relative links (`#top`, `./a.md`, `docs/x`).
 */
export function plainHost(url: string): string | null {
  const m = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z][a-z0-9-]*[a-z0-9]))(?::\d{1,5})?(?:[/?#]|$)/i.exec(url);
  if (!m) return null;
  const tld = m[2].toLowerCase();
  if (FILE_EXTENSIONS.has(tld) && !/^www\./i.test(url)) return null;
  return m[1];
}

/**
 * The links that stand for an item in duplicate detection: the main link of a
 * blog entry, bare link or `[name](url): description` item. Source links and
 * links inside `key: url` or prose items are not the item's resource.
 */
export function mainLink(entry: Entry): EntryLink | null {
  if (entry.kind === 'other' || !entry.link) return null;
  return isWebLink(entry.link.url) ? entry.link : null;
}

/** Compile user regexes (validated by the config loader); invalid ones are skipped. */
export function compilePatterns(value: unknown): RegExp[] {
  if (!Array.isArray(value)) return [];
  const out: RegExp[] = [];
  for (const source of value) {
    if (typeof source !== 'string') continue;
    try {
      out.push(new RegExp(source));
    } catch {
      // The config loader reports invalid patterns; a preset user gets them ignored.
    }
  }
  return out;
}

/**
 * A per-run index built once for all documents of a run (`ctx.docs`), so a
 * rule that looks across files does not rebuild it for every document. The
 * index is rebuilt when the array's documents changed (a caller may reuse it).
 */
export function perRun<T>(cache: WeakMap<ListDocument[], { docs: ListDocument[]; value: T }>, ctx: RuleContext, build: () => T): T {
  const hit = cache.get(ctx.docs);
  if (hit && hit.docs.length === ctx.docs.length && hit.docs.every((d, i) => d === ctx.docs[i])) return hit.value;
  const value = build();
  cache.set(ctx.docs, { docs: [...ctx.docs], value });
  return value;
}

const normalized = new WeakMap<EntryLink, string | null>();

/** `normalizeUrl` of a link, computed once per link for both duplicate rules. */
export function normalizedUrl(link: EntryLink): string | null {
  let value = normalized.get(link);
  if (value === undefined) {
    value = normalizeUrl(link.url);
    normalized.set(link, value);
  }
  return value;
}
