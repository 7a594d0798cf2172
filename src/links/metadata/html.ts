/**
 * A page's HTML read once into a DOM (htmlparser2, entities decoded, broken
 * markup tolerated), with the look-ups the extractors share: meta tags, ids,
 * link relations, JSON-LD objects, `<time datetime>`, inline scripts.
 * No regexes on HTML: only on script text, which is JavaScript.
 */
import { decodeHTML } from 'entities';
import type { AnyNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

export interface PageHtml {
  /** The content of the first `<meta property|name|itemprop="key">` (case-insensitive key), cleaned; null when absent or blank. */
  meta(key: string): string | null;
  /** The `<title>` text, cleaned. */
  title(): string | null;
  /** The text of the element with this id, cleaned. */
  textById(id: string): string | null;
  /** The text of the first element whose class list has `className`, cleaned. */
  textByClass(className: string): string | null;
  /** The text of the first `<h1>`, cleaned. */
  firstHeading(): string | null;
  /** The href of the first `<link rel="…">` with this relation, as written. */
  linkHref(rel: string): string | null;
  /** `content` of `<meta itemprop=property>` inside the first element with `itemprop=scope` (schema.org microdata). */
  itemProp(scope: string, property: string): string | null;
  /** Every JSON-LD object on the page (`@graph` and arrays flattened); unreadable blocks are skipped. */
  jsonLd(): JsonLdObject[];
  /** `datetime` of the first `<time>`, preferring one marked as the publish time. */
  timeDatetime(): string | null;
  /** The text of every inline `<script>` (JavaScript, not decoded). */
  scripts(): string[];
  /** The raw text of the `<script>` with this id (a page's embedded JSON state). */
  scriptById(id: string): string | null;
}

export type JsonLdObject = Record<string, unknown>;

export function readHtml(html: string): PageHtml {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const elements = DomUtils.findAll(() => true, document.children);
  const byTag = (tag: string) => elements.filter((element) => element.name === tag);
  const metas = byTag('meta');
  const metaKey = (element: Element) => (element.attribs.property ?? element.attribs.name ?? element.attribs.itemprop ?? '').trim().toLowerCase();
  return {
    meta(key) {
      const wanted = key.toLowerCase();
      for (const element of metas) {
        if (metaKey(element) !== wanted) continue;
        const content = cleanText(element.attribs.content ?? '');
        if (content) return content;
      }
      return null;
    },
    title: () => textOf(byTag('title')[0]),
    textById: (id) => textOf(elements.find((element) => element.attribs.id === id)),
    textByClass: (className) => textOf(elements.find((element) => classesOf(element).includes(className))),
    firstHeading: () => textOf(byTag('h1')[0]),
    linkHref(rel) {
      const wanted = rel.toLowerCase();
      const link = byTag('link').find((element) => (element.attribs.rel ?? '').toLowerCase().split(/\s+/).includes(wanted));
      const href = link?.attribs.href?.trim();
      return href ? href : null;
    },
    itemProp(scope, property) {
      const container = elements.find((element) => (element.attribs.itemprop ?? '').split(/\s+/).includes(scope));
      if (!container) return null;
      const inner = DomUtils.findAll((element) => element.attribs.itemprop === property, container.children)[0];
      return inner ? cleanText(inner.attribs.content ?? DomUtils.textContent(inner)) || null : null;
    },
    jsonLd: () =>
      byTag('script')
        .filter((element) => (element.attribs.type ?? '').trim().toLowerCase() === 'application/ld+json')
        .flatMap((element) => parseJsonLd(DomUtils.textContent(element))),
    timeDatetime() {
      const times = byTag('time').filter((element) => (element.attribs.datetime ?? '').trim() !== '');
      const marked = times.find(
        (element) => element.attribs.itemprop === 'datePublished' || element.attribs.pubdate !== undefined || /publish|posted/i.test(element.attribs.class ?? ''),
      );
      return (marked ?? times[0])?.attribs.datetime?.trim() ?? null;
    },
    scripts: () =>
      byTag('script')
        .filter((element) => element.attribs.src === undefined)
        .map((element) => DomUtils.textContent(element)),
    scriptById(id) {
      const script = byTag('script').find((element) => element.attribs.id === id);
      return script ? DomUtils.textContent(script) : null;
    },
  };
}

/** Whitespace collapsed (NBSP and ideographic spaces included), trimmed. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b]+/g, ' ').trim();
}

function textOf(node: AnyNode | undefined): string | null {
  if (!node) return null;
  const text = cleanText(DomUtils.textContent(node));
  return text === '' ? null : text;
}

function classesOf(element: Element): string[] {
  return (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

function parseJsonLd(text: string): JsonLdObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim());
  } catch {
    return [];
  }
  const found: JsonLdObject[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isObject(value)) {
      found.push(value);
      if (Array.isArray(value['@graph'])) visit(value['@graph'], depth + 1);
    }
  };
  visit(parsed, 0);
  return found;
}

export function isObject(value: unknown): value is JsonLdObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value of a string variable in a page's scripts: `var name = "…"`, `window.name = '…'`,
 * `name: "…"`, also wrapped as `htmlDecode("…")`. JavaScript escapes (`\x26`) and HTML
 * entities (`&amp;`, which WeChat leaves in its strings) are decoded. Null when absent or blank.
 */
export function scriptString(scripts: readonly string[], name: string): string | null {
  const assignment = new RegExp(
    `(?:\\b(?:var|let|const)\\s+|\\bwindow\\.|[{,\\s])${name}\\s*[=:]\\s*(?:[A-Za-z_$][\\w$.]*\\(\\s*)?(?:"((?:\\\\.|[^"\\\\\\n])*)"|'((?:\\\\.|[^'\\\\\\n])*)')`,
  );
  for (const script of scripts) {
    const match = assignment.exec(script);
    if (!match) continue;
    const value = cleanText(decodeHTML(unescapeJs(match[1] ?? match[2] ?? '')));
    if (value !== '') return value;
  }
  return null;
}

function unescapeJs(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escape] ?? escape;
  });
}
