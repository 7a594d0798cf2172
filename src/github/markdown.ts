/** Small helpers for the Markdown the tool writes into comments, issues and job summaries. */

/** Text safe inside a table cell: no line breaks, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
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
