/**
 * `duplicate-title` — the same title links to two different resources.
 *
 * When to use it: to spot reposts — one article republished under another
 * URL (a WeChat copy of a blog post, a mirror). Titles are compared ignoring
 * case, width and whitespace; only blog entries count (`[paper](…)` and
 * `[code](…)` items are meant to repeat their titles). The same title with the
 * same link is `duplicate-link`'s business.
 *
 * Options: none. Default severity: warning. No fix.
 *
 * @example ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Dense attention notes](https://example.com/dense) | Lab Notes 2023-01-06
 * - [paper](https://arxiv.org/abs/2301.00001): Sparse Attention
 * - [paper](https://arxiv.org/abs/2301.00002): Dense Attention
 *
 * @example not-ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Sparse  Attention Notes](https://mp.weixin.qq.com/s/AbCdEf) | Repost Weekly 2023-01-08
 */
import type { ListRule, RuleMessage } from '../rule.js';
import type { ListDocument } from '../types.js';
import { entryItems, mainLink, normalizedUrl, placeOf, quote, repeatsPerRun, ruleUrl, type Occurrence } from './shared.js';

const runs: Parameters<typeof repeatsPerRun>[0] = new WeakMap();

export const duplicateTitleRule: ListRule = {
  id: 'duplicate-title',
  defaultSeverity: 'warning',
  url: ruleUrl('duplicate-title'),
  check(doc, ctx) {
    // The same title with the same link is duplicate-link's business.
    const differentLink = (o: Occurrence, anchor: Occurrence): boolean => linkKey(o) !== linkKey(anchor);
    return repeatsPerRun(runs, ctx, titlesOf, differentLink)(doc).map(
      ({ occurrence, anchor }): RuleMessage => ({
        reason: `Title ${quote(occurrence.link.title)} is already used for another link at ${placeOf(anchor.doc, anchor.link.span.start)}`,
        span: occurrence.link.titleSpan,
      }),
    );
  },
};

/** `Sparse  Attention Notes` and `sparse attention notes` are one title. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function linkKey(o: Occurrence): string {
  return normalizedUrl(o.link) ?? o.link.url;
}

/** The title of every blog entry, keyed case- and space-insensitively. */
function titlesOf(doc: ListDocument): Occurrence[] {
  const out: Occurrence[] = [];
  for (const { item, entry } of entryItems(doc)) {
    const link = mainLink(entry);
    if (!item.isBlogEntry || !link) continue;
    const key = titleKey(link.title);
    if (key !== '') out.push({ doc, item, link, line: item.line, key });
  }
  return out;
}
