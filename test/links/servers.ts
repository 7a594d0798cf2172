/**
 * Real HTTP servers on loopback for the link checker's tests. Each 127.0.0.x
 * address is a distinct host to the checker; each server records what it saw.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import type { LookupOptions } from 'node:dns';
import { Agent } from 'undici';
import { parseList } from '../../src/core/parse.js';
import { collectLinkTargets } from '../../src/links/collect.js';
import type { CheckLinksOptions } from '../../src/links/check.js';
import type { LinkTarget } from '../../src/links/types.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface TestHost {
  address: string;
  port: number;
  /** `http://127.0.0.x:port` */
  origin: string;
  url(path: string): string;
  requests: SeenRequest[];
  inFlight: number;
  maxInFlight: number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, host: TestHost) => void;

const open: Server[] = [];

export async function startHost(address: string, handler: Handler): Promise<TestHost> {
  const server = createServer();
  const host: TestHost = {
    address,
    port: 0,
    origin: '',
    url: (path) => `${host.origin}${path}`,
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
    close: () => closeServer(server),
  };
  server.on('request', (req, res) => {
    host.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    host.inFlight++;
    host.maxInFlight = Math.max(host.maxInFlight, host.inFlight);
    res.on('close', () => host.inFlight--);
    handler(req, res, host);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  host.port = (server.address() as AddressInfo).port;
  host.origin = `http://${address}:${host.port}`;
  open.push(server);
  return host;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map(closeServer));
}

/** A port on `address` where nothing listens (bound once, then released). */
export async function closedPort(address: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Parse a small list in the seed's style that links to `urls`, and collect its targets. */
export function targetsFor(urls: readonly string[], path = 'README.md'): LinkTarget[] {
  const text = ['# Links', '', '## Blogs', '', ...urls.map((url, i) => `- [post ${i}](${url}) | source 2023-01-0${(i % 9) + 1}`), ''].join('\n');
  return collectLinkTargets([parseList(text, path)]);
}

/** Small timeouts and backoff so the suite stays fast. */
export const FAST: CheckLinksOptions = { timeout: 800, retries: 2, backoffBaseMs: 20, retryAfterCapMs: 2000 };

/**
 * A dispatcher that sends requests for `names` (e.g. mp.weixin.qq.com) to a loopback address;
 * a name mapped to null has no DNS record (ENOTFOUND).
 */
export function resolvingAgent(names: Record<string, string | null>): Agent {
  return new Agent({ connect: { timeout: 800, lookup: loopbackLookup(names) } });
}

/** A DNS lookup answering `names` with loopback addresses (no DNS query); for `CheckLinksOptions.lookup`. */
export function loopbackLookup(names: Record<string, string | null>): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    const address = names[hostname] === undefined ? hostname : names[hostname];
    if (address === null) return void callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    if (options.all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  }) as unknown as LookupFunction;
}

/** Read a request's body to the end (so keep-alive works), then run `then`. */
export function drain(req: IncomingMessage, then: () => void): void {
  req.resume();
  req.on('end', then);
}
