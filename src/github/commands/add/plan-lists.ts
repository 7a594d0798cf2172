/**
 * The CPU part of `/add`, as one pure function of plain data: plan the entry
 * in each list file (core's planAddition) and pick the one file it goes to.
 * For a WeChat article it first answers `read-listed` with the listed short
 * addresses that could be the same article (core's listedPagesToRead, as the
 * CLI's `add` reads them); the caller reads those pages and plans again with
 * their identities in `listed`, so the parsing stays here, in the worker.
 * Input and output survive `structuredClone`, so the App runs it in a worker
 * with a time budget (src/app/core-worker.ts); the Action runs it in-process.
 */
import { type AddField, type AddPlan, type AddRequest, planAddition } from '../../../core/add/plan.js';
import { listedPagesToRead, MAX_LISTED_PAGES_READ, mayBeListedByShortAddress } from '../../../core/add/same-article.js';
import { parseList } from '../../../core/parse.js';
import type { ListkeeperConfig } from '../../../core/config/config-types.js';
import { applyEdits } from '../../../core/edits.js';
import { code } from '../../../core/inline-markdown.js';
import type { PageMetadata } from '../../../links/metadata/types.js';

export interface AddListsInput {
  /** The repository's list files (text as decoded, BOM kept). */
  lists: Array<{ path: string; text: string }>;
  page: PageMetadata | null;
  request: AddRequest;
  config: ListkeeperConfig;
  /**
   * Listed address (as written) → the identity its page gave, read after a `read-listed`
   * answer. Absent: the planner answers `read-listed` first when there are such pages to read.
   */
  listed?: ReadonlyMap<string, string>;
}

/** Why no entry was planned: planAddition's refusals, or no list file matching the path. */
export type AddRefusalKind = Exclude<AddPlan, { ok: true }>['kind'] | 'no-file';

export type AddListsPlan =
  | AddListsOk
  | AddListsRefusal
  /** Not planned yet: read these listed pages, then plan again with their identities in `listed`. */
  | { ok: false; kind: 'read-listed'; pages: string[] };

/** The entry planned: the file's new text and where the line went. */
export type AddListsOk = {
  ok: true;
  path: string;
  /** The file had a BOM (kept when writing back). */
  bom: boolean;
  /** Without the BOM. */
  oldText: string;
  newText: string;
  entry: string;
  /** The list inside the file (`Section › label`). */
  listPath: string;
  line: number;
  /** The new line exactly as written (marker and indentation included). */
  lineText: string;
  /** Lint's warnings the entry brings (worth a look, not a refusal), with their lines. */
  warnings: Array<{ line: number; message: string }>;
};

/** An answer without an entry: what was missing or wrong. */
export type AddListsRefusal = {
  ok: false;
  /** planAddition's kind (`missing`, `duplicate`, `no-list`, `ambiguous`…), or `no-file` when no list file matched. */
  kind: AddRefusalKind;
  message: string;
  /** The file the answer is about, when one. */
  path: string | null;
  /** `duplicate`: the line of the entry already there. */
  line: number | null;
  /** The entry as it would be written, when it could be formatted. */
  entry: string | null;
  /** `missing`: the fields to give by hand. */
  missing: AddField[];
};

/** Runs the planning somewhere: in-process, or in a worker with a budget. May reject (budget spent). */
export type AddPlanner = (input: AddListsInput) => Promise<AddListsPlan>;

const BOM = '\uFEFF';

export function planAdditionInLists(input: AddListsInput): AddListsPlan {
  const target = pickFiles(input.lists, input.request.to);
  if (target.lists.length === 0) {
    return failure('no-file', `no list file of the configuration is named ${code(input.request.to ?? '')}`, null);
  }
  const request: AddRequest = { ...input.request };
  if (target.to === undefined) delete request.to;
  else request.to = target.to;
  if (input.listed === undefined) {
    const pages = listedPagesIn(target.lists, input.page);
    if (pages.length > 0) return { ok: false, kind: 'read-listed', pages };
  }
  const planned = target.lists.map((list) => {
    const bom = list.text.startsWith(BOM);
    const text = bom ? list.text.slice(1) : list.text;
    return { path: list.path, bom, text, plan: planAddition(text, list.path, input.page, request, input.config, input.listed) };
  });
  // Already listed anywhere: the first copy wins over any other answer.
  for (const p of planned) {
    if (!p.plan.ok && p.plan.kind === 'duplicate') return failure('duplicate', p.plan.message, p.path, p.plan.line);
  }
  const found = planned.filter((p): p is typeof p & { plan: Extract<AddPlan, { ok: true }> } => p.plan.ok);
  if (found.length === 1) {
    const [{ path, bom, text, plan }] = found;
    const newText = applyEdits(text, [plan.edit]).text;
    const lineText = newText.split(/\r?\n/)[plan.line - 1] ?? `- ${plan.entry}`;
    return { ok: true, path, bom, oldText: text, newText, entry: plan.entry, listPath: plan.listPath, line: plan.line, lineText, warnings: plan.warnings };
  }
  if (found.length > 1) {
    const named = found.map((p) => code(`${p.path} › ${p.plan.listPath}`)).join(', ');
    return failure('ambiguous', `the list path names a list in ${found.length} files: ${named}; start it with the file's path`, null, null, found[0].plan.entry);
  }
  if (planned.length === 1) return fromPlan(planned[0].path, planned[0].plan);
  // Several files, none took it: a file that found the list says best what is missing.
  const telling = planned.find((p) => !p.plan.ok && p.plan.kind !== 'no-list') ?? planned[0];
  if (!telling.plan.ok && telling.plan.kind !== 'no-list') return fromPlan(telling.path, telling.plan);
  const candidates = planned.flatMap((p) => (!p.plan.ok && 'candidates' in p.plan ? p.plan.candidates.map((c) => `${p.path} › ${c}`) : []));
  const entry = planned.map((p) => (!p.plan.ok && 'entry' in p.plan ? p.plan.entry : null)).find((e) => e !== null) ?? null;
  const message =
    candidates.length > 0
      ? `name the list (start with the file's path); likeliest: ${candidates.slice(0, 5).map(code).join(', ')}`
      : `none of ${planned.map((p) => code(p.path)).join(', ')} has a list named ${code(input.request.to ?? '')}`;
  return failure('no-list', message, null, null, entry);
}

/** The listed short WeChat addresses, in every file the entry may go to, whose page may name this article. */
function listedPagesIn(lists: AddListsInput['lists'], page: AddListsInput['page']): string[] {
  if (!mayBeListedByShortAddress(page)) return [];
  const pages = new Set<string>();
  for (const list of lists) {
    const text = list.text.startsWith(BOM) ? list.text.slice(1) : list.text;
    for (const url of listedPagesToRead(parseList(text, list.path), page)) pages.add(url);
  }
  return [...pages].slice(0, MAX_LISTED_PAGES_READ);
}

/** The list files a list path may name: `lists/papers.md › Section` names that file only. */
function pickFiles(lists: AddListsInput['lists'], to: string | undefined): { lists: AddListsInput['lists']; to: string | undefined } {
  if (to === undefined) return { lists, to };
  const trimmed = to.trim();
  // Longest path first, so `a/b.md` wins over `b.md` when both could match.
  for (const list of [...lists].sort((a, b) => b.path.length - a.path.length)) {
    if (!trimmed.toLowerCase().startsWith(list.path.toLowerCase())) continue;
    const rest = trimmed.slice(list.path.length);
    if (rest !== '' && !/^\s*(›|>|\/|:|\s)/.test(rest)) continue;
    const inner = rest.replace(/^\s*(›|>|\/|:)?\s*/, '');
    return { lists: [list], to: inner === '' ? undefined : inner };
  }
  // A path ending in `.md` that names no configured file is a mistake, not a section.
  if (/^\S+\.(md|markdown)(\s|›|>|:|$)/i.test(trimmed)) return { lists: [], to };
  return { lists, to };
}

function fromPlan(path: string, plan: AddPlan): AddListsRefusal {
  if (plan.ok) throw new Error('fromPlan takes a refusal');
  const entry = 'entry' in plan ? plan.entry : null;
  const missing = plan.kind === 'missing' ? [...plan.missing] : [];
  return failure(plan.kind, plan.message, path, plan.kind === 'duplicate' ? plan.line : null, entry, missing);
}

function failure(kind: AddRefusalKind, message: string, path: string | null, line: number | null = null, entry: string | null = null, missing: AddField[] = []): AddListsRefusal {
  return { ok: false, kind, message, path, line, entry, missing };
}

export const planAdditionInProcess: AddPlanner = async (input) => planAdditionInLists(input);
