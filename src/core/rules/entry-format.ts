/**
 * `entry-format` — a blog entry must read `[title](url) | source YYYY-MM-DD`.
 *
 * When to use it: always; it keeps every entry readable and lets `sort` and
 * the date rules find each entry's date. Items that are not blog entries
 * (`[name](url): description`, `key: value`, plain text) are not checked.
 *
 * Conventions come from the document: a missing source or date is reported
 * only where the list's blog entries carry one as a rule (at least half of
 * them; a list of fewer than three entries goes by its section, then by the
 * whole document). A digest whose `[title](url) | author | site` entries never
 * carry dates gets no date messages. A date written another way
 * (`2023年4月5日`) is still the entry's date: that is `date-format`'s business.
 *
 * A bare link is a blog entry that lacks its parts in a list where most items
 * are blog entries, or where some siblings are dated blog entries on the same
 * site as the link (and `[name](url) - description` items do not outnumber
 * the blog entries): a project's home page beside dated articles about it is
 * not an entry.
 *
 * Options: none. Default severity: error.
 *
 * Fixes: a look-alike separator (`｜`, `|` without spaces, none at all)
 * becomes ` | `; stray text between the link and the separator is removed,
 * and so are bars repeated after it (`||`, `| |`).
 *
 * @example ok
 * - [Scaling laws, explained](https://example.com/scaling) | Lab Notes 2023-02-01
 * - [Why RLHF works](https://example.com/rlhf) | [Example Blog](https://blog.example.com/) 2023-02-03 :thumbsup:
 * - Davinci(OpenAI): [Davinci writes better](https://example.com/davinci) | AI Weekly 2022-12-23
 * - [paper](https://arxiv.org/abs/2301.00001): Scaling Laws Revisited
 * - code: https://github.com/example/scaling
 * - [Mixture of experts](https://example.com/moe) | AINLP 2021-12-22 转载
 *
 * @example not-ok
 * - [Scaling laws, explained](https://example.com/scaling)｜Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling)|Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling)) | Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling) || Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling) | | Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling) Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling) | Lab Notes 2023-02-01
 * - [Why RLHF works](https://example.com/rlhf) | Lab Notes
 *
 * - [Scaling laws, explained](https://example.com/scaling) | Lab Notes 2023-02-01
 * - [Why RLHF works](https://example.com/rlhf) | 2023-02-03
 *
 * - [](https://example.com/scaling) | Lab Notes 2023-02-01
 *
 * - [Scaling laws, explained](https://example.com/scaling) | Lab Notes 2023-02-01
 * - [Why RLHF works](https://example.com/rlhf)
 * - [Sparse attention](https://example.com/sparse) | Lab Notes 2023-02-05
 *
 * - [Scaling laws, explained](https://example.com/scaling) | Lab Notes 2023-02-01
 * - [Why RLHF works](https://example.com/rlhf)
 * - [rlhf-kit](https://github.com/example/rlhf-kit): the code
 * - notes: see the paper
 */
import { conventionsFor, entryConventions, type EntryConventions } from '../conventions.js';
import type { ListRule, RuleMessage } from '../rule.js';
import type { Entry, EntryLink } from '../types.js';
import { blogEntries, quote, ruleUrl, separatorCheck } from './shared.js';

const SEPARATOR = ' | ';

export const entryFormatRule: ListRule = {
  id: 'entry-format',
  defaultSeverity: 'error',
  url: ruleUrl('entry-format'),
  check(doc) {
    const out: RuleMessage[] = [];
    const conventions = entryConventions(doc);
    for (const { item, entry } of blogEntries(doc)) {
      const link = entry.link;
      if (!link) continue;
      if (link.title.trim() === '') {
        out.push({ reason: 'Entry link has an empty title', span: link.titleSpan.start === link.titleSpan.end ? link.span : link.titleSpan });
      }
      const expected = conventionsFor(conventions, item.list);
      if (entry.kind === 'bare-link') {
        const lacks = bareLinkProblem(expected);
        if (lacks) out.push({ reason: lacks, span: link.span });
        continue;
      }
      out.push(...separatorProblems(doc.text, entry, link));
      out.push(...sourceAndDateProblems(entry, link, expected));
    }
    return out;
  },
};

function separatorProblems(text: string, entry: Entry, link: EntryLink): RuleMessage[] {
  const out: RuleMessage[] = [];
  const sep = entry.separator;
  if (entry.stray && sep) {
    // The message points at what the fix removes: the stray text with the space around it.
    const span = { start: link.span.end, end: sep.span.start };
    out.push({ reason: `Unexpected ${quote(entry.stray.text)} between the link and the separator`, span, fix: { ...span, text: '' } });
  }
  if (!sep) {
    // `[title](url) source 2023-01-05`: the separator is missing.
    const start = link.span.end;
    const end = entry.source ? entry.source.span.start : (entry.date?.span.start ?? start);
    // A bar further on (`[t](u) (via X) | S 2023-01-05`) means the separator is there, after
    // text a person must judge; inserting another one would split the line in two sources.
    const barLater = /[|｜]/.test(text.slice(start, entry.line.span.end));
    if (end > start && text.slice(start, end).trim() === '' && !barLater) {
      out.push({ reason: 'Missing ` | ` between the link and the source', span: { start, end }, fix: { start, end, text: SEPARATOR } });
    } else {
      out.push({ reason: 'Missing ` | ` between the link and the source', span: { start, end: Math.max(end, start) } });
    }
    return out;
  }
  const check = separatorCheck(text, entry);
  if (!check) return out;
  const { actual, expected, endsLine } = check;
  const bar = actual.text.trim();
  const extra = entry.extraBars;
  // ` || Src`: the space after the second bar is the separator's own, so only that bar is wrong.
  const spacedByBars = !endsLine && extra !== null && !/\s$/.test(actual.text) && /\s/.test(text[extra.span.end] ?? '');
  const spaced = /^\s/.test(actual.text) && (endsLine || /\s$/.test(actual.text) || spacedByBars);
  const separatorFixed = bar !== '|' || !spaced;
  if (separatorFixed) {
    const what = bar !== '|' ? `look-alike separator ${quote(bar)}` : 'separator without spaces around it';
    out.push({
      reason: `Entry uses a ${what}: expected \` | \``,
      span: actual.span,
      fix: { start: actual.span.start, end: actual.span.end, text: expected },
    });
  }
  if (extra) {
    // Removed with the whitespace after them; at the end of the line, with all that follows the bar.
    const start = endsLine ? actual.span.end : extra.span.start;
    let end = endsLine ? entry.line.span.end : extra.span.end;
    while (!endsLine && /\s/.test(text[end] ?? '')) end++;
    // Unless the separator's own fix brings its space, one space stays after it.
    const keep = spacedByBars && !separatorFixed ? ' ' : '';
    // The message points at what the fix replaces (issue 11: an editor's quick fix replaces the message's range).
    out.push({
      reason: `Unexpected ${quote(extra.text)} after the separator: expected \` | \` once`,
      span: { start, end },
      fix: { start, end, text: keep },
    });
  }
  return out;
}

/** What a lone link lacks of what its siblings carry, or null when they carry nothing after the link. */
function bareLinkProblem(expected: EntryConventions): string | null {
  if (expected.source && expected.date) return 'Entry lacks its source and date: expected `[title](url) | source YYYY-MM-DD`';
  if (expected.date) return 'Entry lacks its date: expected `[title](url) | YYYY-MM-DD`';
  if (expected.source) return 'Entry lacks its source: expected `[title](url) | source`';
  return null;
}

/** A missing source or date, reported only where the list's entries carry it as a rule. */
function sourceAndDateProblems(entry: Entry, link: EntryLink, expected: EntryConventions): RuleMessage[] {
  const after = entry.extraBars?.span.end ?? entry.separator?.span.end ?? link.span.end;
  const end = { start: after, end: after };
  const lacksSource = !entry.source && expected.source;
  const lacksDate = !entry.date && expected.date;
  if (lacksSource && lacksDate) {
    return [{ reason: 'Entry lacks its source and date: expected `source YYYY-MM-DD` after the separator', span: end }];
  }
  if (lacksSource && entry.date) return [{ reason: 'Entry lacks its source before the date', span: entry.date.span }];
  if (lacksSource) return [{ reason: 'Entry lacks its source after the separator', span: end }];
  if (lacksDate && entry.source) {
    return [{ reason: 'Entry lacks its date: expected `source YYYY-MM-DD` after the separator', span: entry.source.span }];
  }
  if (lacksDate) return [{ reason: 'Entry lacks its date after the separator', span: end }];
  return [];
}
