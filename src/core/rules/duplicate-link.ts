/**
 * `duplicate-link` — the same resource is linked by two items.
 *
 * When to use it: always on a curated list; a repost of the same article is
 * noise. Links are compared after `normalizeUrl`: scheme, `www.`, trailing
 * slash, default port, fragment and tracking parameters (`utm_*`, `fbclid`,
 * `spm`, WeChat's share parameters…) do not matter, and arXiv `abs/ID`,
 * `pdf/ID.pdf` and `IDvN` are one paper. Only an item's own main link counts:
 * a source link (`| [Example Blog](https://blog.example.com/)`) may repeat on
 * every entry, and `key: url` lines are not items' resources. Across files of
 * one run, the later occurrence (in the order the files were given) is reported.
 *
 * Options: `allow` — regexes matched against the URL as written; matching
 * links may repeat. Default severity: error. No fix (which copy to keep is an
 * editorial choice).
 *
 * @example ok
 * - [Sparse attention notes](https://example.com/sparse) | [Example Blog](https://blog.example.com/) 2023-01-05
 * - [Dense attention notes](https://example.com/dense) | [Example Blog](https://blog.example.com/) 2023-01-06
 * - [paper](https://arxiv.org/abs/2301.00001): Sparse Attention
 *   - code: https://github.com/example/sparse
 *   - [Sparse attention, the code](https://github.com/example/sparse) | Example Blog 2023-01-07
 *
 * @example not-ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Sparse attention, again](http://www.example.com/sparse/?utm_source=feed) | Other Notes 2023-01-09
 *
 * - [paper](https://arxiv.org/abs/2301.00001): Sparse Attention
 * - [Sparse Attention (pdf)](https://arxiv.org/pdf/2301.00001v2.pdf) | arXiv 2023-01-02
 */
import type { ListRule, RuleContext, RuleMessage } from '../rule.js';
import type { EntryLink, ListDocument } from '../types.js';
import { compilePatterns, entryItems, mainLink, normalizedUrl, perRun, placeOf, quote, ruleUrl } from './shared.js';

interface Repeat {
  link: EntryLink;
  first: string;
  firstUrl: string;
}

const runs = new WeakMap<ListDocument[], { docs: ListDocument[]; value: Map<ListDocument, Repeat[]> }>();

export const duplicateLinkRule: ListRule = {
  id: 'duplicate-link',
  defaultSeverity: 'error',
  url: ruleUrl('duplicate-link'),
  check(doc, ctx) {
    const allow = compilePatterns(ctx.options.allow);
    const allowed = (url: string): boolean => allow.some((re) => re.test(url));
    const out: RuleMessage[] = [];
    for (const repeat of repeatsIn(doc, ctx)) {
      if (allowed(repeat.link.url) || allowed(repeat.firstUrl)) continue;
      out.push({ reason: `Duplicate link ${quote(repeat.link.url)}: first linked at ${repeat.first}`, span: repeat.link.urlSpan });
    }
    return out;
  },
};

/** Every later occurrence of a link, per document, over all documents of the run. */
function repeatsIn(doc: ListDocument, ctx: RuleContext): Repeat[] {
  const index = perRun(runs, ctx, () => {
    const firsts = new Map<string, { place: string; url: string }>();
    const repeats = new Map<ListDocument, Repeat[]>();
    for (const d of ctx.docs) {
      const list: Repeat[] = [];
      repeats.set(d, list);
      for (const { entry } of entryItems(d)) {
        const link = mainLink(entry);
        const key = link ? normalizedUrl(link) : null;
        if (!link || key === null) continue;
        const first = firsts.get(key);
        if (first) list.push({ link, first: first.place, firstUrl: first.url });
        else firsts.set(key, { place: placeOf(d, link.span.start), url: link.url });
      }
    }
    return repeats;
  });
  return index.get(doc) ?? [];
}
