/** Small helpers for the Markdown the tool writes into comments, issues and job summaries. */

/** Text safe inside a table cell: no line breaks, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/**
 * Inline code that survives backticks and line breaks in the text. A code
 * span renders no HTML, mention, link or reference, so it is where text from
 * a pull request or the web goes; a blank line would end the span's
 * paragraph and let the rest render, so line breaks become spaces.
 */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Words, numbers and light punctuation: nothing GitHub turns into markup, a link, a mention or a reference. */
const PLAIN = /^[A-Za-z0-9 ,;:()'"=+-]*$/;
/** Web text longer than this is cut: a 20 KB header has no business in a comment. */
const WEB_TEXT_MAX = 200;

/**
 * Text a web server chose (a reason quoting a header or a `Location`, a note):
 * as it is when it is plain words, else in a code span, so `<img …>`,
 * `@octocat`, `#1` or a URL can never render or ping anyone.
 */
export function webText(text: string, max = WEB_TEXT_MAX): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return PLAIN.test(short) ? short : code(short);
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
