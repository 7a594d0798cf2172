/**
 * arXiv abstract pages (arxiv.org/abs/<id>): Highwire meta tags
 * (`citation_title`, `citation_date` for the first version, then
 * `citation_online_date`, both `YYYY/MM/DD`, `citation_arxiv_id`); the
 * publisher is arXiv itself. `<title>` reads `[2303.08774] Title`.
 */
import type { PageHtml } from './html.js';
import { dayOfDateText, field, firstOf, identityOf } from './fields.js';
import type { ExtractedFields } from './generic.js';

export function isArxivHost(host: string): boolean {
  return host === 'arxiv.org' || host === 'www.arxiv.org' || host === 'export.arxiv.org';
}

export function extractArxiv(page: PageHtml, finalUrl: string): ExtractedFields {
  const title = firstOf(
    field(page.meta('citation_title'), 'citation_title'),
    field(page.meta('og:title'), 'og:title'),
    field(withoutIdPrefix(page.title()), '<title>'),
  );
  const published = firstOf(
    field(dayOfDateText(page.meta('citation_date')), 'citation_date'),
    field(dayOfDateText(page.meta('citation_online_date')), 'citation_online_date'),
  );
  const arxivId = page.meta('citation_arxiv_id');
  const identity = firstOf(
    field(arxivId && /^[\w./-]+$/.test(arxivId) ? `arxiv:${arxivId.replace(/v\d+$/, '')}` : null, 'citation_arxiv_id'),
    identityOf([{ url: page.linkHref('canonical'), from: 'link rel=canonical' }], finalUrl),
  );
  return { title, source: { value: 'arXiv', from: 'arXiv abstract page' }, published, identity };
}

function withoutIdPrefix(title: string | null): string | null {
  if (title === null) return null;
  return title.replace(/^\[[^\]]+\]\s*/, '') || null;
}
