/**
 * Hostile lists against the link checker with private addresses refused (issue 10): a link
 * must not make the checker talk to the network it runs in, in any spelling, through a
 * redirect, or through a name that resolves there. Every server here is on loopback and
 * counts what reaches it; no test resolves a real name (lookups are injected).
 */
import type { LookupFunction } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks, type CheckLinksOptions } from '../../src/links/check.js';
import type { LinkResult } from '../../src/links/types.js';
import { closeAll, FAST, startHost, targetsFor, type TestHost } from '../links/servers.js';

afterEach(closeAll);

const REFUSE: CheckLinksOptions = { ...FAST, privateAddresses: 'refuse' };

function only(results: LinkResult[]): LinkResult {
  expect(results).toHaveLength(1);
  return results[0];
}

/** A server that answers 200 to anything and counts the requests. */
function okHost(address: string): Promise<TestHost> {
  return startHost(address, (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>internal</p>'));
}

/** A lookup that answers from `names` only: a name outside it has no record. */
function fakeLookup(names: Record<string, string[]>): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const addresses = names[hostname];
    if (!addresses) return void callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  }) as unknown as LookupFunction;
}

describe('links to private addresses', () => {
  it('does not request a loopback link, and calls it unknown "not checked: private address"', async () => {
    const internal = await okHost('127.0.0.51');
    const run = await checkLinks(targetsFor([internal.url('/latest/meta-data/')]), REFUSE);
    const result = only(run.results);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('not checked: private address');
    expect(result.status).toBeNull();
    expect(internal.requests).toHaveLength(0);
    expect(run.stats.requests).toBe(0);
    expect(run.offline).toBe(false);
  });

  it('checks the same link when private addresses are allowed (the CLI default)', async () => {
    const internal = await okHost('127.0.0.51');
    const result = only((await checkLinks(targetsFor([internal.url('/page')]), { ...FAST, privateAddresses: 'allow' })).results);
    expect(result.verdict).toBe('alive');
    expect(internal.requests.length).toBeGreaterThan(0);
  });

  it.each([
    ['decimal', (port: number) => `http://2130706483:${port}/`], // 127.0.0.51
    ['hex', (port: number) => `http://0x7f000033:${port}/`],
    ['IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.51]:${port}/`],
  ])('refuses the %s spelling of a loopback address without a request', async (_name, spell) => {
    const internal = await okHost('127.0.0.51');
    const result = only((await checkLinks(targetsFor([spell(internal.port)]), REFUSE)).results);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('not checked: private address');
    expect(internal.requests).toHaveLength(0);
  });

  it('refuses the issue\'s addresses before any connection (a MockAgent stands in for the network, so nothing leaves)', async () => {
    const network = new MockAgent();
    network.disableNetConnect();
    const urls = [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://10.0.0.1/admin',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[::ffff:10.0.0.1]/',
      'http://2852039166/',
    ];
    const run = await checkLinks(targetsFor(urls), { ...REFUSE, dispatcher: network });
    expect(run.results.map((r) => [r.requestUrl, r.verdict, r.reason])).toEqual(
      run.results.map((r) => [r.requestUrl, 'unknown', 'not checked: private address']),
    );
    expect(run.results).toHaveLength(urls.length);
    expect(run.stats.requests).toBe(0);
    await network.close();
  });

  it('never sends the configured headers to an internal address', async () => {
    const internal = await okHost('127.0.0.51');
    await checkLinks(targetsFor([internal.url('/computeMetadata/v1/')]), { ...REFUSE, headers: { 'Metadata-Flavor': 'Google' } });
    expect(internal.requests).toHaveLength(0);
  });
});

describe('redirects into the private network', () => {
  /** The "public" site: its address is allowed by the test, as a real public address would be. */
  const publicAddress = '127.0.0.52';
  const allowPublic: CheckLinksOptions = { ...REFUSE, allowAddress: (address) => address === publicAddress };

  it('refuses the hop to a loopback server: no request reaches it, and the reason names no Location', async () => {
    const internal = await okHost('127.0.0.53');
    const secret = internal.url('/admin?token=s3cr3t');
    const site = await startHost(publicAddress, (_req, res) => res.writeHead(302, { location: secret }).end());
    const run = await checkLinks(targetsFor([site.url('/post')]), allowPublic);
    const result = only(run.results);
    expect(site.requests.length).toBeGreaterThan(0);
    expect(internal.requests).toHaveLength(0);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('not checked: private address');
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
    expect(JSON.stringify(result)).not.toContain(String(internal.port));
    expect(result.finalUrl).toBeNull();
  });

  it('refuses a hop to a decimal spelling of the internal address, on every try', async () => {
    const internal = await okHost('127.0.0.53');
    const site = await startHost(publicAddress, (_req, res) => res.writeHead(301, { location: `http://2130706485:${internal.port}/` }).end());
    const result = only((await checkLinks(targetsFor([site.url('/post')]), allowPublic)).results);
    expect(result.reason).toBe('not checked: private address');
    expect(internal.requests).toHaveLength(0);
  });

  it('still follows a redirect between allowed addresses', async () => {
    const site = await startHost(publicAddress, (req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    });
    const result = only((await checkLinks(targetsFor([site.url('/old')]), allowPublic)).results);
    expect(result.verdict).toBe('alive');
    expect(result.finalUrl).toBe(site.url('/new'));
  });
});

describe('host names that resolve to private addresses', () => {
  it('refuses a name resolving to loopback at connect time, with no request reaching the server', async () => {
    const internal = await okHost('127.0.0.54');
    const lookup = fakeLookup({ 'innocent.example': ['127.0.0.54'] });
    const result = only((await checkLinks(targetsFor([`http://innocent.example:${internal.port}/`]), { ...REFUSE, lookup })).results);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('not checked: private address');
    expect(internal.requests).toHaveLength(0);
  });

  it('refuses a redirect to a name that resolves inside, on the hop', async () => {
    const internal = await okHost('127.0.0.54');
    const site = await startHost('127.0.0.56', (_req, res) => res.writeHead(302, { location: `http://metadata.internal:${internal.port}/` }).end());
    const lookup = fakeLookup({ 'metadata.internal': ['127.0.0.54'] });
    const result = only(
      (await checkLinks(targetsFor([site.url('/')]), { ...REFUSE, lookup, allowAddress: (address) => address === '127.0.0.56' })).results,
    );
    expect(result.reason).toBe('not checked: private address');
    expect(internal.requests).toHaveLength(0);
  });
});
