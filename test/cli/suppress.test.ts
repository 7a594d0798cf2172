import { describe, expect, it } from 'vitest';
import { readText, runCli, scratch } from './run.js';

const LIST = [
  '# Reading',
  '',
  '## Blogs',
  '',
  '- [A](https://a.example/x) | Lab Notes 2024-01-01',
  '<!-- lint ignore duplicate-link -->',
  '- [A again](https://a.example/x) | Lab Notes 2024-01-02',
  '<!-- listkeeper disable url-format -->',
  '',
  'Kept as written on purpose:',
  '',
  '- [B](b.example/1) | Lab Notes 2024-01-03',
  '<!-- listkeeper enable url-format -->',
  '',
  'Later:',
  '',
  '- [C](c.example/1) | Lab Notes 2024-01-04',
  '',
].join('\n');

describe('listkeeper lint: marker comments', () => {
  it('does not report silenced findings and reports the rest', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await runCli(['lint', 'README.md'], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toEqual([expect.stringMatching(/^README\.md:17:7 {2}error {2}.+ {2}url-format$/)]);
    expect(lines.at(-1)).toMatch(/^1 error, 0 warnings in 1 file \(1 fixable with --fix\)\.$/);
  });

  it('--fix leaves the silenced link as written and fixes the other', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await runCli(['lint', '--fix', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(await readText(dir, 'README.md')).toBe(LIST.replace('](c.example/1)', '](https://c.example/1)'));
  });
});
