/**
 * `listkeeper links --metadata`, in-process, against loopback servers serving
 * small hand-written pages, read by the real page reader (counted, to show
 * which pages a run reads).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinksCommand } from '../../src/cli/links-command.js';
import { createPageMetadataReader, type PageReaderOptions } from '../../src/links/metadata/read.js';
import type { PageMetadataReader } from '../../src/links/metadata/types.js';
import { closeAll, startHost, type TestHost } from './servers.js';

const dirs: string[] = [];
afterEach(async () => {
  await closeAll();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Page {
  title: string;
  site: string;
  date: string;
  canonical?: string;
}

function html(page: Page): string {
  return [
    '<!doctype html><html><head>',
    `<meta property="og:title" content="${page.title}">`,
    `<meta property="og:site_name" content="${page.site}">`,
    `<meta property="article:published_time" content="${page.date}T09:00:00+08:00">`,
    page.canonical ? `<link rel="canonical" href="${page.canonical}">` : '',
    '</head><body>post</body></html>',
  ].join('\n');
}

function pagesHost(pages: Record<string, Page>): Promise<TestHost> {
  return startHost('127.0.0.61', (req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(page));
  });
}

/** The real page reader, counting what it was asked to read. */
function metaReader(seen: string[]): (options: PageReaderOptions) => PageMetadataReader {
  return (options) => {
    const reader = createPageMetadataReader(options);
    return async (url) => {
      seen.push(url);
      return reader(url);
    };
  };
}

async function project(lines: string[], config = 'links:\n  timeout: 2000\n  retries: 0\n'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lk-metadata-cli-'));
  dirs.push(dir);
  await mkdir(join(dir, '.github'));
  await writeFile(join(dir, '.github', 'listkeeper.yml'), config);
  await writeFile(join(dir, 'README.md'), ['# Awesome Test', '', '## Blogs', '', ...lines, ''].join('\n'));
  return dir;
}

async function run(args: string[], dir: string, seen: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const command = createLinksCommand({ pageReader: metaReader(seen) });
  const code = await command(args, { cwd: dir, isTTY: false, stderrColumns: null, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('listkeeper links --metadata', () => {
  const pages: Record<string, Page> = {
    '/right': { title: 'Sparse attention', site: 'Lab Notes', date: '2023-01-05' },
    '/late': { title: 'Dense attention', site: 'Lab Notes', date: '2023-01-09' },
  };

  it('reports an entry whose date is off by more than a day, naming the page date; the right one and a dead one get nothing', async () => {
    const host = await pagesHost(pages);
    const dir = await project([
      `- [Sparse attention](${host.url('/right')}) | Lab Notes 2023-01-06`,
      `- [Dense attention](${host.url('/late')}) | Lab Notes 2023-01-06`,
      `- [Gone](${host.url('/gone')}) | Lab Notes 2023-01-07`,
    ]);
    const seen: string[] = [];
    const out = await run(['README.md', '--metadata'], dir, seen);
    const line6 = out.stdout.split('\n').find((l) => l.startsWith('README.md:6:'));
    expect(line6).toMatch(/^README\.md:6:\d+: warning: Date `2023-01-06` differs from the page's publish date `2023-01-09` \(article:published_time\)  entry-metadata$/);
    expect(out.stdout.match(/entry-metadata/g)).toHaveLength(1);
    // The dead link's page is not read a second time.
    expect(seen).toEqual(expect.arrayContaining([host.url('/right'), host.url('/late')]));
    expect(seen).not.toContain(host.url('/gone'));
    expect(out.code).toBe(1); // the dead link; the metadata message is a warning
  });

  it('reads no page without --metadata, and none when the rule is off', async () => {
    const host = await pagesHost(pages);
    const lines = [`- [Dense attention](${host.url('/late')}) | Lab Notes 2023-01-06`];
    const seen: string[] = [];
    const plain = await run(['README.md'], await project(lines), seen);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('entry-metadata');
    const off = await run(['README.md', '--metadata'], await project(lines, 'rules:\n  entry-metadata: off\n'), seen);
    expect(off.stdout).not.toContain('entry-metadata');
    expect(seen).toEqual([]);
  });

  it('gives the messages with their fixes in JSON, exits 1 when the rule is an error, and names the same article listed twice', async () => {
    const served: Record<string, Page> = { ...pages };
    const host = await pagesHost(served);
    // Another address of /right: its page names /right as canonical.
    served['/post?from=feed'] = { title: 'Sparse attention', site: 'Lab Notes', date: '2023-01-05', canonical: host.url('/right') };
    const dir = await project(
      [
        `- [Sparse attention](${host.url('/right')}) | Lab Notes 2023-01-05`,
        `- [Dense attention](${host.url('/late')}) | Lab Notes 2023-01-09`,
        `- [Sparse attention again](${host.url('/post?from=feed')}) | Lab Notes 2023-01-05`,
      ],
      'rules:\n  entry-metadata: error\nlinks:\n  timeout: 2000\n  retries: 0\n',
    );
    const seen: string[] = [];
    const out = await run(['README.md', '--metadata', '--format', 'json'], dir, seen);
    const json = JSON.parse(out.stdout);
    expect(json.entryMetadata).toEqual([
      {
        file: 'README.md',
        line: 7,
        column: 4,
        severity: 'error',
        reason: "Title `Sparse attention again` differs from the page's title `Sparse attention` (og:title)",
        ruleId: 'entry-metadata',
        expected: 'Sparse attention',
      },
    ]);
    expect(out.code).toBe(1);
    expect(json.sameArticle).toHaveLength(1);
    expect(json.sameArticle[0]).toMatchObject({ file: 'README.md', line: 7, first: { file: 'README.md', line: 5 } });
    expect(json.sameArticle[0].reason).toMatch(/^Same article as line 5 \(both lead to 127\.0\.0\.61/);

    const text = await run(['README.md', '--metadata'], dir, []);
    expect(text.stdout).toContain(`README.md:7: same article: ${host.url('/post?from=feed')} — Same article as line 5`);
    const markdown = await run(['README.md', '--metadata', '--format', 'markdown'], dir, []);
    expect(markdown.stdout).toContain('### Same article listed twice (1)');
    expect(markdown.stdout).toContain('### Entries that differ from their pages (1)');
    expect(markdown.stdout).toMatch(/- `README\.md:7` — .*Sparse attention again/);
  });
});
