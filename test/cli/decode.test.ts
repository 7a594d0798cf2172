import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config/config-types.js';
import { decodeListFile, findDeepNesting, firstInvalidUtf8, MAX_LIST_NESTING } from '../../src/core/decode.js';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import { sortDocument } from '../../src/core/sort/sort.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function nested(depth: number, indent = '  '): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${indent.repeat(i)}- [level ${i}](https://example.com/${i}) | AINLP 2023-01-${String((i % 28) + 1).padStart(2, '0')}`);
  return `${lines.join('\n')}\n`;
}

describe('decodeListFile', () => {
  it('returns the text with its BOM and CRLF kept', () => {
    const text = '\uFEFF- [a](https://a.example) | AINLP 2023-01-01\r\n';
    expect(decodeListFile(utf8(text), 'README.md')).toEqual({ ok: true, text });
  });

  it('names the line of the first invalid UTF-8 byte', () => {
    const bytes = new Uint8Array([...utf8('# t\n\n- ok 机器之心\n- bad '), 0xe6, 0x9c, 0x0a]);
    const result = decodeListFile(bytes, 'README.md');
    expect(result).toEqual({ ok: false, error: 'README.md:4: invalid UTF-8 (byte 0xe6 at offset 29); save the file as UTF-8' });
  });

  it('finds invalid sequences the UTF-8 decoder rejects: overlong, surrogate, truncated, stray continuation', () => {
    expect(firstInvalidUtf8(utf8('plain ascii and 中文 and 😀'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2); // UTF-16 surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xe4, 0xb8]))).toBe(0); // cut short at the end
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x80]))).toBe(1);
  });

  it('refuses lone CR line endings, naming the line, instead of linting the wrong text', () => {
    const text = '# t\n\n- [a](https://a.example) | AINLP 2023-05-01\r- [b](https://b.example)｜AINLP 2023-01-01\n';
    expect(decodeListFile(utf8(text), 'README.md')).toEqual({
      ok: false,
      error: 'README.md:3: a line ends with a lone carriage return (old Mac line endings); save the file with LF or CRLF line endings',
    });
    expect(decodeListFile(utf8('# t\r- [a](https://a.example) | AINLP 2023-05-01\r'), 'a.md').ok).toBe(false);
    expect(decodeListFile(utf8('# t\r\n\r\n- [a](https://a.example) | AINLP 2023-05-01\r\n'), 'a.md').ok).toBe(true);
  });

  it('refuses an empty or blank file', () => {
    expect(decodeListFile(new Uint8Array(), 'a.md')).toEqual({ ok: false, error: 'a.md: the file is empty, so there is no list to check' });
    expect(decodeListFile(utf8(' \n\t\n'), 'a.md').ok).toBe(false);
  });

  it('refuses bytes over the size limit without decoding them', () => {
    const result = decodeListFile(new Uint8Array(2048), 'a.md', { maxBytes: 1024 });
    expect(result).toEqual({ ok: false, error: 'a.md: the file is too large (2 KB; the limit is 1 KB)' });
  });
});

describe('deep nesting', () => {
  it('refuses lists nested deeper than the limit, naming the first line too deep', () => {
    const result = decodeListFile(utf8(`# Deep\n\n${nested(1000)}`), 'README.md');
    expect(result).toEqual({ ok: false, error: `README.md:${MAX_LIST_NESTING + 3}: lists nested more than 100 levels deep; listkeeper does not read such files` });
  });

  it('counts markers that share a line, tabs, and block quotes', () => {
    expect(findDeepNesting(`${'- '.repeat(150)}x\n`, 100)).toBe(1);
    expect(findDeepNesting(nested(150, '\t'), 100)).toBe(101);
    expect(findDeepNesting(`${'>'.repeat(150)} text\n`, 100)).toBe(1);
  });

  it('finds a list one level too deep however little is needed to reach the limit', () => {
    // The limit is small here, so the short line prefixes of these lists come near it.
    for (let max = 1; max <= 6; max++) {
      expect(findDeepNesting(nested(max), max)).toBeNull();
      expect(findDeepNesting(nested(max + 1), max)).toBe(max + 1);
      expect(findDeepNesting(`${'- '.repeat(max + 1)}x\n`, max)).toBe(1);
      expect(findDeepNesting(`${'>'.repeat(max + 1)} x\n`, max)).toBe(1);
      expect(findDeepNesting(`- a\n${'>'.repeat(max)} x\n`, max)).toBe(2);
    }
  });

  it('does not count indentation inside fenced code, and a heading closes every list', () => {
    const fence = `\`\`\`\n${nested(150)}\`\`\`\n`;
    expect(findDeepNesting(fence, 100)).toBeNull();
    expect(findDeepNesting(`${nested(60)}# Next\n${nested(60)}`, 100)).toBeNull();
    expect(findDeepNesting(`${nested(60)}${nested(60).replace(/^/gm, '  '.repeat(60))}`, 100)).toBe(101);
  });

  it('reads, lints and sorts a list nested right at the limit', () => {
    const text = nested(MAX_LIST_NESTING);
    expect(decodeListFile(utf8(text), 'deep.md').ok).toBe(true);
    const doc = parseList(text, 'deep.md');
    expect(doc.allLists).toHaveLength(MAX_LIST_NESTING);
    const findings = lintDocuments([doc], defaultConfig(), { today: '2024-01-01' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Every nested list has one item: nothing to sort, nothing changes.
    expect(sortDocument(doc, { order: 'asc', undated: 'keep' }).text).toBe(text);
  });
});
