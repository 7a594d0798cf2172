/**
 * Zhihu (zhuanlan.zhihu.com/p/…, www.zhihu.com/question/…): titles end in
 * ` - 知乎`; an article's author is schema.org microdata
 * (`itemprop=author` → `name`) or in the page's `js-initialData` state, its
 * column there too; the publish time is `itemprop=datePublished` in UTC or
 * the state's `created` (Unix seconds), read as a day in UTC+8 where Zhihu
 * publishes. A question page's source is 知乎 itself, as lists write it.
 */
import { decodeHTML } from 'entities';
import { isObject, type PageHtml } from './html.js';
import { CHINA_OFFSET_MINUTES, cleanTitle, dayOfDateText, dayOfUnixTime, field, firstOf, type PageDateField } from './fields.js';
import type { ExtractedFields } from './generic.js';

export function isZhihuHost(host: string): boolean {
  return host === 'zhihu.com' || host.endsWith('.zhihu.com');
}

export function extractZhihu(page: PageHtml, finalUrl: string): ExtractedFields {
  const state = initialArticle(page, finalUrl);
  const clean = (title: string | null) => (title === null ? null : cleanTitle(title, ['知乎']) || null);
  const title = firstOf(
    field(clean(page.meta('og:title')), 'og:title'),
    field(clean(page.meta('headline')), 'Zhihu itemprop headline'),
    field(clean(state.title), 'Zhihu js-initialData title'),
    field(clean(page.title()), '<title>'),
  );
  const isQuestion = new URL(finalUrl).pathname.startsWith('/question/');
  const source = firstOf(
    field(isQuestion ? null : page.itemProp('author', 'name'), 'Zhihu itemprop author'),
    field(isQuestion ? null : state.author, 'Zhihu js-initialData author'),
    field(isQuestion ? null : state.column, 'Zhihu js-initialData column'),
    field(isQuestion ? '知乎' : null, 'Zhihu question page'),
  );
  const published: PageDateField | null = firstOf(
    field(dayOfDateText(page.meta('datePublished'), CHINA_OFFSET_MINUTES), 'Zhihu itemprop datePublished (UTC+8)'),
    field(state.created === null ? null : dayOfUnixTime(state.created, CHINA_OFFSET_MINUTES), 'Zhihu js-initialData created (UTC+8)'),
    field(dayOfPublishedLine(page.textByClass('ContentItem-time')), 'Zhihu 发布于 line'),
  );
  return { title, source, published, identity: null };
}

interface ZhihuArticleState {
  title: string | null;
  author: string | null;
  column: string | null;
  created: number | null;
}

const NO_STATE: ZhihuArticleState = { title: null, author: null, column: null, created: null };

/** The article's entry in `<script id="js-initialData">` (`initialState.entities.articles[<id>]`). */
function initialArticle(page: PageHtml, finalUrl: string): ZhihuArticleState {
  const id = /^\/p\/(\d+)/.exec(new URL(finalUrl).pathname)?.[1];
  const text = page.scriptById('js-initialData');
  if (!id || text === null) return NO_STATE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return NO_STATE;
  }
  const article = dig(parsed, ['initialState', 'entities', 'articles', id]);
  if (!isObject(article)) return NO_STATE;
  return {
    title: stringIn(article.title),
    author: stringIn(dig(article, ['author', 'name'])),
    column: stringIn(dig(article, ['column', 'title'])),
    created: typeof article.created === 'number' ? article.created : null,
  };
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

function stringIn(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? decodeHTML(value).trim() : null;
}

/** `发布于 2023-04-12 16:22` (already UTC+8); an edited article says `编辑于`, which is not the publish day. */
function dayOfPublishedLine(text: string | null) {
  const match = text === null ? null : /发布于\s*(\d{4}-\d{2}-\d{2})/.exec(text);
  return match ? dayOfDateText(match[1]) : null;
}
