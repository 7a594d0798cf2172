/**
 * What an `/add` asks for, read from the comment's first line or from the
 * answers of the "Suggest an article" issue form. Pure; the text is data
 * (it is never run): a URL, an optional list path, and the same overrides
 * as the CLI (`--title`, `--source`, `--date`).
 *
 *   /add https://mp.weixin.qq.com/s/abc ChatGLM › blog --date 2024-01-02 --source "Zhipu AI"
 */
import type { AddRequest } from '../../../core/add/plan.js';

export type AddArgs = { ok: true; request: AddRequest } | { ok: false; error: string };

/** How to write the command, for replies to one that could not be read. */
export const ADD_USAGE = '`/add <url> [list path] [--title "…"] [--source "…"] [--date YYYY-MM-DD]`';

const FLAGS = { '--title': 'title', '--source': 'source', '--date': 'date', '--to': 'to' } as const;
type Flag = keyof typeof FLAGS;

/** Quotes people type around a value with spaces: ASCII, and the ones phones and CJK keyboards give. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」' };

interface Token {
  text: string;
  /** Written in quotes (so `"--title"` is a value, not a flag). */
  quoted: boolean;
}

/** Words separated by blanks; a quoted run is one word without its quotes. An unclosed quote is an error. */
export function tokenize(line: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close !== undefined) {
      const end = line.indexOf(close, i + 1);
      if (end < 0) return `the quote ${ch} at column ${i + 1} is not closed`;
      tokens.push({ text: line.slice(i + 1, end).trim(), quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < line.length && !/\s/.test(line[end])) end++;
    tokens.push({ text: line.slice(i, end), quoted: false });
    i = end;
  }
  return tokens;
}

/** The arguments after `/add` on the comment's first line. */
export function parseAddCommandLine(firstLine: string): AddArgs {
  // Blanked, not cut, so a column in a message is the column in the comment.
  const rest = firstLine.replace(/^\s*\/add/, (command) => ' '.repeat(command.length));
  const tokens = tokenize(rest);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  const [first, ...others] = tokens;
  if (first === undefined || (!first.quoted && first.text.startsWith('--'))) return { ok: false, error: 'the URL is missing' };
  const request: AddRequest = { url: first.text };
  const pathWords: string[] = [];
  for (let i = 0; i < others.length; i++) {
    const token = others[i];
    if (token.quoted || !token.text.startsWith('--')) {
      pathWords.push(token.text);
      continue;
    }
    if (!(token.text in FLAGS)) return { ok: false, error: `${token.text} is not an option of /add` };
    const value = others[i + 1];
    if (value === undefined || value.text === '' || (!value.quoted && value.text.startsWith('--'))) return { ok: false, error: `${token.text} needs a value` };
    request[FLAGS[token.text as Flag]] = value.text;
    i++;
  }
  const path = pathWords.join(' ').trim();
  if (path !== '') {
    if (request.to !== undefined) return { ok: false, error: 'the list path is given twice (as words and with --to)' };
    request.to = path;
  }
  return { ok: true, request };
}

/** The first line of a comment (the command line). */
export function firstLine(body: string): string {
  return body.split(/\r?\n/, 1)[0];
}

/**
 * The answers of the issue form: GitHub renders each as `### <label>` then
 * the answer, `_No response_` for an optional field left empty. Labels are
 * matched loosely (`URL`, `Link`; `List path`, `List`, `Section`), so a form
 * whose labels were reworded still works.
 */
export function parseIssueForm(body: string): AddArgs {
  const answers = formAnswers(body);
  const pick = (names: RegExp): string | undefined => {
    for (const [label, value] of answers) if (names.test(label) && value !== '') return value;
    return undefined;
  };
  const url = pick(/^(url|link|address|article url|article link)$/i);
  if (url === undefined) return { ok: false, error: 'the issue has no answer under a `### URL` heading' };
  const request: AddRequest = { url: url.split(/\s+/)[0] };
  const to = pick(/^(list path|list|section|where)$/i);
  const title = pick(/^title$/i);
  const source = pick(/^(source|author|publisher)$/i);
  const date = pick(/^(date|published|publish date)$/i);
  if (to !== undefined) request.to = to;
  if (title !== undefined) request.title = title;
  if (source !== undefined) request.source = source;
  if (date !== undefined) request.date = date;
  return { ok: true, request };
}

/** `### Label` → its answer (first paragraph, trimmed), in order. */
function formAnswers(body: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const heading = /^###\s+(.+?)\s*#*\s*$/.exec(lines[i]);
    if (!heading) continue;
    const value: string[] = [];
    for (let j = i + 1; j < lines.length && !/^###\s/.test(lines[j]); j++) value.push(lines[j]);
    const text = value.join('\n').trim();
    out.push([heading[1].trim(), text === '_No response_' ? '' : text.split(/\n\s*\n/)[0].trim()]);
  }
  return out;
}
