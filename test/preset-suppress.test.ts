import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/core/config/config-types.js';
import { lintDocuments } from '../src/core/lint.js';
import { parseList } from '../src/core/parse.js';
import preset from '../src/core/preset.js';

/** `ruleId@line:column` of what the remark preset reports. */
async function presetMessages(text: string): Promise<string[]> {
  const file = new VFile({ path: 'README.md', value: text });
  const processor = unified().use(remarkParse).use(remarkGfm).use(preset);
  await processor.run(processor.parse(file), file);
  return file.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
}

function coreMessages(text: string): string[] {
  return lintDocuments([parseList(text, 'README.md')], defaultConfig(), { today: '2024-06-30' }).map(
    (f) => `${f.ruleId}@${f.start.line}:${f.start.column}`,
  );
}

const LIST = [
  '# Reading',
  '',
  '## Blogs',
  '',
  '- [A](https://a.example/x) | Lab Notes 2024-01-01',
  '<!-- lint disable duplicate-link -->',
  '- [B](https://a.example/x) | Lab Notes 2024-01-02',
  '<!-- listkeeper ignore date-format -->',
  '- [C](https://a.example/c) | Lab Notes 2024-1-03',
  '- [D](https://a.example/d) | Lab Notes 2024-1-04',
  '',
].join('\n');

describe('the remark preset honours marker comments as `listkeeper lint` does', () => {
  it('drops the duplicate after `lint disable duplicate-link` and the date after `listkeeper ignore date-format`', async () => {
    // Line 9's date is silenced; line 10's (after the ignored entry) is still reported; no duplicate-link at all.
    expect(await presetMessages(LIST)).toEqual(['date-format@10:40']);
    expect(coreMessages(LIST)).toEqual(['date-format@10:40']);
  });

  it('keeps messages of other plugins (another source) and reports a misspelt rule under `listkeeper`', async () => {
    const text = '<!-- listkeeper disable duplicate-lnk -->\n\n- [A](https://a.example/x) | Lab Notes 2024-01-01\n';
    expect(await presetMessages(text)).toEqual(['lint-comment@1:1']);
    const file = new VFile({ path: 'README.md', value: '<!-- lint disable -->\n\ntext\n' });
    file.message('from another plugin', { place: { line: 3, column: 1 }, ruleId: 'other', source: 'remark-lint' });
    const processor = unified().use(remarkParse).use(remarkGfm).use(preset);
    await processor.run(processor.parse(file), file);
    expect(file.messages.map((m) => m.ruleId)).toEqual(['other']);
  });

  it('still reports trailing whitespace in a file with marker comments (remark-message-control would drop it)', async () => {
    const text = '<!-- lint disable date-format -->\n\n- [A](https://a.example/x) | Lab Notes 2024-01-01  \n';
    expect(await presetMessages(text)).toEqual(['whitespace@3:50']);
    expect(coreMessages(text)).toEqual(['whitespace@3:50']);
  });
});
