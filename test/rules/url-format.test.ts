import { describe, expect, it } from 'vitest';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import { applyFixes, configWith, lintText, spanText, TODAY } from './helpers.js';

const doc = (...items: string[]): string => `# Posts\n\n${items.join('\n')}\n`;
const good = '- [Sparse attention](https://example.com/sparse) | Lab Notes 2023-01-05';
const lint = (text: string) => lintText(text, ['url-format']);

describe('url-format', () => {
  it.each([
    ['example.com/x', 'https://example.com/x'],
    ['www.example.com/x?a=1', 'https://www.example.com/x?a=1'],
    ['blog.example.co.uk', 'https://blog.example.co.uk'],
    ['//example.com/x', 'https://example.com/x'],
  ])('adds the scheme to %s', (url, expected) => {
    const text = doc(good, `- [No scheme](${url}) | Lab Notes 2023-01-06`);
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe(url);
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(doc(good, `- [No scheme](${expected}) | Lab Notes 2023-01-06`));
    expect(lint(fixed)).toEqual([]);
  });

  it('checks source links and described items too', () => {
    const text = doc(
      '- [Sparse attention](https://example.com/sparse) | [Lab Notes](labnotes.example.com) 2023-01-05',
      '- [秘塔写作猫](xiezuocat.com/chat)',
    );
    const findings = lint(text);
    expect(findings.map((f) => spanText(text, f))).toEqual(['labnotes.example.com', 'xiezuocat.com/chat']);
    // The fix replaces what the message points at: the URL, with its scheme.
    expect(findings.map((f) => f.fix?.text)).toEqual(['https://labnotes.example.com', 'https://xiezuocat.com/chat']);
  });

  it('reports a URL with a space: the link does not parse', () => {
    const text = doc(good, '- [Spaced](https://example.com/a b) | Lab Notes 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/space/);
    expect(spanText(text, findings[0])).toBe('[Spaced](https://example.com/a b)');
    expect(findings[0].fix).toBeNull();
  });

  it('reports a space inside an angle-bracket destination', () => {
    const text = doc(good, '- [Spaced](<https://example.com/a b>) | Lab Notes 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(spanText(text, findings[0])).toBe('https://example.com/a b');
  });

  it('reports unbalanced parentheses', () => {
    const text = doc(good, '- [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar) | Wiki 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/unbalanced parentheses/);
  });

  // Seen in a real list (xirong/Awesome-ChatGPT-with-AI): an image of a PDF was called a broken link.
  it('leaves an image alone: `![alt](file)` is not a broken link', () => {
    expect(lint(doc(good, '- 视频中原版英文 PPT 如下 ![State of GPT](attachment/stateofgpt.pdf)，'))).toEqual([]);
    expect(lint(doc(good, '- Slides ![State of GPT](attachment/state (draft).pdf)'))).toHaveLength(1);
  });

  it('accepts balanced parentheses', () => {
    expect(lint(doc(good, '- [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) | Wiki 2023-01-06'))).toEqual([]);
  });

  it.each(['ftp://example.com/file', 'mailto:someone@example.com', 'javascript:alert(1)'])(
    'reports the scheme of %s in a blog entry',
    (url) => {
      const text = doc(good, `- [Other scheme](${url}) | Lab Notes 2023-01-06`);
      const findings = lint(text);
      expect(findings).toHaveLength(1);
      expect(findings[0].reason).toMatch(/http\(s\)/);
      expect(spanText(text, findings[0])).toBe(url);
    },
  );

  it.each(['https:/example.com/x', 'http//example.com/x', 'https://'])('reports malformed %s', (url) => {
    const text = doc(good, `- [Bad](${url}) | Lab Notes 2023-01-06`);
    expect(lint(text)).toHaveLength(1);
  });

  it('reports an empty destination', () => {
    const text = doc(good, '- [Nothing]() | Lab Notes 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/no URL/);
  });

  it('accepts relative links outside blog entries, and rejects them as an entry link', () => {
    expect(lint(doc('- [Contents](#posts)', '- [Notes](./docs/notes.md): offline copy', '- [Readme](README.md)'))).toEqual([]);
    const text = doc(good, '- [Local post](/posts/local) | Lab Notes 2023-01-06');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/absolute/);
    expect(findings[0].fix).toBeNull();
  });

  it('reports an unterminated link, up to the end of the line', () => {
    const text = doc(good, '- [Unterminated](https://example.com/x | Lab Notes 2023-01-06', good.replace('sparse', 'dense'));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].reason).toMatch(/missing its closing `\)`/);
    expect(findings[0].start.line).toBe(4);
    expect(spanText(text, findings[0])).toBe('[Unterminated](https://example.com/x | Lab Notes 2023-01-06');
  });

  it('reports and fixes a scheme-less definition once, however many entries use it', () => {
    const text = '# P\n\n- [One][site] | Lab 2023-01-05\n- [Two][site] | Lab 2023-01-06\n\n[site]: example.com/page\n';
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(6);
    expect(spanText(text, findings[0])).toBe('example.com/page');
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(text.replace('example.com/page', 'https://example.com/page'));
    expect(lint(fixed)).toEqual([]);
  });

  it('ignores link syntax inside inline code', () => {
    expect(lint(doc('- Write `[title](url with space)` for a link'))).toEqual([]);
  });
});

describe('url-format on `key: value` lines', () => {
  const item = (...lines: string[]): string => `# Models\n\n- Gorilla\n${lines.map((l) => `  - ${l}`).join('\n')}\n`;

  it('reports a scheme-less host as a value and fixes it into a link', () => {
    const text = item('homepage: gorilla.cs.berkeley.edu');
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity, spanText(text, f)])).toEqual([[4, 'error', 'gorilla.cs.berkeley.edu']]);
    expect(findings[0].reason).toContain('lacks `https://`');
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(item('homepage: https://gorilla.cs.berkeley.edu'));
    expect(lint(fixed)).toEqual([]);
    expect(parseList(fixed).items[1].entry?.links.map((l) => l.url)).toEqual(['https://gorilla.cs.berkeley.edu']);
  });

  it('reports a host with a path under any key, but leaves dotted names under other keys alone', () => {
    const text = item('site: example.org/gorilla', 'lib: torch.nn', 'note: see the paper', 'author: Shishir Patil');
    expect(lint(text).map((f) => spanText(text, f))).toEqual(['example.org/gorilla']);
  });

  it('reports and removes a stray `)` after a bare URL', () => {
    const text = item('code: https://github.com/ShishirPatil/gorilla)');
    const findings = lint(text);
    expect(findings.map((f) => [f.severity, spanText(text, f)])).toEqual([['error', ')']]);
    expect(findings[0].reason).toContain('`https://github.com/ShishirPatil/gorilla`');
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(item('code: https://github.com/ShishirPatil/gorilla'));
    expect(lint(fixed)).toEqual([]);
  });

  it('leaves a `)` that closes a parenthesis opened before the URL', () => {
    expect(lint(item('(demo: https://huggingface.co/spaces/gorilla-llm/demo)', 'wiki: https://en.wikipedia.org/wiki/Foo_(bar)'))).toEqual([]);
  });

  // Seen on a real list (jobbole/awesome-python-cn): a library called `dataset`, described after a full-width colon.
  it('takes words after a URL key for a description, not a URL gone wrong', () => {
    expect(lint(item('dataset：在数据库中存储 Python 字典', 'code: coming soon'))).toEqual([]);
  });

  it('warns about a value under a URL key that is neither a URL nor a link', () => {
    const text = item('code: LLM-Adapters', 'dataset: [APIBench](https://huggingface.co/datasets/gorilla-llm/APIBench)', 'code:', 'author: Shishir Patil');
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity, spanText(text, f), f.fix])).toEqual([[4, 'warning', 'LLM-Adapters', null]]);
    expect(findings[0].reason).toContain('`code:`');
  });

  it('keeps a url-format configured as warning from reporting errors, and off off', () => {
    const text = item('homepage: gorilla.cs.berkeley.edu', 'code: LLM-Adapters');
    const config = configWith(['url-format']);
    config.rules['url-format'].severity = 'warning';
    expect(lintDocuments([parseList(text, 'list.md')], config, { today: TODAY }).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it.each([
    ['zero-width space', '\u200B', 'U+200B'],
    ['zero-width joiner', '\u200D', 'U+200D'],
    ['byte order mark', '\uFEFF', 'U+FEFF'],
    ['soft hyphen', '\u00AD', 'U+00AD'],
    ['no-break space', '\u00A0', 'U+00A0'],
  ])('reports a %s inside a URL as an error and removes it', (name, char, code) => {
    const text = doc(`- [Sparse attention](https://example.com/spa${char}rse) | Lab Notes 2023-01-05`);
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].reason).toContain(`${name} (${code})`);
    expect(spanText(text, findings[0])).toBe(`https://example.com/spa${char}rse`);
    const fixed = applyFixes(text, findings);
    expect(fixed).toBe(doc(good));
  });

  it('reports a zero-width space inside a bare URL', () => {
    const text = item('code: https://github.com/Shishir\u200BPatil/gorilla');
    const fixed = applyFixes(text, lint(text));
    expect(fixed).toBe(item('code: https://github.com/ShishirPatil/gorilla'));
  });
});
