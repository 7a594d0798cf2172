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
