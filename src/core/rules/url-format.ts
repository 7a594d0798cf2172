/**
 * `url-format` — links on list items are absolute `http(s)://` URLs that Markdown can parse.
 *
 * When to use it: always; a link without a scheme (`example.com/x`) is read by
 * GitHub as a relative path and leads nowhere, and a space or an unbalanced
 * parenthesis in a URL breaks the link syntax so the item is not a link at all.
 * Relative links (`#section`, `./docs/x.md`) are fine on other items but not as
 * the link of a blog entry; other schemes (`ftp:`, `mailto:`…) are reported on
 * blog entries.
 *
 * Options: none. Default severity: error.
 *
 * Fix: `https://` is added when the link starts with a plain host name
 * (`example.com/x`, `//example.com/x`).
 *
 * @example ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) | Wiki 2023-01-06
 * - [Table of contents](#large-models)
 * - [Local copy](./docs/notes.md): the same notes, offline
 *
 * @example not-ok
 * - [Sparse attention notes](example.com/sparse) | Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](www.example.com/sparse) | Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](https://example.com/sparse notes) | Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](<https://example.com/sparse notes>) | Lab Notes 2023-01-05
 *
 * - [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar) | Wiki 2023-01-06
 *
 * - [Sparse attention notes](ftp://example.com/sparse) | Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](https:/example.com/sparse) | Lab Notes 2023-01-05
 *
 * - [Sparse attention notes]() | Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](https://example.com/sparse | Lab Notes 2023-01-05
 */
import type { ListRule, RuleMessage } from '../rule.js';
import type { Entry, EntryLink, Item } from '../types.js';
import { entryItems, isReference, plainHost, quote, ruleUrl } from './shared.js';

export const urlFormatRule: ListRule = {
  id: 'url-format',
  defaultSeverity: 'error',
  url: ruleUrl('url-format'),
  check(doc) {
    const out: RuleMessage[] = [];
    // A definition shared by several `[title][ref]` links is reported (and fixed) once.
    const definitionsSeen = new Set<number>();
    for (const { item, entry } of entryItems(doc)) {
      for (const link of entry.links) {
        if (isReference(link)) {
          if (definitionsSeen.has(link.urlSpan.start)) continue;
          definitionsSeen.add(link.urlSpan.start);
        }
        const message = checkLink(link, item, entry);
        if (message) out.push(message);
      }
      out.push(...brokenLinks(entry));
    }
    return out;
  },
};

function checkLink(link: EntryLink, item: Item, entry: Entry): RuleMessage | null {
  const url = link.url;
  const at = link.urlSpan.start === link.urlSpan.end ? link.span : link.urlSpan;
  if (url === '') return { reason: 'Link has no URL', span: at };
  if (/\s/.test(url)) return { reason: `URL ${quote(url)} contains whitespace: write it as \`%20\``, span: at };
  if (!balanced(url)) return { reason: `URL ${quote(url)} has unbalanced parentheses`, span: at };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name === 'http' || name === 'https') {
      if (!/^https?:\/\/[^\s/?#]/i.test(url) || !parses(url)) {
        return { reason: `Malformed URL ${quote(url)}: expected \`${name}://host/path\``, span: at };
      }
      return null;
    }
    if (!item.isBlogEntry) return null;
    return { reason: `Entry links to a \`${name}:\` URL: expected an \`http(s)://\` page`, span: at };
  }
  if (url.startsWith('//') && plainHost(url.slice(2))) {
    return { reason: `URL ${quote(url)} lacks \`https:\``, span: at, fix: { start: link.urlSpan.start, end: link.urlSpan.start, text: 'https:' } };
  }
  if (plainHost(url)) {
    return {
      reason: `URL ${quote(url)} lacks \`https://\`: without it the link is a relative path`,
      span: at,
      fix: { start: link.urlSpan.start, end: link.urlSpan.start, text: 'https://' },
    };
  }
  if (item.isBlogEntry && link === entry.link) {
    return { reason: `Entry links to ${quote(url)}: expected an absolute \`http(s)://\` URL`, span: at };
  }
  return null;
}

function balanced(url: string): boolean {
  let depth = 0;
  for (const c of url) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * `[title](url with space)` or `[title](url_(unbalanced)` is not a link to
 * Markdown: the item line still holds `](` outside every parsed link.
 */
function brokenLinks(entry: Entry): RuleMessage[] {
  const out: RuleMessage[] = [];
  const { text, span } = entry.line;
  for (let i = text.indexOf(']('); i !== -1; i = text.indexOf('](', i + 2)) {
    const offset = span.start + i;
    if (entry.links.some((l) => offset >= l.span.start && offset < l.span.end)) continue;
    if (insideCode(text, i)) continue;
    const open = text.lastIndexOf('[', i);
    const close = text.indexOf(')', i);
    const start = span.start + (open === -1 ? i : open);
    const end = close === -1 ? span.end : span.start + close + 1;
    const dest = text.slice(i + 2, close === -1 ? text.length : close);
    const why =
      close === -1 ? 'the link is missing its closing `)`' : /\s/.test(dest) ? 'its URL contains a space' : 'its URL has unbalanced parentheses';
    out.push({ reason: `Broken link ${quote(text.slice(start - span.start, end - span.start))}: ${why}`, span: { start, end } });
  }
  return out;
}

function insideCode(line: string, index: number): boolean {
  const ticks = line.slice(0, index).match(/`/g);
  return ticks !== null && ticks.length % 2 === 1;
}
