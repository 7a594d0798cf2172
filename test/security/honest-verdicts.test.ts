/**
 * Answers a browser reads but undici's strict client does not, and TLS failures that may be
 * a proxy's: none of them is evidence that a link is dead (issue 10, "Honest verdicts").
 */
import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks } from '../../src/links/check.js';
import type { LinkResult } from '../../src/links/types.js';
import { closeAll, FAST, startHost, targetsFor } from '../links/servers.js';

const rawServers: Server[] = [];

afterEach(async () => {
  await closeAll();
  await Promise.all(rawServers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

function only(results: LinkResult[]): LinkResult {
  expect(results).toHaveLength(1);
  return results[0];
}

/** A TCP server that answers every request with `answer`, byte for byte; counts connections. */
async function rawHost(address: string, answer: string): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  rawServers.push(server);
  return { url: `http://${address}:${(server.address() as AddressInfo).port}/page`, connections: () => connections };
}

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** An HTTPS server with a self-signed certificate; counts TLS connection attempts. */
async function selfSignedHost(address: string): Promise<{ url: string; attempts: () => number }> {
  let attempts = 0;
  const server = createTlsServer({ key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }, (socket) => {
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  });
  server.on('connection', () => attempts++);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  rawServers.push(server);
  return { url: `https://${address}:${(server.address() as AddressInfo).port}/post`, attempts: () => attempts };
}

describe('large headers', () => {
  it('reads a page with a 20 KB Set-Cookie header as alive', async () => {
    const host = await startHost('127.0.0.61', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': `session=${'x'.repeat(20 * 1024)}` }).end('<p>ok</p>'),
    );
    const result = only((await checkLinks(targetsFor([host.url('/post')]), FAST)).results);
    expect(result.verdict).toBe('alive');
  });

  it('calls headers beyond the generous limit unknown, not dead', async () => {
    const host = await rawHost('127.0.0.62', `HTTP/1.1 200 OK\r\nSet-Cookie: a=${'x'.repeat(300 * 1024)}\r\nContent-Length: 2\r\n\r\nok`);
    const result = only((await checkLinks(targetsFor([host.url]), FAST)).results);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('response headers larger than 256 KB (UND_ERR_HEADERS_OVERFLOW); check it in a browser');
  });
});

describe('malformed framing', () => {
  it('calls a page with a duplicate Content-Length unknown, not dead', async () => {
    const host = await rawHost(
      '127.0.0.63',
      'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9\r\nContent-Length: 9\r\n\r\n<p>ok</p>',
    );
    const result = only((await checkLinks(targetsFor([host.url]), FAST)).results);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toMatch(/not valid HTTP\/1\.1 .*check it in a browser/);
  });
});

describe('TLS failures', () => {
  it('calls a self-signed certificate unknown with the reason, without retrying it', async () => {
    const host = await selfSignedHost('127.0.0.64');
    const fine = await startHost('127.0.0.71', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>'));
    const run = await checkLinks(targetsFor([host.url, fine.url('/')]), FAST);
    expect(run.offline).toBe(false);
    const result = run.results.find((r) => r.requestUrl === host.url)!;
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('TLS error (DEPTH_ZERO_SELF_SIGNED_CERT); check it in a browser');
    expect(result.reportable).toBe(false);
    // HEAD, then GET after a failed HEAD is not a retry; a certificate does not change between tries.
    expect(host.attempts()).toBeLessThanOrEqual(1);
  });

  it('says the run looks offline when most hosts fail TLS, as behind an intercepting proxy', async () => {
    const hosts = await Promise.all([65, 66, 67, 68, 69, 70].map((n) => selfSignedHost(`127.0.0.${n}`)));
    const run = await checkLinks(targetsFor(hosts.map((host) => host.url)), FAST);
    expect(run.offline).toBe(true);
    expect(run.warnings.join('\n')).toMatch(/TLS handshake/);
    expect(run.results.map((result) => result.verdict)).toEqual(Array(6).fill('unknown'));
    expect(run.stats.byVerdict.dead).toBe(0);
  });
});
