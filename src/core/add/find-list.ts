/**
 * Which list `--to "Section › Project › label"` names. Every list of entries
 * has a path: the headings above it, then the items it is nested under
 * (`ChatGLM`, `blog:`), each by its plain text. A query names a list when its
 * parts match that path in order, case- and space-insensitively, the last
 * part naming the list itself; parts may be left out (`ChatGLM › blog` for
 * `Dialogue Methods › Large Models › ChatGLM › blog`).
 */
import type { Item, ListBlock, ListDocument, Section } from '../types.js';

export interface TargetList {
  list: ListBlock;
  /** From the top heading down to the list's own name (its label item, else its section). */
  names: string[];
}

export type ListMatch =
  | { kind: 'found'; target: TargetList }
  | { kind: 'ambiguous'; candidates: TargetList[] }
  | { kind: 'not-found'; candidates: TargetList[] };

/**
 * The lists an entry can go to: those holding blog entries, or bare links
 * under a label (`blog:`). Lists of reposts (nested under an entry) are the
 * original's, not a place to file a new article.
 */
export function targetLists(doc: ListDocument): TargetList[] {
  const headings = headingPaths(doc.sections);
  const out: TargetList[] = [];
  for (const list of doc.allLists) {
    if (!holdsEntries(list)) continue;
    const items: string[] = [];
    for (let item: Item | null = list.parent; item; item = item.list.parent) items.unshift(itemName(item));
    const sectionNames = list.section ? (headings.get(list.section) ?? []) : [];
    out.push({ list, names: [...sectionNames, ...items].filter((name) => name !== '') });
  }
  return out;
}

function holdsEntries(list: ListBlock): boolean {
  if (list.parent?.isBlogEntry) return false;
  if (list.items.some((item) => item.isBlogEntry)) return true;
  // `blog:` over lone links (`- [title](url)`): entries that lack their parts.
  const label = list.parent?.entry;
  const labelled = label !== null && label !== undefined && label.link === null && /[:：]\s*$/.test(label.line.text);
  const bare = list.items.filter((item) => item.entry?.kind === 'bare-link').length;
  return labelled && bare * 2 > list.items.length;
}

/** Each section's title with those of the headings above it. */
function headingPaths(sections: Section[]): Map<Section, string[]> {
  const stack: Section[] = [];
  const out = new Map<Section, string[]>();
  for (const section of sections) {
    while (stack.length > 0 && stack[stack.length - 1].depth >= section.depth) stack.pop();
    stack.push(section);
    out.set(section, stack.map((s) => plainName(s.title)));
  }
  return out;
}

/** `LLaMA(Meta):` → `LLaMA(Meta)`; `[Learning Prompt](url)` → `Learning Prompt`. */
function itemName(item: Item): string {
  const entry = item.entry;
  if (!entry) return '';
  if (entry.link && entry.label === null && entry.link.span.start === entry.line.span.start) return plainName(entry.link.title);
  return plainName(entry.line.text);
}

function plainName(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `›`, `>` or `/` between parts (`/` only when neither of the others is used: headings may hold a slash). */
export function splitPath(query: string): string[] {
  const parts = /[›>]/.test(query) ? query.split(/[›>]/) : query.split('/');
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * The list a query names. Several lists named alike: ambiguous, with each
 * named. None whose own name matches: the lists under what the query names
 * (`ChatGPT` → its `blog` and `news` lists), taken when there is just one.
 */
export function findList(targets: TargetList[], query: string): ListMatch {
  const parts = splitPath(query);
  if (parts.length === 0) return { kind: 'not-found', candidates: [] };
  return closest(targets, parts, true) ?? closest(targets, parts, false) ?? { kind: 'not-found', candidates: [] };
}

/**
 * The lists the parts match most tightly (fewest names left out between the
 * first and the last part: `ChatGPT › blog` is ChatGPT's own blog, not the
 * blog of a project listed under ChatGPT); null when none matches.
 */
function closest(targets: TargetList[], parts: string[], last: boolean): ListMatch | null {
  let best: TargetList[] = [];
  let bestCost = Infinity;
  for (const target of targets) {
    const cost = matchCost(parts, target.names, last);
    if (cost < bestCost) [best, bestCost] = [[target], cost];
    else if (cost === bestCost && cost < Infinity) best.push(target);
  }
  if (best.length === 0) return null;
  return best.length === 1 ? { kind: 'found', target: best[0] } : { kind: 'ambiguous', candidates: best };
}

/** The shortest path (its last names) that names this list alone, as `--to` takes it. */
export function pathOf(target: TargetList, targets: TargetList[]): string {
  const names = target.names;
  for (let k = 1; k <= names.length; k++) {
    const query = names.slice(names.length - k).join(' › ');
    const found = findList(targets, query);
    if (found.kind === 'found' && found.target === target) return query;
  }
  return names.join(' › ');
}

/**
 * How tightly parts match names in order: the number of names left out
 * between the first and the last matched part, Infinity when they do not
 * match. Consecutive parts may together name one heading that holds a slash.
 * With `last`, the final part names the list itself.
 */
function matchCost(parts: string[], names: string[], last: boolean): number {
  const memo = new Map<number, number>();
  const from = (i: number, j: number): number => {
    if (i === parts.length) return !last || j === names.length ? 0 : Infinity;
    if (j === names.length) return Infinity;
    const key = i * (names.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    // Leaving a name out costs only once the path has started.
    let cost = (i > 0 ? 1 : 0) + from(i, j + 1);
    for (let k = i + 1; k <= parts.length; k++) {
      if (nameMatches(parts.slice(i, k).join('/'), names[j])) cost = Math.min(cost, from(k, j + 1));
    }
    memo.set(key, cost);
    return cost;
  };
  return from(0, 0);
}

/** Case and spaces aside; `LLaMA` names `LLaMA(Meta)` and `P-Tuning` names `P-Tuning（PET）`. */
function nameMatches(part: string, name: string): boolean {
  const wanted = nameKey(part);
  return wanted === nameKey(name) || wanted === nameKey(name.replace(/\s*[(（][^()（）]*[)）]\s*$/, ''));
}

function nameKey(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}
