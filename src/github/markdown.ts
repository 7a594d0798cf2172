/** Small helpers for the Markdown the tool writes into comments, issues and job summaries. */
import { code, webText } from '../core/inline-markdown.js';

export { code, webText };

/** Text safe inside a table cell: no line breaks, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}


/**
 * A rule's message (plain text with its own code spans, e.g. "expected ` | `") as Markdown
 * that renders what it says: each code span is written again with `code`, so one whose text
 * starts and ends with a space keeps those spaces. Backticks that open no span stay as they are.
 */
export function messageMarkdown(message: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = /`+/g;
    open.lastIndex = at;
    const start = open.exec(message);
    if (start === null) return out + message.slice(at);
    const fence = start[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = start.index + fence.length;
    const end = close.exec(message);
    if (end === null) {
      // Not a span: the backticks are text, and a later, shorter run may still open one.
      out += message.slice(at, start.index + fence.length);
      at = start.index + fence.length;
      continue;
    }
    const inner = message.slice(start.index + fence.length, end.index);
    // Spaces around a backtick at an edge are there to let the span hold it, not text.
    const literal = /^ [^]* $/.test(inner) && /^ `|` $/.test(inner) ? inner.slice(1, -1) : inner;
    out += message.slice(at, start.index) + code(literal);
    at = end.index + fence.length;
  }
}

/** Where GitHub shows `path` at `line` in one commit: Markdown links to lines stay right after later pushes. */
export function lineUrl(blobBase: string, path: string, line: number): string {
  return `${blobBase}${path.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

/** `` `README.md:7` `` (file names are anyone's), a link to that line when the commit's `blobBase` is known. */
export function placeLink(path: string, line: number, blobBase?: string): string {
  const at = code(`${path}:${line}`);
  return blobBase === undefined ? at : `[${at}](${lineUrl(blobBase, path, line)})`;
}

/** `` `README.md` line 7 `` in a sentence, "line 7" a link to that line when the commit's `blobBase` is known. */
export function pathAndLine(path: string, line: number, blobBase?: string): string {
  return `${code(path)} ${blobBase === undefined ? `line ${line}` : `[line ${line}](${lineUrl(blobBase, path, line)})`}`;
}

/** `https://github.com/owner/repo/blob/<sha>/`, the start of `lineUrl`s in one commit. */
export function blobBase(serverUrl: string | undefined, owner: string, repo: string, sha: string): string {
  return `${(serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${owner}/${repo}/blob/${sha}/`;
}


export function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** GitHub refuses comment, issue and pull request bodies longer than 65,536 characters (422). */
export const BODY_LIMIT = 65_536;

/** `text` cut after a whole line, with `note` appended, when it is longer than `limit`. */
export function fitBody(text: string, note: string, limit = BODY_LIMIT): string {
  if (text.length <= limit) return text;
  const room = limit - note.length;
  const lastBreak = text.lastIndexOf('\n', room);
  return `${text.slice(0, lastBreak > 0 ? lastBreak : room)}${note}`;
}
