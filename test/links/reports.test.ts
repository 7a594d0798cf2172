/** The three report formats, on hand-built runs. */
import { describe, expect, it } from 'vitest';
import { renderJsonReport } from '../../src/links/report-json.js';
import { renderMarkdownReport } from '../../src/links/report-markdown.js';
import { renderTextReport } from '../../src/links/report-text.js';
import { resultFor, runOf } from './runs.js';

const at = '2026-11-02T00:00:00.000Z';
const run = runOf(
  [
    resultFor('a.org/gone', 'dead', at, {
      reportable: true,
      failedRuns: 2,
      failingSince: '2026-11-01T00:00:00.000Z',
      archiveUrl: 'https://web.archive.org/web/2024/https://a.org/gone',
      occurrences: [
        { file: 'README.md', line: 12, section: 'Large Models', url: 'https://a.org/gone', title: 'A post' },
        { file: 'README.md', line: 40, section: 'Large Models', url: 'a.org/gone', title: 'A post' },
      ],
    }),
    resultFor('mp.weixin.qq.com/s/x', 'dead', at, {
      reportable: true, failedRuns: 3, failingSince: '2026-10-31T00:00:00.000Z', status: 200, reason: 'WeChat: article deleted by its author',
      occurrences: [{ file: 'README.md', line: 20, section: 'Blogs | 中文', url: 'https://mp.weixin.qq.com/s/x', title: 'A post' }],
    }),
    resultFor('b.org/new', 'dead', at, { failedRuns: 1, failingSince: at }),
    resultFor('zhihu.com/p/1', 'blocked', at, { status: 403, reason: 'Zhihu: HTTP 403 (refuses bots)' }),
    resultFor('c.org/old', 'alive', at, { finalUrl: 'https://c.org/new', notes: ['permanent redirect to https://c.org/new'] }),
    resultFor('d.org', 'alive', at),
    resultFor('github.com/f/old-prompts', 'alive', at, { notes: ['repository archived'] }),
  ],
  at,
);

describe('json report', () => {
  it('has exactly the documented shape', () => {
    const json = JSON.parse(renderJsonReport(run));
    expect(Object.keys(json)).toEqual(['version', 'checkedAt', 'results', 'stats']);
    expect(Object.keys(json.results[0])).toEqual([
      'url', 'key', 'occurrences', 'verdict', 'status', 'reason', 'finalUrl', 'archiveUrl', 'failedRuns', 'failingSince', 'reportable',
    ]);
    // `url` is what the list says (its first occurrence), `key` the normalized form that groups them.
    expect(json.results[0]).toMatchObject({ url: 'https://a.org/gone', key: 'a.org/gone', reportable: true });
    expect(json.results[2]).toMatchObject({ url: expect.stringMatching(/^https?:\/\/b\.org\/new$/), key: 'b.org/new', verdict: 'dead', reportable: false });
    expect(json.results[0].occurrences[1]).toEqual({ file: 'README.md', line: 40, url: 'a.org/gone' });
    expect(Object.keys(json.stats)).toEqual(['requests', 'hosts', 'durationMs', 'byVerdict']);
    expect(json.stats.byVerdict).toEqual({ alive: 3, dead: 3, blocked: 1, unknown: 0 });
  });
});

describe('markdown report', () => {
  const md = renderMarkdownReport(run);

  it('groups reportable dead links by section with file:line, status, reason, failing-since and archive', () => {
    expect(md).toContain('### Dead links (2)');
    expect(md).toContain('#### Large Models');
    expect(md).toContain('#### Blogs \\| 中文');
    expect(md).toContain('`README.md:12`, `README.md:40`');
    expect(md).toContain('HTTP 404');
    expect(md).toContain('failing since 2026-11-01 (2 runs)');
    expect(md).toContain('archived copy: https://web.archive.org/web/2024/https://a.org/gone');
    expect(md).toContain('WeChat: article deleted by its author');
  });

  it('does not list a link that failed once below the threshold, but says it is pending', () => {
    expect(md).not.toContain('b.org/new');
    expect(md).toContain('1 more link failed in fewer runs than the threshold');
  });

  it('puts blocked links and permanent redirects in collapsed blocks', () => {
    const details = md.slice(md.indexOf('<details>'));
    expect(details).toContain('Blocked links (1)');
    expect(details).toContain('zhihu.com/p/1');
    expect(details).toContain('https://c.org/new');
    expect(md.indexOf('zhihu.com/p/1')).toBeGreaterThan(md.indexOf('<details>'));
    expect(details).toContain('Other notes (1)');
    expect(details).toMatch(/github\.com\/f\/old-prompts.*\(repository archived\)/);
  });

  it('keeps web text from becoming markup or mentions: it goes in a code span (a backslash does not stop a mention)', () => {
    const reason = 'HTTP 404 <img src=x> @everyone [x](y) ``` \n\n<b>after a blank line</b>';
    const hostile = runOf([resultFor('e.org', 'dead', at, { reportable: true, reason })], at);
    const out = renderMarkdownReport(hostile);
    expect(out).toContain("````HTTP 404 <img src=x> @everyone [x](y) ```  <b>after a blank line</b>````");
    const outsideCode = out.replace(/(`+)[\s\S]*?\1/g, '');
    for (const text of ['<img', '@everyone', '<b>', '[x]']) expect(outsideCode).not.toContain(text);
  });

  it('keeps a mention in an entry title or a heading from pinging anyone', () => {
    const result = resultFor('e.org', 'dead', at, { reportable: true });
    result.occurrences = result.occurrences.map((o) => ({ ...o, title: 'Thanks @octocat', section: 'By @octo-team' }));
    const out = renderMarkdownReport(runOf([result], at));
    expect(out).toContain('[Thanks @&#8203;octocat](');
    expect(out).toContain('#### By @&#8203;octo-team');
    expect(out).not.toMatch(/@(?!&#8203;)/);
  });
});

describe('markdown report at a glance', () => {
  const gone = Array.from({ length: 11 }, (_, i) =>
    resultFor(`example.com/p/${i}`, 'dead', at, {
      reportable: true,
      occurrences: [{ file: 'README.md', line: 30 + i, section: i % 2 ? 'Blogs' : 'Papers', url: `https://example.com/p/${i}`, title: `Post ${i}` }],
    }),
  );
  const mixed = [
    resultFor('half.org/a', 'dead', at, { reportable: true }),
    resultFor('half.org/b', 'dead', at, { reportable: true }),
    resultFor('half.org/c', 'dead', at, { reportable: true, status: null, reason: 'timed out' }),
    resultFor('half.org/d', 'alive', at),
  ];
  const lone = resultFor('other.org/x', 'dead', at, { reportable: true, occurrences: [{ file: 'docs/a b.md', line: 7, section: 'Tools', url: 'https://other.org/x', title: 'X' }] });
  const md = renderMarkdownReport(runOf([...gone, ...mixed, lone, resultFor('zhihu.com/p/1', 'blocked', at, { status: 403 })], at), {
    blobBase: 'https://github.com/o/r/blob/abc123/',
  });

  it('says once that many dead links share a host, instead of one unrelated row each', () => {
    expect(md).toContain('#### `example.com`: 11 links, all HTTP 404 — the site may be gone');
    // A host with a live link is not gone; its failures are counted by reason.
    expect(md).toContain('#### `half.org`: 3 links, HTTP 404 (2), timed out (1)\n');
    expect(md.match(/example\.com\/p\/3/g)).toHaveLength(1);
    // A host with one dead link stays under its section, with its reason.
    expect(md).toMatch(/#### Tools\n\n- \[X\]\(https:\/\/other\.org\/x\) — .* · HTTP 404/);
  });

  it('counts links per host and verdict in a small table, failing hosts first', () => {
    expect(md).toContain('| Host | Dead | Blocked | Unknown | Alive |');
    const rows = md.split('\n').filter((l) => /^\| `/.test(l));
    expect(rows).toEqual(['| `example.com` | 11 | 0 | 0 | 0 |', '| `half.org` | 3 | 0 | 0 | 1 |', '| `other.org` | 1 | 0 | 0 | 0 |', '| `zhihu.com` | 0 | 1 | 0 | 0 |']);
  });

  it('links each file:line to that line in the checked commit', () => {
    expect(md).toContain('[`docs/a b.md:7`](https://github.com/o/r/blob/abc123/docs/a%20b.md#L7)');
    expect(md).toContain('[`README.md:33`](https://github.com/o/r/blob/abc123/README.md#L33)');
  });

  it('keeps a file name with a backtick inside its code span', () => {
    const odd = resultFor('odd.org/x', 'dead', at, { reportable: true, occurrences: [{ file: 'a`b.md', line: 3, section: 'Tools', url: 'https://odd.org/x', title: 'X' }] });
    expect(renderMarkdownReport(runOf([odd], at))).toContain('— ``a`b.md:3``');
  });
});

describe('text report', () => {
  it('says "1 run", not "1 runs"', () => {
    const text = renderTextReport(runOf([resultFor('a.org/x', 'dead', at, { reportable: true, failedRuns: 1, failingSince: at })], at));
    expect(text).toContain('failing since 2026-11-02, 1 run)');
  });

  it('prints one line per occurrence of a problem, with file:line, and a summary', () => {
    const text = renderTextReport(run);
    expect(text).toContain('README.md:12: dead: https://a.org/gone — HTTP 404 (failing since 2026-11-01, 2 runs');
    expect(text).toContain('README.md:40: dead: a.org/gone');
    expect(text).toContain('failing: https://b.org/new');
    expect(text).toContain('blocked: https://zhihu.com/p/1');
    expect(text).toContain('note: https://c.org/old');
    expect(text).not.toContain('d.org');
    expect(text).toContain('note: https://github.com/f/old-prompts — HTTP 200 (repository archived)');
    expect(text.trim().split('\n').at(-1)).toMatch(/^7 links: 3 alive, 3 dead \(2 reported\), 1 blocked, 0 unknown/);
  });
});
