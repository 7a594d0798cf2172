/**
 * What any page says of itself in the standard places: Open Graph, JSON-LD
 * `Article` (and its kin: BlogPosting, NewsArticle, ScholarlyArticle …),
 * `article:published_time`, schema.org microdata, Highwire `citation_*`,
 * `<time datetime>`, `<link rel=canonical>`, and last the `<title>`.
 * Site extractors fill what they know better; this fills the rest.
 */
import { decodeHTML } from 'entities';
import { cleanText, isObject, type JsonLdObject, type PageHtml } from './html.js';
import { cleanTitle, dayOfDateText, field, firstOf, identityOf } from './fields.js';
import type { PageMetadata } from './types.js';

export type ExtractedFields = Pick<PageMetadata, 'title' | 'source' | 'published' | 'identity'>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Posting|^Report)$/;

export function extractGeneric(page: PageHtml, finalUrl: string): ExtractedFields {
  const article = page.jsonLd().find((object) => typesOf(object).some((type) => ARTICLE_TYPE.test(type))) ?? null;
  const siteName = page.meta('og:site_name');
  const publisher = article ? nameOf(article.publisher) : null;
  const applicationName = page.meta('application-name');
  const source = firstOf(
    field(siteName, 'og:site_name'),
    field(publisher, 'JSON-LD Article.publisher'),
    field(applicationName, 'meta application-name'),
    field(page.meta('author'), 'meta author'),
    field(article ? nameOf(article.author) : null, 'JSON-LD Article.author'),
  );
  const heading = page.firstHeading();
  const clean = (title: string | null) => (title === null ? null : cleanTitle(title, [siteName, publisher, applicationName], heading) || null);
  const title = firstOf(
    field(clean(page.meta('og:title')), 'og:title'),
    field(clean(article ? stringOf(article.headline) ?? stringOf(article.name) : null), 'JSON-LD Article.headline'),
    field(clean(page.meta('twitter:title')), 'twitter:title'),
    field(clean(page.meta('citation_title')), 'citation_title'),
    field(clean(page.title()), '<title>'),
  );
  const published = firstOf(
    field(dayOfDateText(page.meta('article:published_time')), 'article:published_time'),
    field(dayOfDateText(article ? stringOf(article.datePublished) : null), 'JSON-LD Article.datePublished'),
    field(dayOfDateText(page.meta('datePublished')), 'itemprop datePublished'),
    field(dayOfDateText(page.meta('citation_publication_date') ?? page.meta('citation_date')), 'citation_date'),
    field(dayOfDateText(page.timeDatetime()), '<time datetime>'),
    field(dayOfDateText(page.meta('date') ?? page.meta('dc.date') ?? page.meta('pubdate')), 'meta date'),
  );
  const identity = identityOf(
    [
      { url: page.linkHref('canonical'), from: 'link rel=canonical' },
      { url: page.meta('og:url'), from: 'og:url' },
    ],
    finalUrl,
  );
  return { title, source, published, identity };
}

function typesOf(object: JsonLdObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function stringOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // JSON-LD is script text, left undecoded by the parser; some sites still write entities in it.
  const text = cleanText(decodeHTML(value));
  return text === '' ? null : text;
}

/** `"Name"`, `{ "name": "Name" }`, or the first of an array of those. */
function nameOf(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? nameOf(value[0]) : null;
  if (isObject(value)) return stringOf(value.name);
  return stringOf(value);
}
