/** Small helpers for the Markdown the tool writes into comments, issues and job summaries. */
import { code, lineUrl, messageMarkdown, placeLink, webText } from '../core/inline-markdown.js';

export { code, lineUrl, messageMarkdown, placeLink, webText };

/** Text safe inside a table cell: no line breaks, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
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
