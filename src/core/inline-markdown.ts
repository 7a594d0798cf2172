/**
 * Inline Markdown for text the tool did not write (rule messages, web servers' words):
 * shared by the GitHub reports and the link checker's Markdown report.
 */

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
  // CommonMark (and GitHub) strips one space from each end of a span that starts and ends with
  // one, so ` | ` would render as `|`: an extra space on each side keeps the text as it is.
  const edgeSpaces = /^ [^]* $/.test(flat) && flat.trim() !== '';
  const pad = flat.startsWith('`') || flat.endsWith('`') || edgeSpaces ? ' ' : '';
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
