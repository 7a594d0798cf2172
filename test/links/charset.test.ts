/**
 * Pages in legacy encodings (GBK, common on older Chinese sites) read as a
 * browser reads them: BOM, then the header's charset, then a `<meta>` in the
 * page, else UTF-8. Real HTTP servers on loopback serve the bytes; the page
 * reader and the link checker must both see the right text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sniffEncoding } from '../../src/links/charset.js';
import { checkLinks } from '../../src/links/check.js';
import { createPageMetadataReader } from '../../src/links/metadata/read.js';
import { closeAll, FAST, startHost, targetsFor } from './servers.js';
import { GBK, gbkPage } from './gbk.js';

afterEach(closeAll);

const FAST_READ = { timeout: FAST.timeout, retries: 0, backoffBaseMs: FAST.backoffBaseMs };

/** The title the page reader finds on a page served with these headers and bytes. */
async function titleServed(contentType: string, body: Uint8Array): Promise<string | null> {
  const host = await startHost('127.0.0.91', (_req, res) => res.writeHead(200, { 'content-type': contentType }).end(body));
  const read = await createPageMetadataReader(FAST_READ)(host.url('/post'));
  if (!read.ok) throw new Error(`not read: ${read.verdict} ${read.reason}`);
  return read.metadata.title?.value ?? null;
}

describe('the hand-written GBK bytes', () => {
  it('are the Chinese text the tests expect', () => {
    expect(new TextDecoder('gbk').decode(GBK.title)).toBe('大模型评测综述');
    expect(new TextDecoder('gbk').decode(GBK.source)).toBe('机器之心');
  });
});

describe('a page read through the page reader', () => {
  it('is decoded with the charset of the Content-Type header', async () => {
    expect(await titleServed('text/html; charset=GBK', gbkPage(''))).toBe('大模型评测综述');
  });

  it('served as bare text/html, is decoded with its <meta charset>', async () => {
    expect(await titleServed('text/html', gbkPage('<meta charset="gbk">'))).toBe('大模型评测综述');
  });

  it('served as bare text/html, is decoded with its http-equiv Content-Type (gb2312, read as GBK as browsers do)', async () => {
    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />';
    expect(await titleServed('text/html', gbkPage(meta))).toBe('大模型评测综述');
  });

  it('served with no Content-Type at all, is decoded with its <meta charset>', async () => {
    const host = await startHost('127.0.0.91', (_req, res) => {
      res.removeHeader('content-type');
      res.writeHead(200).end(gbkPage('<meta charset=gbk>'));
    });
    const read = await createPageMetadataReader(FAST_READ)(host.url('/post'));
    expect(read.ok && read.metadata.title?.value).toBe('大模型评测综述');
  });

  it('with a UTF-8 byte order mark is UTF-8, whatever the header and the <meta> say', async () => {
    const utf8 = new TextEncoder().encode('\uFEFF<html><head><meta charset="gbk"><title>大模型评测综述</title></head><body></body></html>');
    expect(await titleServed('text/html; charset=gbk', utf8)).toBe('大模型评测综述');
  });

  it('with a UTF-16 byte order mark is UTF-16', async () => {
    const text = '<html><head><title>大模型评测综述</title></head><body></body></html>';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect(await titleServed('text/html', bytes)).toBe('大模型评测综述');
  });

  it('skips a charset label the decoder does not know, in the header or a <meta>, and takes the next declaration', async () => {
    expect(await titleServed('text/html; charset=x-no-such-charset', gbkPage('<meta charset="gbk">'))).toBe('大模型评测综述');
    expect(await titleServed('text/html', gbkPage('<meta charset="x-no-such-charset"><meta http-equiv="content-type" content="text/html; charset=gbk">'))).toBe('大模型评测综述');
  });

  it('with only unknown labels is read as UTF-8, without failing', async () => {
    const utf8 = new TextEncoder().encode('<html><head><meta charset="x-no-such-charset"><title>大模型评测综述</title></head></html>');
    expect(await titleServed('text/html; charset=x-also-unknown', utf8)).toBe('大模型评测综述');
  });

  it('obeys a <meta charset> after the first 1024 bytes when the page is not UTF-8, as a browser re-reads it', async () => {
    const script = `<script>${'var a = 1;\n'.repeat(120)}</script>`;
    expect(await titleServed('text/html', gbkPage(`${script}<meta charset="gbk">`))).toBe('大模型评测综述');
  });
});

describe('the link checker', () => {
  it("matches a rule's body text on a GBK page served as bare text/html (a deleted-page notice)", async () => {
    // 文章已删除: "the article was deleted", in GBK.
    const deleted = [0xce, 0xc4, 0xd5, 0xc2, 0xd2, 0xd1, 0xc9, 0xbe, 0xb3, 0xfd];
    expect(new TextDecoder('gbk').decode(new Uint8Array(deleted))).toBe('文章已删除');
    const body = Buffer.concat([Buffer.from('<html><head><meta charset="gbk"></head><body><p>'), Buffer.from(deleted), Buffer.from('</p></body></html>')]);
    const host = await startHost('127.0.0.91', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
    const run = await checkLinks(targetsFor([host.url('/gone')]), { ...FAST, rules: [{ hosts: ['127.0.0.91'], status: [], body: '文章已删除', verdict: 'dead' }] });
    expect(run.results.map((r) => r.verdict)).toEqual(['dead']);
  });
});

describe('sniffEncoding', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('ignores a <meta> inside a comment, and a content charset without http-equiv', () => {
    expect(sniffEncoding(bytes('<!-- <meta charset="gbk"> --><title>x</title>'), 'text/html')).toBe('utf-8');
    expect(sniffEncoding(bytes('<meta name="x" content="text/html; charset=gbk">'), 'text/html')).toBe('utf-8');
    expect(sniffEncoding(bytes('<!-- old --><meta content="text/html; charset=big5" http-equiv="Content-Type">'), 'text/html')).toBe('big5');
  });

  it('does not look for a <meta> in a body that is not HTML', () => {
    expect(sniffEncoding(bytes('{"html": "<meta charset=gbk>"}'), 'application/json')).toBe('utf-8');
  });

  it('reads a <meta> saying UTF-16 as UTF-8 (its bytes were readable as ASCII)', () => {
    expect(sniffEncoding(bytes('<meta charset="utf-16">'), 'text/html')).toBe('utf-8');
  });
});
