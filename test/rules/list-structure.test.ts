import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { plugins } from '../../src/core/preset.js';
import { fixDocument } from '../../src/core/fix.js';
import { parseList } from '../../src/core/parse.js';
import type { Finding } from '../../src/core/types.js';
import { applyFixes, configWith, lintText, spanText, TODAY } from './helpers.js';

const lint = (text: string): Finding[] => lintText(text, ['list-structure']);

/** Each item as `line: parent line` (0 for top level), how the list renders. */
function nesting(text: string): string[] {
  return parseList(text).items.map((item) => `${item.line}:${item.list.parent?.line ?? 0}`);
}

/** Apply the fixes, and check the rule has nothing left to say about the result. */
function fixed(text: string): string {
  const out = applyFixes(text, lint(text));
  expect(lint(out)).toEqual([]);
  return out;
}

describe('list-structure: items that look nested but are not', () => {
  const project = ['# Projects', '', '  * Name:', '   - [paper](https://example.com/p)', '   - [code](https://example.com/c)', '  * Other', '    - [paper](https://example.com/q)', ''].join('\n');

  it('reports sub-items indented 3 spaces under `  * Name:` once, as the separate list they render as', () => {
    expect(nesting(project)).toEqual(['3:0', '4:0', '5:0', '6:0', '7:6']);
    const findings = lint(project);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', start: { line: 4, column: 1 } });
    expect(spanText(project, findings[0])).toBe('   -');
    expect(findings[0].reason).toBe(
      'These 2 items look nested under `Name:` (line 3) but are a separate list: a sub-item starts at column 5, these at column 4',
    );
  });

  it('re-indents them under `Name:`, where they then render', () => {
    const out = fixed(project);
    expect(out).toBe(project.replace(/\n {3}-/g, '\n    -'));
    expect(nesting(out)).toEqual(['3:0', '4:3', '5:3', '6:0', '7:6']);
  });

  it('moves an item with its continuation lines and sub-items, and leaves a joined `</br>` where it is', () => {
    const text = '# P\n\n  * Name\n   - blog:\n     - [A](https://example.com/a) | Lab 2023-01-05\n       more about A\n</br>\n';
    expect(fixed(text)).toBe('# P\n\n  * Name\n    - blog:\n      - [A](https://example.com/a) | Lab 2023-01-05\n        more about A\n\n</br>\n');
    expect(nesting(fixed(text))).toEqual(['3:0', '4:3', '5:4']);
  });

  it('nests under the item above, not under its parent, when it is deeper than that item', () => {
    const text = '- a\n  - b\n   + c\n';
    expect(nesting(text)).toEqual(['1:0', '2:1', '3:1']);
    expect(lint(text)[0].reason).toContain('nested under `b` (line 2)');
    expect(nesting(fixed(text))).toEqual(['1:0', '2:1', '3:2']);
  });

  it('joins the parent\'s sub-list at its column when the parent has one', () => {
    const text = '- Name:\n    - a\n - b\n';
    expect(fixed(text)).toBe('- Name:\n    - a\n    - b\n');
    expect(nesting(fixed(text))).toEqual(['1:0', '2:1', '3:1']);
  });

  it('fixes a sub-list under a wide ordered marker', () => {
    const text = '10. ten\n  - x\n';
    expect(lint(text)[0].reason).toContain('a sub-item starts at column 5, this one at column 3');
    expect(fixed(text)).toBe('10. ten\n    - x\n');
  });

  it('reports a one-space shift under a plain item without guessing a fix', () => {
    const text = '- a\n - b\n- c\n';
    const [finding] = lint(text);
    expect(finding.fix).toBeNull();
    expect(finding.reason).toBe(
      'This item looks nested under `a` (line 1) but is a sibling of it: a sub-item starts at column 3, this one at column 2: indent it to column 3 to nest under `a`, or to column 1 to stay at its level',
    );
  });

  it('reports a list in a quote with columns as the editor shows them, without a fix', () => {
    const [finding] = lint('> - a:\n>  * b\n');
    expect(finding).toMatchObject({ fix: null, start: { line: 2, column: 3 } });
    expect(finding.reason).toContain('a sub-item starts at column 5, this one at column 4');
  });

  it('keeps CRLF line endings and a BOM when fixing', () => {
    const text = '\uFEFF# P\r\n\r\n  * Name:\r\n   - [paper](https://example.com/p)\r\n';
    const result = fixDocument(text, 'list.md', configWith(['list-structure']), TODAY);
    expect(result.text).toBe('\uFEFF# P\r\n\r\n  * Name:\r\n    - [paper](https://example.com/p)\r\n');
    expect(result.remaining).toEqual([]);
  });
});

describe('list-structure: mixed indentation in one list', () => {
  it('aligns an item less indented than its siblings, with its sub-items', () => {
    const text = '- P\n    - x\n  - y\n    - z\n';
    expect(nesting(text)).toEqual(['1:0', '2:1', '3:1', '4:3']);
    const [finding] = lint(text);
    expect(finding.reason).toBe('Mixed indentation in one list: this item starts at column 3, the list\'s other items at column 5 (`x`, line 2)');
    expect(fixed(text)).toBe('- P\n    - x\n    - y\n      - z\n');
    expect(nesting(fixed(text))).toEqual(['1:0', '2:1', '3:1', '4:3']);
  });

  it('moves the odd item, not the majority', () => {
    const text = ' - a\n- b\n- c\n';
    expect(lint(text).map((f) => f.start.line)).toEqual([1]);
    expect(fixed(text)).toBe('- a\n- b\n- c\n');
  });
});

describe('list-structure: consistent lists are never reported', () => {
  it.each([
    ['2-space nesting', '- a\n  - b\n    - c\n- d\n'],
    ['4-space nesting', '- a\n    - b\n        - c\n- d\n'],
    ['a whole list shifted by one space', ' * a\n   - b\n * c\n'],
    ['tabs', '- a\n\t- b\n\t\t- c\n- d\n'],
    ['a tab after the marker', '-\ta\n\t-\tb\n    - c\n'],
    ['right-aligned numbers', ' 9. nine\n10. ten\n11. eleven\n'],
    ['left-aligned numbers with a sub-list', '9. nine\n10. ten\n    - x\n'],
    ['lists in a quote', '> - a\n>   - b\n> - c\n\n>- x\n> - y\n'],
    ['a list in a quote in an item', '- a\n  > - b\n  >   - c\n'],
    ['fenced code', '# P\n\n```\n- a\n - b\n```\n'],
    ['indented code after an item', '- a\n\n      - code\n'],
    ['a list after a paragraph inside an item', '- P\n  - x\n\n  para\n   + y\n'],
    ['an item sharing a line with its parent', '- - a\n  - b\n- c\n'],
    ['a different bullet at the same column', '- a\n* b\n'],
  ])('%s', (_name, text) => {
    expect(lint(text)).toEqual([]);
  });
});

describe('list-structure: text joined to the last item', () => {
  it('warns on `</br>` right after a nested list and inserts the blank line', () => {
    const text = '# P\n\n- Lark:\n  - blog:\n    - [Lark](https://example.com/lark) | Lab 2023-03-10\n</br>\n\n## Next\n';
    const [finding] = lint(text);
    expect(finding).toMatchObject({ severity: 'warning', start: { line: 6, column: 1 } });
    expect(spanText(text, finding)).toBe('</br>');
    expect(finding.reason).toBe('`</br>` is joined to the item above (line 5) because no blank line separates it from the list: insert a blank line before it');
    expect(fixed(text)).toBe(text.replace('\n</br>', '\n\n</br>'));
    // Now an HTML block of its own, after the list.
    expect(parseList(fixed(text)).items.at(-1)?.span.end).toBe(fixed(text).indexOf('\n\n</br>'));
  });

  it('warns on a paragraph after an entry that ends with its date', () => {
    const text = '# P\n\n- [A](https://example.com/a) | Lab 2023-01-05\nMore posts on the lab\'s site.\n';
    expect(lint(text).map((f) => f.severity)).toEqual(['warning']);
    expect(fixed(text)).toBe(text.replace('\nMore', '\n\nMore'));
  });

  it('keeps the warning a warning when the rule is configured as an error, and lowers errors when it is a warning', () => {
    const text = '  * Name:\n   - [paper](https://example.com/p)\n</br>\n';
    expect(lint(text).map((f) => f.severity)).toEqual(['error', 'warning']);
    const config = configWith(['list-structure']);
    config.rules['list-structure'].severity = 'warning';
    const findings = fixDocument(text, 'list.md', config, TODAY);
    expect(findings.text).toBe('  * Name:\n    - [paper](https://example.com/p)\n\n</br>\n');
  });

  it('is a warning under remark too, while the rule is an error', async () => {
    const file = new VFile({ path: 'list.md', value: '  * Name:\n   - [paper](https://example.com/p)\n</br>\n' });
    const processor = unified().use(remarkParse).use(remarkGfm).use(plugins['list-structure'], ['error'] as never);
    await processor.run(processor.parse(file), file);
    expect(file.messages.map((m) => [m.line, m.fatal])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it.each([
    ['wrapped descriptions, the list\'s style', '- [a](https://example.com/a) - a tool\nthat wraps.\n- [b](https://example.com/b) - another\nthat wraps.\n'],
    ['a described entry wrapped at column 0', '- [a](https://example.com/a) - a tool\nthat wraps.\n'],
    ['`<br>` inside the item', '- a\n  <br>\n- b\n'],
    ['`</br>` after a blank line', '- [A](https://example.com/a) | Lab 2023-01-05\n\n</br>\n'],
  ])('stays quiet on %s', (_name, text) => {
    expect(lint(text)).toEqual([]);
  });
});

describe('list-structure: labels without their colon', () => {
  it('warns on `逸闻` among `优势与不足：`-style labels and adds the full-width colon', () => {
    const text = '- news:\n  - 优势与不足：\n    - [A](https://example.com/a) | Lab 2023-01-05\n  - 工程化：\n    - [B](https://example.com/b) | Lab 2023-01-06\n  - 逸闻\n    - [C](https://example.com/c) | Lab 2023-01-07\n';
    const [finding] = lint(text);
    expect(finding).toMatchObject({ severity: 'warning', start: { line: 6, column: 5 } });
    expect(spanText(text, finding)).toBe('逸闻');
    expect(finding.reason).toBe('Label `逸闻` has no colon, unlike its sibling `优势与不足：` (line 2)');
    expect(fixed(text)).toBe(text.replace('- 逸闻', '- 逸闻：'));
  });

  it.each([
    ['project names without colons', '- LaMDA\n  - author: Google\n- Sparrow\n  - author: DeepMind\n'],
    ['as many labels without a colon as with one', '- code:\n  - [x](https://example.com/x)\n- blog\n  - [y](https://example.com/y)\n'],
    ['a plain item with no sub-list', '- author: Google\n- code:\n  - [x](https://example.com/x)\n- TBD\n'],
    // Seen on HqWu-HITCS/Awesome-Chinese-LLM: a project name beside projects named with a description.
    ['a bare name among `Name: description` items', '* 獬豸(LawGPT_zh): 中文法律对话语言模型\n  * 地址：https://github.com/o/law\n* LexiLaw：中文法律大模型\n  * 地址：https://github.com/o/lexi\n* ChatLaw-法律大模型\n  * 地址：https://github.com/o/chatlaw\n'],
  ])('stays quiet on %s', (_name, text) => {
    expect(lint(text)).toEqual([]);
  });
});
