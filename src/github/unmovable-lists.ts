/**
 * How the workflows name a list out of date order that sorting leaves as it
 * is, because moving its items could change the document's structure: the
 * `/sort` reply, the upkeep pull request and the PR check say the same words.
 */
import { describeList, type UnmovableList } from '../core/sort/sort.js';
import type { ListDocument } from '../core/types.js';
import { code, pathAndLine } from './markdown.js';

export interface UnmovableNote {
  path: string;
  /** Line of the first item out of place. */
  line: number;
  /** `the list in section 'Blogs' (line 12)`. */
  list: string;
  /** What a person would change to let listkeeper sort it. */
  reason: string;
}

export function unmovableNote(doc: Pick<ListDocument, 'path'>, u: UnmovableList): UnmovableNote {
  return { path: doc.path, line: u.line, list: describeList(u.list), reason: u.reason };
}

const CANNOT = 'is not sorted by date, and listkeeper cannot move its items safely';

/**
 * One line of Markdown. The path and the list's name (which holds the file's own
 * headings and titles) are code spans, so they mention no one and make no markup;
 * the line links to the commit the note was made on (`blobBase`) when it is known.
 */
export function unmovableMarkdown(note: UnmovableNote, blobBase?: string): string {
  return `${pathAndLine(note.path, note.line, blobBase)}: ${code(note.list)} ${CANNOT}: ${note.reason}.`;
}

/** Plain text without the place, for an annotation on the item's line. */
export function unmovableMessage(note: Pick<UnmovableNote, 'list' | 'reason'>): string {
  return `${note.list} ${CANNOT}: ${note.reason}`;
}

/** Plain text with the place, for the log. */
export function unmovableText(note: UnmovableNote): string {
  return `${note.path}:${note.line}: ${unmovableMessage(note)}`;
}

/**
 * A Markdown block naming each list left out of order and what to change;
 * `next` says what to do afterwards; lines link into `blobBase` when given. Empty when there is none.
 */
export function unmovableBlock(notes: readonly UnmovableNote[], next: string, blobBase?: string): string[] {
  if (notes.length === 0) return [];
  const one = notes.length === 1;
  return [
    `Not sorted: moving the items could change the document, so listkeeper left ${one ? 'this list out of date order' : `these ${notes.length} lists out of date order`}:`,
    '',
    ...notes.map((n) => `- ${pathAndLine(n.path, n.line, blobBase)}: ${code(n.list)} — ${n.reason}.`),
    '',
    `Change the layout as described (or sort ${one ? 'it' : 'them'} by hand), ${next}`,
  ];
}
