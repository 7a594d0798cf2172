/**
 * The demo's page server: the bundled fixture pages (examples/pages/) served
 * on loopback, and an undici dispatcher that sends every request to it
 * whatever its host, so `listkeeper demo` can show `add` reading a WeChat
 * article at its real address without a single request leaving the machine.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';

/** `host + path` → page file in examples/pages/. */
export type DemoPages = Readonly<Record<string, string>>;

export interface DemoPageServer {
  /** Routes every origin to the fixture server. */
  dispatcher: Agent;
  close(): Promise<void>;
}

const PAGES_DIR = new URL('../../examples/pages/', import.meta.url);

export async function startDemoPageServer(pages: DemoPages): Promise<DemoPageServer> {
  const server = createServer((req, res) => {
    // The exact address first, then without its query (a fragment never reaches a server).
    const address = `${req.headers.host ?? ''}${req.url ?? ''}`;
    const file = pages[address] ?? pages[address.split('?')[0]];
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    readFile(fileURLToPath(new URL(file, PAGES_DIR)))
      .then((body) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const dispatcher = new Agent({
    // Plain HTTP to the loopback server, whatever the URL's scheme and host.
    connect: (_options, callback) => {
      const socket: Socket = connect(port, '127.0.0.1');
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, null));
    },
  });
  return { dispatcher, close: () => closeAll(server, dispatcher) };
}

async function closeAll(server: Server, dispatcher: Agent): Promise<void> {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
