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

/**
 * Cut a list of blocks so the joined text stays under `limit` characters,
 * ending with `more(n)` for the n blocks left out.
 */
export function fitBlocks(blocks: string[], limit: number, more: (left: number) => string, separator = '\n'): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; i < blocks.length; i++) {
    const tail = more(blocks.length - i - 1);
    const next = size + blocks[i].length + separator.length;
    const needTail = i < blocks.length - 1;
    if (next + (needTail ? tail.length + separator.length : 0) > limit) {
      out.push(more(blocks.length - i));
      return out.join(separator);
    }
    out.push(blocks[i]);
    size = next;
  }
  return out.join(separator);
}
