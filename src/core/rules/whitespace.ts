/**
 * `whitespace` — no trailing whitespace on item lines, one space on each side
 * of the separator, and one space between the source and the date.
 *
 * When to use it: to keep diffs clean; stray spaces are invisible in the
 * rendered list but show up in every review. Two trailing spaces that make a
 * hard line break (the item's text continues on the next line) are kept.
 * Look-alike or unspaced separators are `entry-format`'s business.
 * Invisible characters in a link's title (zero-width space, joiner and
 * non-joiner, word joiner, BOM, soft hyphen, no-break space) are removed (a
 * no-break space becomes a space): they break search and duplicate checks.
 * A joiner that is part of the text stays: inside an emoji sequence (`👨‍💼`
 * is one picture) or between letters of a script written with joiners
 * (Persian, Hindi). (In a URL they are `url-format`'s business.)
 *
 * Options: none. Default severity: warning. Fix: yes, every case.
 * (In the examples, `␠` marks a trailing space.)
 *
 * @example ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05
 * - [Dense attention notes](https://example.com/dense) | Lab Notes 2023-01-06 :thumbsup:
 * - [👨‍💼 Agents for sales teams](https://example.com/sales) | Lab Notes 2023-01-07
 *
 * @example not-ok
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes 2023-01-05␠
 *
 * - [Sparse attention notes](https://example.com/sparse)  |  Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes   2023-01-05
 *
 * - [Sparse attention notes](https://example.com/sparse) |	Lab Notes 2023-01-05
 *
 * - [Sparse attention notes](https://example.com/sparse) | Lab Notes2023-01-05
 */
import { lineEndOf } from '../parse.js';
import type { ListRule, RuleMessage } from '../rule.js';
import type { Entry, Item, ListDocument } from '../types.js';
import { invisibleIn, quote, ruleUrl, separatorCheck, withoutInvisible } from './shared.js';

export const whitespaceRule: ListRule = {
  id: 'whitespace',
  defaultSeverity: 'warning',
  url: ruleUrl('whitespace'),
  check(doc) {
    const out: RuleMessage[] = [];
    for (const item of doc.items) {
      const trailing = trailingWhitespace(doc, item);
      if (trailing) out.push(trailing);
      if (item.entry) out.push(...entrySpacing(doc.text, item.entry), ...invisibleInTitles(doc.text, item.entry));
    }
    return out;
  },
};

function trailingWhitespace(doc: ListDocument, item: Item): RuleMessage | null {
  const lineStart = doc.lineStarts[item.line - 1];
  const end = lineEndOf(doc.text, lineStart);
  let start = end;
  while (start > lineStart && (doc.text[start - 1] === ' ' || doc.text[start - 1] === '\t')) start--;
  if (start === end || start === lineStart) return null;
  if (isHardBreak(doc, item, start, end)) return null;
  return { reason: 'Trailing whitespace', span: { start, end }, fix: { start, end, text: '' } };
}

/** Two or more trailing spaces before a continuation line of the same paragraph are a hard line break. */
function isHardBreak(doc: ListDocument, item: Item, start: number, end: number): boolean {
  if (!/^ {2,}$/.test(doc.text.slice(start, end))) return false;
  const next = doc.lineStarts[item.line];
  if (next === undefined || next >= item.span.end) return false;
  const line = doc.text.slice(next, lineEndOf(doc.text, next));
  if (line.trim() === '') return false;
  return !item.children.some((list) => list.items.some((child) => child.line === item.line + 1));
}

function entrySpacing(text: string, entry: Entry): RuleMessage[] {
  const out: RuleMessage[] = [];
  const check = separatorCheck(text, entry);
  if (check) {
    const { actual, expected, endsLine } = check;
    // Only a real bar with space on both sides (at the end of the line, before it): the rest is entry-format's.
    const spaced = /^\s/.test(actual.text) && (endsLine || /\s$/.test(actual.text));
    if (actual.text.trim() === '|' && spaced && actual.text !== expected) {
      out.push({
        reason: 'Expected one space on each side of the separator `|`',
        span: actual.span,
        fix: { start: actual.span.start, end: actual.span.end, text: expected },
      });
    }
  }
  if (entry.source && entry.date && entry.date.span.start >= entry.source.span.end) {
    const start = entry.source.span.end;
    const end = entry.date.span.start;
    const gap = text.slice(start, end);
    if (gap !== ' ' && gap.trim() === '') {
      out.push({ reason: 'Expected one space between the source and the date', span: { start, end }, fix: { start, end, text: ' ' } });
    }
  }
  return out;
}

/** One message per link title holding invisible characters; the fix rewrites the title. */
function invisibleInTitles(text: string, entry: Entry): RuleMessage[] {
  const out: RuleMessage[] = [];
  for (const link of entry.links) {
    const span = link.titleSpan;
    // A bare URL's title is its URL: url-format's business.
    if (span.start === link.urlSpan.start) continue;
    const title = text.slice(span.start, span.end);
    const what = invisibleIn(title, true);
    if (what) out.push({ reason: `Title ${quote(title)} contains ${what}`, span, fix: { ...span, text: withoutInvisible(title, true) } });
  }
  return out;
}
