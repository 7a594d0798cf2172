/**
 * `duplicate-link` — the same resource is linked twice.
 *
 * When to use it: always on a curated list; a repost of the same article is
 * noise. Links are compared after `normalizeUrl`: scheme, `www.`, trailing
 * slash, default port, fragment and tracking parameters (`utm_*`, `fbclid`,
 * `spm`, WeChat's share parameters…) do not matter, and arXiv `abs/ID`,
 * `pdf/ID.pdf` and `IDvN` are one paper.
 *
 * Every link and URL an item line holds counts: the entry's link, links after
 * a prefix (`播客 [title](url)`), label links (`Claude([Anthropic](url)): …`),
 * `key: url` values (`code:`, `demo:`, `homepage:` …, with or without a
 * scheme). Not counted: the source after the separator
 * (`| [Example Blog](https://blog.example.com/)` may repeat on every entry),
 * attribution values (`author:`, `org:` …) and links that explain a word in
 * the description of a `[name](url) - description` item (links titled `code`,
 * `demo`, `paper` … there do count). The message names the first
 * occurrence; across files of one run, the later occurrence (in the order the
 * files were given) is reported.
 *
 * Severity: the same article or resource listed twice is an error (always
 * within one item, e.g. `demo:` repeating `code:`, and always between blog
 * entries). A warning, as it may be meant: differently named items that link
 * one repository or page (`[django.db.models]` and `[geodjango]` both linking
 * github.com/django/django, `[Llama 3.1]` and `[Llama 3.2]` both linking the
 * vendor's home page; names compared without case, spaces and punctuation, so
 * `Docker Compose` and `docker-compose` are one name), and an item listed in
 * two sections of a list not in entry format (neither copy a blog entry).
 *
 * Options: `allow` — regexes matched against the URL as written; matching
 * links may repeat. They run on RE2 (linear time): no backreferences or lookaround. Default severity: error. No fix (which copy to keep is an
 * editorial choice).
 *
 * @example ok
 * - [Sparse attention notes](https://example.com/sparse) | [Example Blog](https://blog.example.com/) 2023-01-05
 * - [Dense attention notes](https://example.com/dense) | [Example Blog](https://blog.example.com/) 2023-01-06
 * - [paper](https://arxiv.org/abs/2301.00001): Sparse Attention
 *   - author: [Example Lab](https://lab.example.com/)
 *   - code: https://github.com/example/sparse
 *   - demo: https://huggingface.co/spaces/example/sparse
 * - [paper](https://arxiv.org/abs/2301.00002): Dense Attention
 *   - author: [Example Lab](https://lab.example.com/)
 *
 * @example not-ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Sparse attention, again](http://www.example.com/sparse/?utm_source=feed) | Other Notes 2023-01-09
 *
 * - [paper](https://arxiv.org/abs/2301.00001): Sparse Attention
 * - [Sparse Attention (pdf)](https://arxiv.org/pdf/2301.00001v2.pdf) | arXiv 2023-01-02
 *
 * - Sparse Attention
 *   - code: https://github.com/example/sparse
 *   - demo: https://github.com/example/sparse
 *
 * - 播客 [Sparse attention, the episode](https://podcast.example.com/42)
 * - [Sparse attention, the episode](https://podcast.example.com/42) | Example Podcast 2023-01-03
 */
import type { ListRule, RuleMessage } from '../rule.js';
import type { Entry, EntryLink, Item, ListDocument, Section } from '../types.js';
import { ATTRIBUTION_KEYS, keyValueOf, schemelessValue, sourceStart } from '../values.js';
import { titleKey } from './duplicate-title.js';
import { compilePatterns, entryItems, isReference, isWebLink, normalizedUrl, placeOf, quote, repeatsPerRun, ruleUrl, type Occurrence } from './shared.js';

const runs: Parameters<typeof repeatsPerRun>[0] = new WeakMap();

export const duplicateLinkRule: ListRule = {
  id: 'duplicate-link',
  defaultSeverity: 'error',
  url: ruleUrl('duplicate-link'),
  check(doc, ctx) {
    const allow = compilePatterns(ctx.options.allow);
    const allowed = (url: string): boolean => allow.some((re) => re.test(url));
    const out: RuleMessage[] = [];
    for (const { occurrence, anchor, anchorIsEarlier } of repeatsPerRun(runs, ctx, linksOf)(doc)) {
      const { link } = occurrence;
      if (allowed(link.url) || allowed(anchor.link.url)) continue;
      const place = placeOf(anchor.doc, anchor.link.span.start);
      const first = anchorIsEarlier ? 'first' : 'already';
      const span = isReference(link) ? link.span : link.urlSpan;
      const kind = repeatKind(occurrence, anchor);
      if (kind === 'shared-repository' || kind === 'shared-page') {
        const what = kind === 'shared-repository' ? 'Repository' : 'Page';
        out.push({
          reason: `${what} ${quote(link.url)} is ${first} linked at ${place} by ${quote(nameOf(anchor))}: list it once, or link this item's own page in it`,
          span,
          severity: 'warning',
        });
      } else if (kind === 'other-section') {
        const section = sectionOf(anchor.item)?.title ?? '';
        out.push({
          reason: `Link ${quote(link.url)} is ${first} listed in section ${quote(section)} at ${place}: keep one, unless it belongs in both`,
          span,
          severity: 'warning',
        });
      } else {
        out.push({ reason: `Duplicate link ${quote(link.url)}: ${first} linked at ${place}`, span });
      }
    }
    return out;
  },
};

/**
 * `same`: the same resource listed twice. `shared-repository`, `shared-page`:
 * differently named items in one repository, on one page (a vendor's home
 * page for two model versions). `other-section`: one item listed in two
 * sections of a list whose items are not blog entries.
 */
type RepeatKind = 'same' | 'shared-repository' | 'shared-page' | 'other-section';

function repeatKind(occurrence: Occurrence, anchor: Occurrence): RepeatKind {
  if (sameItem(occurrence, anchor)) return 'same';
  if (occurrence.item.isBlogEntry || anchor.item.isBlogEntry) return 'same';
  if (nameKey(occurrence) !== nameKey(anchor)) {
    if (isRepository(occurrence.key)) return 'shared-repository';
    // Two links each titled with their item's name; a `[paper](…)` named only by where it stands may be one paper twice.
    if (isNamed(occurrence) && isNamed(anchor)) return 'shared-page';
  }
  if (sectionOf(occurrence.item) !== sectionOf(anchor.item)) return 'other-section';
  return 'same';
}

/** Every link and URL of every item line, keyed by its normalized URL. */
function linksOf(doc: ListDocument): Occurrence[] {
  const out: Occurrence[] = [];
  for (const { item, entry } of entryItems(doc)) {
    for (const link of resourceLinks(doc.text, entry)) {
      const key = normalizedUrl(link);
      if (key !== null) out.push({ doc, item, link, line: item.line, key });
    }
  }
  return out;
}

/** The links that name the item's resources: all but the source's and an attribution's, plus a scheme-less value. */
function resourceLinks(text: string, entry: Entry): EntryLink[] {
  const kv = keyValueOf(entry);
  if (kv && ATTRIBUTION_KEYS.has(kv.key)) return [];
  const sourceAt = sourceStart(text, entry);
  const links = entry.links.filter(
    (l) => (sourceAt === null || l.span.start < sourceAt) && isWebLink(l.url) && !isProseLink(entry, l),
  );
  const bare = schemelessValue(entry, kv);
  return bare ? [...links, bare] : links;
}

/**
 * A link in the description of `[name](url) - description` that explains a
 * word (`[DevOps](https://en.wikipedia.org/wiki/DevOps)`) rather than naming
 * one of the item's resources (`[code](…)`, `[demo](…)`): two items may both explain it.
 */
function isProseLink(entry: Entry, link: EntryLink): boolean {
  return entry.kind === 'described' && entry.link !== null && link.span.start >= entry.link.span.end && !isGeneric(link.title.trim());
}

/**
 * Two occurrences in one item: on one line, or an unnamed one (`code: url`,
 * `[demo](url)`) and another within the item it belongs to. Two named items
 * under one parent (`- Web frameworks` › `[django](…)`, `[flask](…)`) are two items.
 */
function sameItem(a: Occurrence, b: Occurrence): boolean {
  if (a.item === b.item) return true;
  return (!isNamed(a) && within(b.item, a.item.list.parent)) || (!isNamed(b) && within(a.item, b.item.list.parent));
}

function within(item: Item, ancestor: Item | null): boolean {
  if (!ancestor) return false;
  for (let p: Item | null = item; p; p = p.list.parent) if (p === ancestor) return true;
  return false;
}

function sectionOf(item: Item): Section | null {
  let list = item.list;
  while (list.parent) list = list.parent.list;
  return list.section;
}

/** A repository's root on a code host: `github.com/owner/repo`. */
function isRepository(normalized: string): boolean {
  return /^(?:github\.com|gitlab\.com|bitbucket\.org|gitee\.com|codeberg\.org|huggingface\.co)\/[^/?]+\/[^/?]+$/i.test(normalized);
}

/** Titles that say what a link is (`[paper](…)`, `code: …`) rather than name the item. */
const GENERIC_NAME = /^(?:code|demo|homepage|home|paper|pdf|data|dataset|api|download|huggingface|modelscope|link|repo|github|website|url|site|blog|project|official|here|)$/;

/** True when the link's own title names it: not a bare URL, not `[code]`, `[paper]` … */
function isNamed(o: Occurrence): boolean {
  // A bare URL's text is its URL, not a name.
  return o.link.titleSpan.start !== o.link.urlSpan.start && !isGeneric(o.link.title.trim());
}

/** What an occurrence names: its link's title, or for a generic title or a bare URL, the item it belongs to. */
function nameOf(o: Occurrence): string {
  if (isNamed(o)) return o.link.title.trim();
  // `[Sparse](…): … [code](…)`: the item's own link names it.
  const main = o.item.entry?.link;
  if (main && main !== o.link && main.titleSpan.start !== main.urlSpan.start && !isGeneric(main.title.trim())) return main.title.trim();
  for (let p: Item | null = o.item.list.parent; p; p = p.list.parent) {
    const name = p.entry ? itemName(p.entry) : '';
    if (!isGeneric(name)) return name;
  }
  return sectionOf(o.item)?.title ?? '';
}

/** A name without case, spaces and punctuation: `Docker Compose` and `docker-compose` are one. */
function nameKey(o: Occurrence): string {
  return titleKey(nameOf(o)).replace(/[^\p{L}\p{N}]/gu, '');
}

/** `ChatYuan(元语智能):` → `ChatYuan(元语智能)`. */
function itemName(entry: Entry): string {
  return (entry.label?.text ?? entry.line.text).replace(/[:：]\s*$/, '').trim();
}

function isGeneric(name: string): boolean {
  return GENERIC_NAME.test(name.replace(/[(（][^)）]*[)）]/g, '').trim().toLowerCase());
}
