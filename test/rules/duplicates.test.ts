import { describe, expect, it } from 'vitest';
import { lintDocuments } from '../../src/core/lint.js';
import { parseList } from '../../src/core/parse.js';
import { configWith, lintText, spanText, TODAY } from './helpers.js';

const doc = (...items: string[]): string => `# Posts\n\n${items.join('\n')}\n`;
const entry = (title: string, url: string, date = '2023-01-05'): string => `- [${title}](${url}) | Lab Notes ${date}`;

describe('duplicate-link', () => {
  const lint = (text: string, allow?: string[]) =>
    lintText(text, ['duplicate-link'], allow ? { 'duplicate-link': { allow } } : {});

  it.each([
    ['scheme, www, trailing slash', 'https://example.com/post', 'http://www.example.com/post/'],
    ['tracking parameters', 'https://example.com/post?id=3', 'https://example.com/post?utm_source=x&id=3&fbclid=abc'],
    ['default port and fragment', 'https://example.com/post', 'https://example.com:443/post#comments'],
    ['arXiv abs and pdf', 'https://arxiv.org/abs/2301.00001', 'https://arxiv.org/pdf/2301.00001v2.pdf'],
    ['WeChat share parameters', 'https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=ab', 'https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=ab&chksm=zz&scene=21'],
  ])('finds the same resource despite %s, naming the first occurrence', (_name, first, second) => {
    const text = doc(entry('First', first), entry('Second', second, '2023-01-06'));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(4);
    expect(spanText(text, findings[0])).toBe(second);
    expect(findings[0].reason).toContain('first linked at list.md:3');
    expect(findings[0].severity).toBe('error');
  });

  it('does not count differing query parameters that matter', () => {
    expect(lint(doc(entry('A', 'https://example.com/p?id=1'), entry('B', 'https://example.com/p?id=2')))).toEqual([]);
  });

  it('does not count a repeated source link, nor a title and source that share a URL', () => {
    const text = doc(
      '- [Optimizing models](https://example.com/blog/optimizing/) | [Example](https://example.com/) 2023-01-05',
      '- [Aligning models](https://example.com/blog/aligning/) | [Example](https://example.com/) 2023-01-06',
      '- [Example home](https://example.com/) | [Example](https://example.com/) 2023-01-07',
    );
    expect(lint(text)).toEqual([]);
  });

  it('reports an entry whose link repeats its item\'s `code:` URL, naming the `code:` line', () => {
    const text = '# M\n\n- Macaw(Other Corp):\n  - code: https://github.com/example/macaw\n  - [Macaw: an open chat model](https://github.com/example/macaw)\n';
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(5);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].reason).toContain('first linked at list.md:4');
  });

  it('reports a `demo:` URL repeating the `code:` URL two lines above', () => {
    const text = '# M\n\n- Macaw\n  - code: https://github.com/o/r\n  - paper: https://arxiv.org/abs/2301.00001\n  - demo: https://github.com/o/r\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity, spanText(text, f)])).toEqual([[6, 'error', 'https://github.com/o/r']]);
    expect(findings[0].reason).toContain('first linked at list.md:4');
  });

  it('compares scheme-less values (`homepage: example.org/x`) like links', () => {
    const text = '# M\n\n- A\n  - homepage: https://example.org/x\n- B\n  - homepage: example.org/x/\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, spanText(text, f)])).toEqual([[6, 'example.org/x/']]);
    expect(findings[0].reason).toContain('first linked at list.md:4');
  });

  it('counts a link after a prefix (`播客 [t](u)`) against another entry', () => {
    const text = doc(entry('An episode on attention', 'https://podcast.example.com/42'), '- 播客 [Attention, the episode](https://podcast.example.com/42/)');
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity])).toEqual([[4, 'error']]);
    expect(findings[0].reason).toContain('first linked at list.md:3');
  });

  it('counts label links but not the source after a separator, even on a prefixed line', () => {
    const text = doc(
      '- Claude([Anthropic](https://www.anthropic.com/)): [Claude is out](https://example.com/claude) | AI Weekly 2023-01-30',
      '- [Anthropic\'s home](https://anthropic.com) | [Anthropic](https://anthropic.com/) 2023-01-31',
      '- 播客 [Another episode](https://podcast.example.com/43) | [Anthropic](https://www.anthropic.com/) 2023-02-01',
    );
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, spanText(text, f)])).toEqual([[4, 'https://anthropic.com']]);
    expect(findings[0].reason).toContain('first linked at list.md:3');
  });

  it('does not count links that explain a word in descriptions, but counts a `[code]` link there', () => {
    const text = doc(
      '- [DevSecOps](https://example.com/devsecops) - Security in [DevOps](https://en.wikipedia.org/wiki/DevOps).',
      '- [Platform](https://example.com/platform) - Tools for [DevOps](https://en.wikipedia.org/wiki/DevOps) teams.',
      '- [Sparse](https://arxiv.org/abs/2301.00001): Sparse Attention. [code](https://github.com/example/sparse)',
      '- [Sparse, the code](https://github.com/example/sparse): the same',
    );
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, spanText(text, f)])).toEqual([[6, 'https://github.com/example/sparse']]);
    expect(findings[0].reason).toContain('by `Sparse`');
  });

  it('does not count `author:` links, which may repeat for every item of one author', () => {
    const text = '# M\n\n- A\n  - author: [Lab](https://lab.example.com/)\n- B\n  - author: [Lab](https://lab.example.com/)\n';
    expect(lint(text)).toEqual([]);
  });

  it('warns (not errs) about differently named items that share one repository', () => {
    const text = '# Django\n\n## ORM\n\n- [django.db.models](https://github.com/django/django) - The ORM.\n\n## GIS\n\n- [geodjango](https://github.com/django/django) - Geographic framework.\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity])).toEqual([[9, 'warning']]);
    expect(findings[0].reason).toContain('list.md:5');
    expect(findings[0].reason).toContain('`django.db.models`');
  });

  it('warns the same for items under one category item, which are two items', () => {
    const text = '# Django\n\n- Web\n  - [django.db.models](https://github.com/django/django) - The ORM.\n  - [geodjango](https://github.com/django/django) - GIS.\n';
    expect(lint(text).map((f) => [f.start.line, f.severity])).toEqual([[5, 'warning']]);
  });

  it('still errs when the same name links the same repository twice in one section', () => {
    const text = '# Tools\n\n- [django](https://github.com/django/django) - Web framework.\n- [Django](https://github.com/django/django/) - Again.\n';
    expect(lint(text).map((f) => [f.start.line, f.severity])).toEqual([[4, 'error']]);
  });

  // Seen on real lists (Hannibal046/Awesome-LLM, jobbole/awesome-python-cn).
  it('warns (not errs) about differently named items on one page, and takes names without punctuation', () => {
    const text = '# Models\n\n- [Llama 3.2](https://llama.meta.com/) - Small and vision models.\n- [Llama 3.1](https://llama.meta.com/) - 8B to 405B.\n- [Docker Compose](https://docs.docker.com/compose/) - Environments.\n- [docker-compose](https://docs.docker.com/compose/) - Environments, again.\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity])).toEqual([[4, 'warning'], [6, 'error']]);
    expect(findings[0].reason).toBe('Page `https://llama.meta.com/` is first linked at list.md:3 by `Llama 3.2`: list it once, or link this item\'s own page in it');
  });

  it('warns about an item placed in two sections of a list not in entry format', () => {
    const text = '# Tools\n\n## HTTP\n\n- [requests](https://requests.readthedocs.io/) - HTTP for humans.\n\n## Networking\n\n- [requests](https://requests.readthedocs.io/) - HTTP for humans.\n';
    const findings = lint(text);
    expect(findings.map((f) => [f.start.line, f.severity])).toEqual([[9, 'warning']]);
    expect(findings[0].reason).toContain("section `HTTP` at list.md:5");
  });

  it('warns about a paper listed in a papers section and again as a topic\'s `[paper]`', () => {
    const text = '# P\n\n## Papers\n\n- [Finetuned models are zero-shot learners](https://arxiv.org/abs/2109.01652). arXiv.\n\n## Instruction Tuning\n\n- [paper](https://arxiv.org/pdf/2109.01652v1.pdf): FLAN.\n';
    expect(lint(text).map((f) => [f.start.line, f.severity])).toEqual([[9, 'warning']]);
  });

  it('keeps the same article in two sections of a blog list an error', () => {
    const text = '# Posts\n\n## A\n\n' + entry('Notes', 'https://example.com/n') + '\n\n## B\n\n' + entry('Notes', 'https://example.com/n') + '\n';
    expect(lint(text).map((f) => f.severity)).toEqual(['error']);
  });

  it('a rule configured as warning never reports an error', () => {
    const text = '# M\n\n- A\n  - code: https://github.com/o/r\n  - demo: https://github.com/o/r\n';
    const config = configWith(['duplicate-link']);
    config.rules['duplicate-link'].severity = 'warning';
    const findings = lintDocuments([parseList(text, 'list.md')], config, { today: TODAY });
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('counts described items and nested reposts', () => {
    const text = doc(
      '- [paper](https://arxiv.org/abs/2301.00001): Sparse Attention',
      '  - [Sparse attention, the pdf](https://arxiv.org/pdf/2301.00001.pdf) | arXiv 2023-01-02',
    );
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(4);
  });

  it('reports every later repeat against the first occurrence', () => {
    const text = doc(entry('A', 'https://example.com/x'), entry('B', 'https://example.com/x/'), entry('C', 'http://example.com/x'));
    expect(lint(text).map((f) => [f.start.line, f.reason.endsWith('list.md:3')])).toEqual([
      [4, true],
      [5, true],
    ]);
  });

  it('finds a reference link repeating an inline one, and reports it at the reference', () => {
    const text = doc(entry('Inline', 'https://example.com/x'), '- [By reference][x] | Lab Notes 2023-01-06', '', '[x]: https://www.example.com/x/');
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].start.line).toBe(4);
    expect(spanText(text, findings[0])).toBe('[By reference][x]');
  });

  it('lets links matching an allow regex repeat', () => {
    const text = doc(entry('A', 'https://example.com/x'), entry('B', 'https://example.com/x/'), entry('C', 'https://other.example/y'), entry('D', 'https://other.example/y'));
    const findings = lint(text, ['^https://example\\.com/']);
    expect(findings.map((f) => f.start.line)).toEqual([6]);
  });

  it('finds duplicates across files and reports the later file', () => {
    const a = parseList(doc(entry('A', 'https://example.com/x'), entry('B', 'https://example.com/b')), 'a.md');
    const b = parseList(doc(entry('C', 'https://example.com/c'), entry('D', 'https://www.example.com/x')), 'b.md');
    const findings = lintDocuments([a, b], configWith(['duplicate-link']), { today: TODAY });
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toBe('b.md');
    expect(findings[0].start.line).toBe(4);
    expect(findings[0].reason).toContain('first linked at a.md:3');
    // Given the other way round, the other copy is the later one.
    const swapped = lintDocuments([b, a], configWith(['duplicate-link']), { today: TODAY });
    expect(swapped.map((f) => [f.path, f.start.line])).toEqual([['a.md', 3]]);
    expect(swapped[0].reason).toContain('first linked at b.md:4');
  });
});

describe('duplicates in a change (changed lines known)', () => {
  // A change adds line 3, which repeats line 5 (old) and retitles line 6's article.
  const text = doc(
    entry('Sparse attention notes', 'https://example.com/old', '2023-01-09'),
    entry('Dense notes', 'https://example.com/dense'),
    entry('Old entry', 'https://example.com/old/', '2023-01-06'),
    entry('Sparse Attention Notes', 'https://example.com/original', '2023-01-07'),
  );
  const run = (changedLines?: (path: string) => ReadonlySet<number> | null) =>
    lintDocuments([parseList(text, 'list.md')], configWith(['duplicate-link', 'duplicate-title']), { today: TODAY, changedLines });

  it('without them, reports the later copies', () => {
    expect(run().map((f) => [f.ruleId, f.start.line])).toEqual([
      ['duplicate-link', 5],
      ['duplicate-title', 6],
    ]);
  });

  it('with them, reports the new copy even when it comes first, naming the old one', () => {
    const findings = run((path) => (path === 'list.md' ? new Set([3]) : null));
    expect(findings.map((f) => [f.ruleId, f.start.line]).sort()).toEqual([
      ['duplicate-link', 3],
      ['duplicate-title', 3],
    ]);
    expect(findings.find((f) => f.ruleId === 'duplicate-link')?.reason).toContain('already linked at list.md:5');
    expect(findings.find((f) => f.ruleId === 'duplicate-title')?.reason).toContain('list.md:6');
  });

  it('across files: a new file given first does not shift the blame to the old file', () => {
    const added = parseList(doc(entry('New copy', 'https://example.com/x')), 'new.md');
    const old = parseList(doc(entry('Old copy', 'https://www.example.com/x')), 'old.md');
    const findings = lintDocuments([added, old], configWith(['duplicate-link']), {
      today: TODAY,
      changedLines: (path) => (path === 'new.md' ? new Set([3]) : new Set()),
    });
    expect(findings.map((f) => [f.path, f.start.line])).toEqual([['new.md', 3]]);
    expect(findings[0].reason).toContain('already linked at old.md:3');
  });

  it('when every copy is new, reports the later ones as usual', () => {
    const findings = run(() => new Set([3, 4, 5, 6]));
    expect(findings.map((f) => [f.ruleId, f.start.line])).toEqual([
      ['duplicate-link', 5],
      ['duplicate-title', 6],
    ]);
  });
});

describe('duplicate-title', () => {
  const lint = (text: string) => lintText(text, ['duplicate-title']);

  it('warns about the same title with another link, case- and space-insensitively', () => {
    const text = doc(entry('Sparse attention notes', 'https://example.com/sparse'), entry('Sparse  Attention Notes', 'https://mp.weixin.qq.com/s/Repost', '2023-01-08'));
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('warning');
    expect(spanText(text, findings[0])).toBe('Sparse  Attention Notes');
    expect(findings[0].reason).toContain('list.md:3');
  });

  it('leaves the same title with the same link to duplicate-link', () => {
    expect(lint(doc(entry('Same', 'https://example.com/a'), entry('Same', 'http://www.example.com/a/')))).toEqual([]);
  });

  it('ignores generic titles of items that are not blog entries', () => {
    const text = '# M\n\n- A\n  - [paper](https://arxiv.org/abs/2301.00001): One\n- B\n  - [paper](https://arxiv.org/abs/2301.00002): Two\n';
    expect(lint(text)).toEqual([]);
  });

  it('finds reposts across files', () => {
    const a = parseList(doc(entry('Repost me', 'https://example.com/orig')), 'a.md');
    const b = parseList(doc(entry('REPOST ME', 'https://example.org/copy')), 'b.md');
    const findings = lintDocuments([a, b], configWith(['duplicate-title']), { today: TODAY });
    expect(findings.map((f) => f.path)).toEqual(['b.md']);
  });
});
