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
import type { ListRule, RuleContext, RuleMessage } from '../rule.js';
import type { EntryLink, ListDocument } from '../types.js';
import { entryItems, mainLink, normalizedUrl, perRun, placeOf, quote, ruleUrl } from './shared.js';

interface Repost {
  link: EntryLink;
  first: string;
}

const runs = new WeakMap<ListDocument[], { docs: ListDocument[]; value: Map<ListDocument, Repost[]> }>();

export const duplicateTitleRule: ListRule = {
  id: 'duplicate-title',
  defaultSeverity: 'warning',
  url: ruleUrl('duplicate-title'),
  check(doc, ctx) {
    return repostsIn(doc, ctx).map(
      ({ link, first }): RuleMessage => ({
        reason: `Title ${quote(link.title)} is already used for another link at ${first}`,
        span: link.titleSpan,
      }),
    );
  },
};

/** `Sparse  Attention Notes` and `sparse attention notes` are one title. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function repostsIn(doc: ListDocument, ctx: RuleContext): Repost[] {
  const index = perRun(runs, ctx, () => {
    const firsts = new Map<string, { place: string; key: string }>();
    const reposts = new Map<ListDocument, Repost[]>();
    for (const d of ctx.docs) {
      const list: Repost[] = [];
      reposts.set(d, list);
      for (const { item, entry } of entryItems(d)) {
        const link = mainLink(entry);
        if (!item.isBlogEntry || !link) continue;
        const title = titleKey(link.title);
        if (title === '') continue;
        const key = normalizedUrl(link) ?? link.url;
        const first = firsts.get(title);
        if (!first) firsts.set(title, { place: placeOf(d, link.span.start), key });
        else if (first.key !== key) list.push({ link, first: first.place });
      }
    }
    return reposts;
  });
  return index.get(doc) ?? [];
}
