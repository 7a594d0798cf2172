/**
 * Plan adding one entry to a list from what its page says (or what the user
 * gave): the formatted entry, the list it goes to, and the text edit that
 * inserts it. I/O-free: the page was read before (src/links/metadata).
 *
 * In order: the URL must be one (bad input); the article must not be listed
 * yet under any of its addresses (refused, naming the first copy); `--to` must
 * name one list (else the candidates); every part the list's entries carry
 * must be known, from the page or a flag (else which flag to pass); then the
 * entry goes to its date's place, and the edited text is parsed and linted
 * again so that what is written reads back as this entry and nothing else moved.
 */
import type { ListkeeperConfig } from '../config/config-types.js';
import { conventionsFor, entryConventions } from '../conventions.js';
import { DEFAULT_DATE_STYLE, type DateStyle, isDateStyle, parseDate } from '../date.js';
import { applyEdits } from '../edits.js';
import { lintDocuments } from '../lint.js';
import { parseList } from '../parse.js';
import { compilePatterns } from '../rules/shared.js';
import { resolveSortOrder } from '../sort/sort-direction.js';
import type { Finding, ListBlock, ListDocument, TextEdit } from '../types.js';
import type { PageMetadata } from '../../links/metadata/types.js';
import { duplicateMessage, findDuplicate } from './duplicates.js';
import { findList, pathOf, splitPath, targetLists, type TargetList } from './find-list.js';
import { cleanSource, cleanTitle, formatEntry, keptUrl, type EntryFields } from './format-entry.js';
import { insertEntry } from './insert.js';
import { suggestLists } from './suggest-lists.js';

export interface AddRequest {
  /** The URL as given by the user. */
  url: string;
  /** `--to`: `Section › Project › label` (also `>` or `/` between parts). */
  to?: string;
  /** Values given by hand win over the page's. */
  title?: string;
  source?: string;
  /** `YYYY-MM-DD` (or any date form the list reads). */
  date?: string;
}

/** A field `add` could not fill: asked for by flag, never invented. */
export type AddField = 'title' | 'source' | 'date';

export type AddPlan =
  | {
      ok: true;
      /** The entry line's text, as inserted (without marker and indentation). */
      entry: string;
      /** The list it went to, as a path a user could pass to `--to`. */
      listPath: string;
      /** 1-based line the entry will be on. */
      line: number;
      /** The insertion; offsets into the text without its BOM, as every core edit (apply, then re-add the BOM). */
      edit: TextEdit;
      /**
       * Worth a look, not a refusal: lint's warnings on the new line (a repost's
       * title, a date in the future), and what lint now finds on other lines
       * because of it (a lone link that now reads as an entry lacking its parts).
       */
      warnings: Array<{ line: number; message: string }>;
    }
  | { ok: false; kind: 'missing'; missing: AddField[]; entry: string | null; message: string }
  | { ok: false; kind: 'duplicate'; line: number; message: string }
  | { ok: false; kind: 'no-list' | 'ambiguous'; candidates: string[]; entry: string | null; message: string }
  /** Not a URL, not a date, or an entry that would not read back as written: the user's input is at fault. */
  | { ok: false; kind: 'bad-input'; message: string };

/** The flag that gives each field by hand. */
export const FIELD_FLAGS: Record<AddField, string> = { title: '--title T', source: '--source S', date: '--date YYYY-MM-DD' };

export function planAddition(text: string, path: string, page: PageMetadata | null, request: AddRequest, config: ListkeeperConfig): AddPlan {
  const url = keptUrl(request.url);
  if (url === null) return badInput(`"${request.url}" is not an http(s) URL`);
  const doc = parseList(text, path);
  // `duplicate-link`'s `allow`: links the list may repeat.
  const allow = compilePatterns(config.rules['duplicate-link']?.options.allow);
  const duplicate = allow.some((re) => re.test(url)) ? null : findDuplicate(doc, [request.url, url], page);
  if (duplicate) return { ok: false, kind: 'duplicate', line: duplicate.item.line, message: duplicateMessage(doc, duplicate) };
  const known = knownFields(url, page, request);
  if (typeof known === 'string') return badInput(known);
  const style = dateStyle(config);
  const targets = targetLists(doc);
  if (targets.length === 0) return badInput(`no list here holds entries like \`[title](url) | source YYYY-MM-DD\` to add to`);
  if (request.to === undefined) return suggestion(targets, known, page, style);
  const found = findList(targets, request.to);
  if (found.kind !== 'found') {
    // Nothing named so: the lists whose names share a word with the query, if any.
    const near = found.kind === 'ambiguous' ? found.candidates : suggestLists(targets, splitPath(request.to).join(' '));
    const candidates = near.slice(0, MAX_CANDIDATES).map((target) => pathOf(target, targets));
    const entry = complete(known) ? formatEntry(known, style) : null;
    return { ok: false, kind: found.kind === 'ambiguous' ? 'ambiguous' : 'no-list', candidates, entry, message: notFoundMessage(request.to, found.kind, near, targets) };
  }
  const fields = fieldsFor(doc, found.target.list, known);
  if (fields.missing.length > 0) return missing(fields.missing, page);
  const entry = formatEntry(fields.entry, style);
  const order = resolveSortOrder(doc, config.sort).order;
  const insertion = insertEntry(doc, found.target.list, entry, fields.entry.date, order);
  const checked = checkResult(doc, found.target.list, insertion.edit, insertion.line, fields.entry, config);
  if (typeof checked === 'string') return badInput(checked);
  return { ok: true, entry, listPath: pathOf(found.target, targets), line: insertion.line, edit: insertion.edit, warnings: checked.warnings };
}

/** What is known of each field, the user's values first; a message when a given date is no date. */
type Known = { title: string | null; url: string; source: string | null; date: string | null };

function knownFields(url: string, page: PageMetadata | null, request: AddRequest): Known | string {
  let date: string | null = null;
  if (request.date !== undefined) {
    date = parseDate(request.date).value;
    if (date === null) return `--date "${request.date}" is not a calendar date (write YYYY-MM-DD)`;
  } else if (page?.published) {
    date = parseDate(page.published.value.value).value;
  }
  const source = request.source !== undefined ? cleanSource(request.source) : page?.source ? cleanSource(page.source.value) : null;
  // A page's title may end in its site's name; one typed by hand is taken as typed.
  const siteNames = [source, page?.source?.value, page?.site].filter((name): name is string => typeof name === 'string');
  const title = request.title !== undefined ? cleanSource(request.title) : page?.title ? cleanTitle(page.title.value, siteNames) : null;
  return { title: title || null, url, source: source || null, date };
}

function complete(known: Known): known is Known & EntryFields & { title: string } {
  return known.title !== null && known.source !== null && known.date !== null;
}

/**
 * The fields this list's entries carry (conventions.ts: a list of
 * `[title](url) | source` digests carries no date) and which of them are
 * unknown. A document without blog entries to learn from takes all three.
 */
function fieldsFor(doc: ListDocument, list: ListBlock, known: Known): { entry: EntryFields; missing: AddField[] } {
  const hasEntries = doc.items.some((item) => item.entry?.kind === 'blog');
  const carried = hasEntries ? conventionsFor(entryConventions(doc), list) : { source: true, date: true };
  const missing: AddField[] = [];
  if (known.title === null) missing.push('title');
  if (carried.source && known.source === null) missing.push('source');
  if (carried.date && known.date === null) missing.push('date');
  const entry = { title: known.title ?? '', url: known.url, source: carried.source ? known.source : null, date: carried.date ? known.date : null };
  return { entry, missing };
}

function missing(fields: AddField[], page: PageMetadata | null): AddPlan {
  const from = page ? 'the page does not say' : 'the page could not be read for';
  const flags = fields.map((field) => FIELD_FLAGS[field]).join(', ');
  return { ok: false, kind: 'missing', missing: fields, entry: null, message: `${from} its ${fields.join(', ')}: pass ${flags}` };
}

/** Without `--to`: the entry as it would be written, and the likeliest lists. */
function suggestion(targets: TargetList[], known: Known, page: PageMetadata | null, style: DateStyle): AddPlan {
  const absent = (['title', 'source', 'date'] as const).filter((field) => known[field] === null);
  if (absent.length > 0) return missing(absent, page);
  const entry = complete(known) ? formatEntry(known, style) : null;
  const likely = suggestLists(targets, known.title ?? '');
  const candidates = likely.map((target) => pathOf(target, targets));
  const message =
    candidates.length > 0
      ? `name the list with --to; likeliest: ${listed(likely, targets)}`
      : `name the list with --to "Section › Project › label"; no list's name shares a word with the title`;
  return { ok: false, kind: 'no-list', candidates, entry, message };
}

function notFoundMessage(query: string, kind: 'ambiguous' | 'not-found', candidates: TargetList[], targets: TargetList[]): string {
  const named = listed(candidates, targets);
  if (kind === 'ambiguous') return `--to "${query}" names ${candidates.length} lists: ${named}; name one of them`;
  const near = candidates.length > 0 ? `; lists with a like name: ${named}` : '';
  return `--to "${query}" names no list of entries (give its headings and labels, e.g. "Project › blog")${near}`;
}

/** At most this many lists are named in one message… */
const MAX_NAMED = 8;
/** …and in a plan's candidates (a path's shortest form is searched for each). */
const MAX_CANDIDATES = 20;

/** `"ChatGPT › blog" (line 35), "LLaMA › blog" (line 234), and 3 more`. */
function listed(candidates: TargetList[], targets: TargetList[]): string {
  const named = candidates.slice(0, MAX_NAMED).map((target) => `"${pathOf(target, targets)}" (line ${firstLine(target)})`);
  const more = candidates.length - named.length;
  return `${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

function firstLine(target: TargetList): number {
  return target.list.items[0]?.line ?? 0;
}

/**
 * The edited text, parsed again: one more item, in the target list, a blog
 * entry reading back the link, source and date written; and lint, on the new
 * line alone, finds no error. Lint's warnings there are passed on.
 */
function checkResult(doc: ListDocument, list: ListBlock, edit: TextEdit, line: number, fields: EntryFields, config: ListkeeperConfig): { warnings: Array<{ line: number; message: string }> } | string {
  const after = parseList(applyEdits(doc.text, [edit]).text, doc.path);
  const item = after.items.find((candidate) => candidate.line === line);
  const entry = item?.entry;
  const readsBack =
    item !== undefined &&
    after.items.length === doc.items.length + 1 &&
    item.list.items.length === list.items.length + 1 &&
    (item.list.parent?.line ?? -1) === (list.parent?.line ?? -1) &&
    item.list.section?.title === list.section?.title &&
    entry?.link?.url === fields.url &&
    (fields.date === null || entry.date?.value === fields.date) &&
    (fields.source === null || entry.source !== null);
  if (!readsBack) return 'the entry would not read back as written in this place (check the title and source for Markdown)';
  const lines = new Set([line]);
  const findings = lintDocuments([after], config, { changedLines: () => lines });
  const own = findings.filter((finding) => finding.start.line === line);
  const errors = own.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) return `the entry would not pass lint: ${errors[0].reason} (${errors[0].ruleId})`;
  return { warnings: [...own, ...newElsewhere(doc, findings, line, config)].map((finding) => ({ line: finding.start.line, message: `${finding.reason} (${finding.ruleId})` })) };
}

/**
 * Findings on other lines that the insertion brought about: lint reads some
 * lines by their neighbours (a lone link becomes an entry lacking its parts
 * once most of its siblings are entries). The entry is still right, so they
 * are warnings that name the line, not a refusal.
 */
function newElsewhere(doc: ListDocument, after: Finding[], line: number, config: ListkeeperConfig): Finding[] {
  const key = (finding: Finding, shifted: number): string => `${finding.ruleId}|${shifted}|${finding.start.column}`;
  const before = new Map<string, number>();
  for (const finding of lintDocuments([doc], config)) {
    const k = key(finding, finding.start.line >= line ? finding.start.line + 1 : finding.start.line);
    before.set(k, (before.get(k) ?? 0) + 1);
  }
  return after.filter((finding) => {
    if (finding.start.line === line) return false;
    const k = key(finding, finding.start.line);
    const left = before.get(k) ?? 0;
    before.set(k, left - 1);
    return left <= 0;
  });
}

function dateStyle(config: ListkeeperConfig): DateStyle {
  const style = config.rules['date-format']?.options.style;
  return isDateStyle(style) ? style : DEFAULT_DATE_STYLE;
}

function badInput(message: string): AddPlan {
  return { ok: false, kind: 'bad-input', message };
}
