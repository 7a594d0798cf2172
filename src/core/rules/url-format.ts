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
 * `key: value` lines are checked too: a scheme-less host as the value
 * (`homepage: example.org/x`) is not a link on GitHub; a `)` right after a bare
 * URL (`code: https://github.com/o/r)`) is left out of the link and shows as
 * text; a value under a key that expects a URL (`code`, `demo`, `homepage`,
 * `paper`, `data`, `dataset`, `api`, `download`, `huggingface`, `modelscope`,
 * `link`, `repo`, `github`, `website`, `url`, `site`) that is neither a URL
 * nor a link (`code: LLM-Adapters`) is a warning; words there (`dataset：在数据库中存储
 * Python 字典`, `code: coming soon`) are a description, left alone. Invisible characters in a
 * URL (zero-width space, joiner and non-joiner, word joiner, BOM, soft hyphen,
 * no-break space) make it another URL than the one shown.
 *
 * Options: none. Default severity: error.
 *
 * Fixes (each replaces exactly what the message points at): `https://` is
 * added when the link or value starts with a plain host name
 * (`example.com/x`, `//example.com/x`); a stray `)` after a bare URL is
 * removed; invisible characters are removed from the URL.
 *
 * @example ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) | Wiki 2023-01-06
 * - [Table of contents](#large-models)
 * - [Local copy](./docs/notes.md): the same notes, offline
 * - The talk's slides ![State of GPT](attachment/state-of-gpt.pdf), in English
 * - Gorilla
 *   - homepage: https://gorilla.cs.berkeley.edu/
 *   - code: https://github.com/ShishirPatil/gorilla
 *   - paper: [Gorilla: Large Language Model Connected with Massive APIs](https://arxiv.org/abs/2305.15334)
 *   - (demo: https://huggingface.co/spaces/gorilla-llm/gorilla-demo)
 *   - author: Shishir Patil
 *   - data:
 *     - [APIBench](https://huggingface.co/datasets/gorilla-llm/APIBench)
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
 *
 * - Gorilla
 *   - homepage: gorilla.cs.berkeley.edu
 *
 * - Gorilla
 *   - code: https://github.com/ShishirPatil/gorilla)
 *
 * - LLM-Adapters
 *   - code: LLM-Adapters
 */
import type { ListRule, RuleMessage } from '../rule.js';
import type { Entry, EntryLink, Item, Span } from '../types.js';
import { parsesAsUrl } from '../url.js';
import { isBareUrl, keyValueOf, schemelessValue, URL_KEYS, valueHoldsLink } from '../values.js';
import { balancedParentheses, entryItems, invisibleIn, isReference, plainHost, quote, ruleUrl, withoutInvisible } from './shared.js';

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
        const stray = strayParenthesis(doc.text, entry, link);
        if (stray) out.push(stray);
      }
      out.push(...brokenLinks(entry));
      const value = bareValue(entry);
      if (value) out.push(value);
    }
    return out;
  },
};

function checkLink(link: EntryLink, item: Item, entry: Entry): RuleMessage | null {
  const url = link.url;
  const at = link.urlSpan.start === link.urlSpan.end ? link.span : link.urlSpan;
  if (url === '') return { reason: 'Link has no URL', span: at };
  const invisible = invisibleIn(url);
  if (invisible) {
    const span = link.urlSpan;
    return { reason: `URL ${quote(url)} contains ${invisible}: it links elsewhere than it shows`, span, fix: { ...span, text: withoutInvisible(url) } };
  }
  if (/\s/.test(url)) return { reason: `URL ${quote(url)} contains whitespace: write it as \`%20\``, span: at };
  if (!balancedParentheses(url)) return { reason: `URL ${quote(url)} has unbalanced parentheses`, span: at };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name === 'http' || name === 'https') {
      if (!/^https?:\/\/[^\s/?#]/i.test(url) || !parsesAsUrl(url)) {
        return { reason: `Malformed URL ${quote(url)}: expected \`${name}://host/path\``, span: at };
      }
      return null;
    }
    if (!item.isBlogEntry) return null;
    return { reason: `Entry links to a \`${name}:\` URL: expected an \`http(s)://\` page`, span: at };
  }
  if (url.startsWith('//') && plainHost(url.slice(2))) {
    return { reason: `URL ${quote(url)} lacks \`https:\``, span: link.urlSpan, fix: { ...link.urlSpan, text: `https:${url}` } };
  }
  if (plainHost(url)) return lacksScheme(link.urlSpan, url, 'without it the link is a relative path');
  if (item.isBlogEntry && link === entry.link) {
    return { reason: `Entry links to ${quote(url)}: expected an absolute \`http(s)://\` URL`, span: at };
  }
  return null;
}

/** The fix replaces the whole URL (what the message points at), not an insertion before it. */
function lacksScheme(span: Span, url: string, why: string): RuleMessage {
  return { reason: `URL ${quote(url)} lacks \`https://\`: ${why}`, span, fix: { ...span, text: `https://${url}` } };
}

/**
 * `code: https://github.com/o/r)`: GFM leaves an unbalanced `)` out of a bare
 * URL, so it shows as text after the link. A `(` before the URL on the line
 * (`(demo: https://…)`) makes it a closing parenthesis, not a stray one.
 */
function strayParenthesis(text: string, entry: Entry, link: EntryLink): RuleMessage | null {
  if (!isBareUrl(text, link) || text[link.span.end] !== ')') return null;
  let depth = 0;
  for (let i = entry.line.span.start; i < link.span.start; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth = Math.max(0, depth - 1);
  }
  if (depth > 0) return null;
  const span = { start: link.span.end, end: link.span.end + 1 };
  return { reason: `Stray \`)\` after the URL ${quote(link.url)}`, span, fix: { ...span, text: '' } };
}

/**
 * A `key: value` line whose value is not a link: a scheme-less URL (an error,
 * fixed), or under a key that expects a URL, text (a warning: a person must
 * find the URL).
 */
function bareValue(entry: Entry): RuleMessage | null {
  const kv = keyValueOf(entry);
  if (!kv?.value) return null;
  const schemeless = schemelessValue(entry, kv);
  if (schemeless) return lacksScheme(schemeless.urlSpan, schemeless.url, 'as written it is text, not a link');
  if (!URL_KEYS.has(kv.key) || valueHoldsLink(entry, kv.value)) return null;
  // `code: LLM-Adapters` names what the URL should be; `dataset：在数据库中存储 Python 字典` describes a
  // library called dataset (seen on a real list): words are a description, not a URL gone wrong.
  if (!/^[\x21-\x7e]+$/.test(kv.value.text.trim())) return null;
  return {
    reason: `\`${kv.key}:\` value ${quote(kv.value.text)} is neither a URL nor a link`,
    span: kv.value.span,
    severity: 'warning',
  };
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
    // A whole destination with nothing wrong in it is not a broken link but something else the parser
    // read that way on purpose: an image `![alt](file.pdf)` (images are not links here), escaped text.
    if (close !== -1 && !/\s/.test(dest) && balancedParentheses(dest)) continue;
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
