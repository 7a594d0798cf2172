import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { quote } from '../../src/core/rules/shared.js';

/** What a Markdown reader (a PR comment, an issue) makes of the quoted text. */
function rendered(markdown: string): Array<{ type: string; value?: string }> {
  const tree = fromMarkdown(markdown);
  const para = tree.children[0];
  return para && para.type === 'paragraph' ? (para.children as Array<{ type: string; value?: string }>) : [];
}

describe('quote', () => {
  it('keeps plain text in one code span', () => {
    expect(quote('Introducing Claude')).toBe('`Introducing Claude`');
  });

  it('keeps a title with backticks whole, so a following @mention stays inside the code span', () => {
    const title = 'Use `npm ci` then ping @octocat';
    const nodes = rendered(quote(title));
    expect(nodes).toEqual([expect.objectContaining({ type: 'inlineCode', value: title })]);
  });

  it('shortens long text with an ellipsis', () => {
    const out = quote('x'.repeat(200), 10);
    expect(out).toBe(`\`${'x'.repeat(9)}…\``);
  });
});
