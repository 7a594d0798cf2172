/**
 * Property: applying every fix of one lint pass (what `--fix` does) to a list
 * full of fixable mistakes leaves nothing for the fixable rules to report, and
 * keeps every entry's title, link, source and date.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/core/config/config-types.js';
import { parseList } from '../../src/core/parse.js';
import { applyFixes, lintText } from './helpers.js';

const FIXABLE: RuleId[] = ['entry-format', 'date-format', 'url-format', 'whitespace'];

interface GenEntry {
  label: string;
  title: string;
  host: string;
  scheme: string;
  stray: string;
  separator: string;
  source: string;
  gap: string;
  year: number;
  month: number;
  day: number;
  dateStyle: number;
  marker: string;
  trailing: string;
  children: GenEntry[];
}

const word = fc.stringMatching(/^[A-Za-z\u4e00-\u4e2f][A-Za-z\u4e00-\u4e2f]{0,8}$/);
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

const entryFields = {
  label: fc.constantFrom('', '', 'Davinci(OpenAI): ', 'youChat(You.com): '),
  title: words,
  host: fc.constantFrom('example.com', 'blog.example.org', 'www.example.net', 'mp.weixin.qq.com'),
  scheme: fc.constantFrom('https://', 'https://', 'http://', '', '//'),
  stray: fc.constantFrom('', '', ')', ' )'),
  separator: fc.constantFrom(' | ', ' | ', '｜', '|', ' |', '| ', '  |  ', '\t|\t', ' ｜ ', ' || ', '||', ' | | ', '｜|', ' |  |  ', '| ｜'),
  source: words,
  gap: fc.constantFrom(' ', ' ', '  ', '\t', ''),
  year: fc.integer({ min: 2015, max: 2023 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  dateStyle: fc.integer({ min: 0, max: 3 }),
  marker: fc.constantFrom('', '', ' :thumbsup:'),
  trailing: fc.constantFrom('', '', ' ', '  ', ' \t'),
};

const leaf = fc.record({ ...entryFields, children: fc.constant([] as GenEntry[]) });
const entry: fc.Arbitrary<GenEntry> = fc.record({ ...entryFields, children: fc.array(leaf, { maxLength: 3 }) });
const list = fc.array(entry, { minLength: 1, maxLength: 5 });

const pad = (n: number): string => String(n).padStart(2, '0');

function dateText(e: GenEntry): string {
  switch (e.dateStyle) {
    case 1:
      return `${e.year}-${e.month}-${e.day}`;
    case 2:
      return `${e.year}/${pad(e.month)}/${pad(e.day)}`;
    case 3:
      return `${e.year}.${pad(e.month)}.${pad(e.day)}`;
    default:
      return `${e.year}-${pad(e.month)}-${pad(e.day)}`;
  }
}

interface Expected {
  title: string;
  url: string;
  source: string;
  date: string;
}

function render(entries: GenEntry[], eol: string): { text: string; expected: Expected[] } {
  const lines = ['# Generated', '', '## Posts', ''];
  const expected: Expected[] = [];
  const emit = (e: GenEntry, indent: string): void => {
    const n = expected.length;
    const title = `${e.title} ${n}`;
    const path = `/post/${n}`;
    // A stray `)` only parses as stray text when a separator follows.
    const stray = e.separator.trim() === '' ? '' : e.stray;
    const line = `${indent}- ${e.label}[${title}](${e.scheme}${e.host}${path})${stray}${e.separator}${e.source}${e.gap}${dateText(e)}${e.marker}${e.trailing}`;
    lines.push(line);
    expected.push({ title, url: `${e.host}${path}`, source: e.source, date: `${e.year}-${pad(e.month)}-${pad(e.day)}` });
    for (const child of e.children) emit(child, `${indent}  `);
  };
  for (const e of entries) emit(e, '');
  return { text: lines.join(eol) + eol, expected };
}

describe('--fix re-lints clean for the fixable rules', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('on generated lists (%s)', (_name, eol) => {
    fc.assert(
      fc.property(list, (entries) => {
        const { text, expected } = render(entries, eol);
        const fixed = applyFixes(text, lintText(text, FIXABLE));
        expect(lintText(fixed, FIXABLE)).toEqual([]);
        const doc = parseList(fixed);
        expect(
          doc.items.map((i) => ({
            title: i.entry?.link?.title,
            url: i.entry?.link?.url.replace(/^https?:\/\//, ''),
            source: i.entry?.source?.text,
            date: i.entry?.date?.raw,
          })),
        ).toEqual(expected);
        // Line endings are kept: no bare `\n` appears in a CRLF file.
        if (eol === '\r\n') expect(/[^\r]\n/.test(fixed)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('a clean list has nothing to fix', () => {
    fc.assert(
      fc.property(list, (entries) => {
        const clean = entries.map((e) => ({
          ...e,
          scheme: 'https://',
          stray: '',
          separator: ' | ',
          gap: ' ',
          dateStyle: 0,
          trailing: '',
          children: e.children.map((c) => ({ ...c, scheme: 'https://', stray: '', separator: ' | ', gap: ' ', dateStyle: 0, trailing: '' })),
        }));
        const { text } = render(clean, '\n');
        expect(lintText(text, FIXABLE)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
