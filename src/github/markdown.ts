/** Small helpers for the Markdown the tool writes into comments, issues and job summaries. */
import { code, messageMarkdown, webText } from '../core/inline-markdown.js';

export { code, messageMarkdown, webText };

/** Text safe inside a table cell: no line breaks, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
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
