/**
 * GitHub Enterprise Server serves its REST API under `/api/v3`, which is
 * where Probot points Octokit when `GHE_HOST` is set. This loopback proxy
 * plays that host for the end-to-end test: it strips `/api/v3` and passes
 * everything else, untouched, to the fake GitHub API.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GheProxy {
  /** `127.0.0.1:PORT`, the value for GHE_HOST. */
  host: string;
  /** Paths asked for, with their prefix, in order. */
  paths: string[];
  close(): Promise<void>;
}

export async function startGheProxy(target: string): Promise<GheProxy> {
  const upstream = new URL(target);
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    paths.push(`${req.method ?? 'GET'} ${path}`);
    if (!path.startsWith('/api/v3/')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: path.slice('/api/v3'.length),
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    paths,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
