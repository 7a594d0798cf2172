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
 * links may repeat. They run on RE2 (linear time): no backreferences or lookaround. Default severity: error. No fix (which copy to keep is an
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
import type { ListRule, RuleMessage } from '../rule.js';
import type { ListDocument } from '../types.js';
import { compilePatterns, entryItems, isReference, mainLink, normalizedUrl, placeOf, quote, repeatsPerRun, ruleUrl, type Occurrence } from './shared.js';

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
      const where = `${anchorIsEarlier ? 'first' : 'already'} linked at ${placeOf(anchor.doc, anchor.link.span.start)}`;
      out.push({ reason: `Duplicate link ${quote(link.url)}: ${where}`, span: isReference(link) ? link.span : link.urlSpan });
    }
    return out;
  },
};

/** The main link of every item that has one, keyed by its normalized URL. */
function linksOf(doc: ListDocument): Occurrence[] {
  const out: Occurrence[] = [];
  for (const { item, entry } of entryItems(doc)) {
    const link = mainLink(entry);
    const key = link ? normalizedUrl(link) : null;
    if (link && key !== null) out.push({ doc, link, line: item.line, key });
  }
  return out;
}
