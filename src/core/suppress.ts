/**
 * Inline suppression: `<!-- lint disable RULE… -->`, `<!-- lint enable RULE… -->`
 * and `<!-- lint ignore RULE… -->`, in remark-message-control's syntax
 * (comment markers as mdast-comment-marker reads them), with `listkeeper`
 * accepted as the name too. Implemented once here so the CLI, the Action, the
 * App (all through `lintDocuments`) and the remark preset behave the same.
 *
 * - `disable` / `enable` act from the comment on, until the end of the file or
 *   the next comment that says otherwise; without rule names they mean every rule.
 * - `ignore` silences the next node: the next sibling of the comment, e.g. the
 *   list or paragraph after it. Where the comment sits between the entries of
 *   one list (it splits the list in two, in Markdown) or is indented as the
 *   last thing of an entry, it silences the next entry only, not the rest of
 *   the list: that is what a maintainer marking one entry means.
 * - A message counts as inside when its start is (as remark-message-control
 *   compares the message's line and column with the comment's).
 * - `lint` is shared with remark-lint and awesome-lint, so rule names that are
 *   not listkeeper's are left to them; with the name `listkeeper`, an unknown
 *   rule name is reported (a typo would otherwise silence nothing). An
 *   unknown keyword is reported for either name.
 */
import type { Html, Nodes, Root } from 'mdast';
import { parseMarkdown, splitIntoChunks } from './parse.js';
import { parseSimpleChunk } from './parse-fast.js';
import type { Span } from './types.js';

/** The names a marker comment may have. */
export const MARKER_NAMES: readonly string[] = ['lint', 'listkeeper'];

export type ControlVerb = 'disable' | 'enable' | 'ignore';

/** One `<!-- lint … -->` / `<!-- listkeeper … -->` comment. */
export interface ControlComment {
  name: string;
  /** The first word after the name, as written (checked in `suppressionsOf`). */
  verb: string;
  /** The rule names after the verb; empty means every rule. */
  ruleIds: string[];
  /** The comment. */
  span: Span;
  /** Where the node an `ignore` applies to ends; null when nothing follows the comment. */
  ignoreEnd: number | null;
}

/** A comment that cannot do what it says, reported at the comment. */
export interface ControlProblem {
  reason: string;
  span: Span;
}

export interface Suppressions {
  /** Whether a message of `ruleId` that starts at `offset` is silenced. */
  isSuppressed(ruleId: string, offset: number): boolean;
  problems: ControlProblem[];
}

/** Reported for a marker comment that is not understood. */
export const CONTROL_RULE_ID = 'lint-comment';

export const NO_SUPPRESSIONS: Suppressions = { isSuppressed: () => false, problems: [] };

// mdast-comment-marker's expressions: the comment must be the whole HTML node.
const MARKER = /^(\s*<!--\s*([a-zA-Z\d-]+)(\s+([\s\S]*))?\s*-->\s*)$/;
const PARAMETER = /\s+([-\w]+)(?:=(?:"((?:\\[\s\S]|[^"])*)"|'((?:\\[\s\S]|[^'])*)'|((?:\\[\s\S]|[^"'\s])+)))?/gi;
/** Cheap test before parsing: most lists have no marker comment at all. */
const MAYBE_MARKER = /<!--\s*(?:lint|listkeeper)/;

/**
 * The marker comments of a file's text (no BOM). Only the chunks (sections,
 * see `splitIntoChunks`) that may hold one are parsed, as `parseList` parses
 * them; a comment ending its chunk is followed by the next chunk's heading.
 */
export function controlCommentsOf(text: string): ControlComment[] {
  if (!MAYBE_MARKER.test(text)) return [];
  const starts = splitIntoChunks(text);
  const endOfChunk = (i: number): number => (i + 1 < starts.length ? starts[i + 1] : text.length);
  const blocksOf = (i: number): Positioned[] => {
    const chunk = text.slice(starts[i], endOfChunk(i));
    const tree = parseSimpleChunk(chunk, parseMarkdown) ?? parseMarkdown(chunk);
    return tree.children.map((node) => ({ node, base: starts[i] }));
  };
  const out: ControlComment[] = [];
  for (let i = 0; i < starts.length; i++) {
    if (!MAYBE_MARKER.test(text.slice(starts[i], endOfChunk(i)))) continue;
    const blocks = blocksOf(i);
    const next = blocks.at(-1)?.node.type === 'html' && i + 1 < starts.length ? blocksOf(i + 1).slice(0, 1) : [];
    const found: ControlComment[] = [];
    collect([...blocks, ...next], null, found);
    // The next chunk's heading is there to end an `ignore`; its own comments are found with its chunk.
    out.push(...found.filter((c) => c.span.start < endOfChunk(i)));
  }
  return out;
}

/** The marker comments of a tree remark parsed (the preset's path); offsets as the tree has them. */
export function controlCommentsOfTree(tree: Root): ControlComment[] {
  const out: ControlComment[] = [];
  collect(
    tree.children.map((node) => ({ node, base: 0 })),
    null,
    out,
  );
  return out;
}

/** A node and the offset its positions are relative to. */
interface Positioned {
  node: Nodes;
  base: number;
}

/** Walk siblings; `after` is the node following the parent list item, for a comment that ends an item. */
function collect(siblings: Positioned[], after: Positioned | null, out: ControlComment[]): void {
  for (let i = 0; i < siblings.length; i++) {
    const { node, base } = siblings[i];
    if (node.type === 'html') {
      const marker = markerOf(node, base);
      if (marker) out.push({ ...marker, ignoreEnd: ignoreEnd(siblings, i, after) });
      continue;
    }
    if (!('children' in node)) continue;
    const children = (node.children as Nodes[]).map((child) => ({ node: child, base }));
    if (node.type === 'list') {
      // A comment ending an entry applies to the next entry of the same list (none after the last).
      children.forEach((item, k) => collect(childrenOf(item), children[k + 1] ?? null, out));
    } else {
      collect(children, null, out);
    }
  }
}

function childrenOf({ node, base }: Positioned): Positioned[] {
  return 'children' in node ? (node.children as Nodes[]).map((child) => ({ node: child, base })) : [];
}

/** The end of the node an `ignore` at `siblings[i]` applies to. */
function ignoreEnd(siblings: Positioned[], i: number, afterItem: Positioned | null): number | null {
  const next = siblings[i + 1] ?? afterItem;
  if (!next) return null;
  const previous = siblings[i - 1];
  // Between two entries of one list: the comment split it; the next entry is meant.
  const target =
    next.node.type === 'list' && previous?.node.type === 'list' && next.node.children.length > 0
      ? { node: next.node.children[0] as Nodes, base: next.base }
      : next;
  return endOf(target);
}

function endOf({ node, base }: Positioned): number | null {
  const end = node.position?.end.offset;
  return end === undefined ? null : base + end;
}

function markerOf(node: Html, base: number): Omit<ControlComment, 'ignoreEnd'> | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const match = MARKER.exec(node.value);
  if (!match || !MARKER_NAMES.includes(match[2])) return null;
  const attributes = (match[4] ?? '').trim();
  // As mdast-comment-marker: attributes that are not `name` / `name=value` make it no marker.
  if (` ${attributes}`.replace(PARAMETER, '').replace(/\s+/g, '') !== '') return null;
  const [verb = '', ...ruleIds] = attributes.split(/\s+/).filter((word) => word !== '');
  return { name: match[2], verb, ruleIds, span: { start: base + start, end: base + end } };
}

interface Toggle {
  offset: number;
  enabled: boolean;
  /** null: every rule. */
  ruleIds: string[] | null;
}

interface IgnoredRange extends Span {
  ruleIds: string[] | null;
}

/**
 * What the comments of one document silence. `knownRuleIds` are listkeeper's
 * rules: other names under `lint` belong to other linters.
 */
export function suppressionsOf(comments: readonly ControlComment[], knownRuleIds: readonly string[]): Suppressions {
  if (comments.length === 0) return NO_SUPPRESSIONS;
  const toggles: Toggle[] = [];
  const ignored: IgnoredRange[] = [];
  const problems: ControlProblem[] = [];
  for (const comment of comments) {
    if (!isVerb(comment.verb)) {
      problems.push({
        reason: `Unknown keyword \`${comment.verb}\` in \`<!-- ${comment.name} … -->\`: expected \`enable\`, \`disable\` or \`ignore\``,
        span: comment.span,
      });
      continue;
    }
    const unknown = comment.ruleIds.filter((id) => !knownRuleIds.includes(id));
    if (comment.name === 'listkeeper') {
      for (const id of unknown) {
        problems.push({ reason: `Cannot ${comment.verb} \`${id}\`: not a listkeeper rule (rules: ${knownRuleIds.join(', ')})`, span: comment.span });
      }
    }
    const ruleIds = comment.ruleIds.length === 0 ? null : comment.ruleIds.filter((id) => knownRuleIds.includes(id));
    // Only other linters' rules: nothing of ours to silence.
    if (ruleIds !== null && ruleIds.length === 0) continue;
    if (comment.verb === 'ignore') {
      if (comment.ignoreEnd !== null) ignored.push({ start: comment.span.start, end: comment.ignoreEnd, ruleIds });
    } else {
      toggles.push({ offset: comment.span.start, enabled: comment.verb === 'enable', ruleIds });
    }
  }
  const applies = (ids: string[] | null, ruleId: string): boolean => ids === null || ids.includes(ruleId);
  return {
    problems,
    isSuppressed(ruleId, offset) {
      if (ignored.some((r) => r.start <= offset && offset < r.end && applies(r.ruleIds, ruleId))) return true;
      // The last toggle at or before the message that concerns its rule decides; every rule starts enabled.
      for (let i = toggles.length - 1; i >= 0; i--) {
        const t = toggles[i];
        if (t.offset <= offset && applies(t.ruleIds, ruleId)) return !t.enabled;
      }
      return false;
    },
  };
}

function isVerb(word: string): word is ControlVerb {
  return word === 'disable' || word === 'enable' || word === 'ignore';
}

