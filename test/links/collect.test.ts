/** Collecting link targets from list documents. */
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/core/parse.js';
import { hostGlobProblem } from '../../src/core/config/host-glob.js';
import { hostGlobMatches } from '../../src/links/glob.js';
import { checkCollectOptions, collectLinkTargets, CollectOptionsError } from '../../src/links/index.js';

const list = [
  '# Awesome Dialogue',
  '',
  '## Large Models',
  '',
  '* LaMDA',
  '  - [paper](https://arxiv.org/abs/2201.08239): LaMDA: Language Models for Dialog Applications',
  '  - blog:',
  '    - [对话机器人之LaMDA](https://mp.weixin.qq.com/s/AbCdEf123?scene=21) | AINLP 2022-12-14',
  '',
  '## Tools',
  '',
  '- [Some tool](github.com/some/tool) | [Site](https://example.org/) 2023-02-01',
  '- [paper again](https://arxiv.org/pdf/2201.08239v2.pdf) | Blog 2023-03-01',
  '- [mail](mailto:someone@example.org)',
  '- [local](http://localhost:8080/x) | dev 2023-03-02',
  '',
].join('\n');

describe('collectLinkTargets', () => {
  const doc = parseList(list, 'README.md');

  it('dedups by normalized URL and keeps every occurrence with file, line, section and URL as written', () => {
    const targets = collectLinkTargets([doc]);
    const arxiv = targets.find((t) => t.url === 'arxiv.org/abs/2201.08239');
    expect(arxiv?.occurrences).toEqual([
      { file: 'README.md', line: 6, section: 'Large Models', url: 'https://arxiv.org/abs/2201.08239', title: 'paper' },
      { file: 'README.md', line: 13, section: 'Tools', url: 'https://arxiv.org/pdf/2201.08239v2.pdf', title: 'paper again' },
    ]);
    expect(arxiv?.requestUrl).toBe('https://arxiv.org/abs/2201.08239');
  });

  it('adds https:// to links without a scheme, collects source links, skips non-http links', () => {
    const targets = collectLinkTargets([doc]);
    expect(targets.map((t) => t.requestUrl)).toEqual([
      'https://arxiv.org/abs/2201.08239',
      'https://mp.weixin.qq.com/s/AbCdEf123?scene=21',
      'https://github.com/some/tool',
      'https://example.org/',
      'http://localhost:8080/x',
    ]);
    expect(targets[1].url).toBe('mp.weixin.qq.com/s/AbCdEf123');
  });

  it('skips excluded URLs and hosts, and keeps only changed lines when asked', () => {
    const urls = (opts: Parameters<typeof collectLinkTargets>[1]) => collectLinkTargets([doc], opts).map((t) => t.url);
    expect(urls({ exclude: ['^http://localhost'], excludeHosts: ['*.qq.com'] })).toEqual([
      'arxiv.org/abs/2201.08239',
      'github.com/some/tool',
      'example.org',
    ]);
    const changed = new Map([['README.md', new Set([12])]]);
    const linesOf = (path: string) => changed.get(path) ?? new Set<number>();
    expect(urls({ linesOf })).toEqual(['github.com/some/tool', 'example.org']);
    expect(collectLinkTargets([parseList(list, 'OTHER.md')], { linesOf })).toEqual([]);
    expect(urls({ lines: changed })).toEqual(['github.com/some/tool', 'example.org']);
    expect(urls({ lines: new Map([['OTHER.md', new Set([12])]]) })).toEqual([]);
  });
});

describe('an invalid exclude pattern from a library caller', () => {
  const doc = parseList(list, 'README.md');

  it('is a CollectOptionsError naming the pattern in one line, not a TypeError', () => {
    let thrown: unknown;
    try {
      collectLinkTargets([doc], { exclude: ['^https://ok', 'a(b'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CollectOptionsError);
    expect(thrown).not.toBeInstanceOf(TypeError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^links\.exclude\[1\] "a\(b" is not a valid regex: /);
    expect(message).not.toContain('\n');
  });

  it('is a typed result from checkCollectOptions, and valid options pass', () => {
    const checked = checkCollectOptions({ exclude: ['['] });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.option).toBe('links.exclude[0] "["');
    expect(checkCollectOptions({ exclude: ['^http://localhost'] })).toEqual({ ok: true });
  });
});

describe('host globs', () => {
  it('`*` alone is every host; `*.x` a domain and below; elsewhere `*` is one label or part of one', () => {
    expect(hostGlobMatches('*', 'mp.weixin.qq.com')).toBe(true);
    expect(hostGlobMatches('*', '127.0.0.3')).toBe(true);
    expect(hostGlobMatches('*.example.org', 'example.org')).toBe(true);
    expect(hostGlobMatches('*.example.org', 'a.b.example.org')).toBe(true);
    expect(hostGlobMatches('127.0.0.*', '127.0.0.3')).toBe(true);
    expect(hostGlobMatches('cdn*.example.org', 'cdn2.example.org')).toBe(true);
    expect(hostGlobMatches('cdn*.example.org', 'cdn.a.example.org')).toBe(false);
  });

  it('names the globs that can match no host, and only those', () => {
    for (const glob of ['*', '*.example.org', 'EXAMPLE.org', '127.0.0.*', '[::1]', 'xn--fsqu00a.com', 'my_host.local']) expect(hostGlobProblem(glob)).toBeNull();
    for (const glob of ['', 'https://example.org', 'example.org/path', 'example.org:443', '例子.com', 'a b.org', '.example.org', 'example..org']) {
      expect(hostGlobProblem(glob)).toMatch(/\S/);
    }
  });
});
