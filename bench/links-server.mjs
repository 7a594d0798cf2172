/**
 * The link benchmark's web: one HTTP server per loopback address
 * (127.0.0.1–20, all on one port), each host with its own latency
 * (20–150 ms), answering 429 whenever more than 8 requests to it are in
 * flight. Page kinds come from the path: /alive, /dead, /deleted (a
 * WeChat-style "deleted article" page served as 200), /wall (403 unless the
 * request looks like a browser: browser UA and Accept-Language), /cf (a
 * Cloudflare challenge for everyone), /stall429 (429 with Retry-After:
 * 999999999), /hang (never answers).
 *
 * Run as a child process: prints one JSON line {port, control}; the control
 * server (GET /stats, POST /reset) reports requests and 429s.
 */
import { createServer } from 'node:http';

export const HOSTS = 20;
export const HOST_LIMIT = 8;
export const latencyOf = (index) => 20 + Math.round(((index - 1) * 130) / (HOSTS - 1));
export const DELETED_TEXT = '该内容已被发布者删除';

const stats = { requests: 0, tooMany: 0, arrivals: {} };

/** First and last arrival per path, ms: the stall scenarios' longest chain of tries. */
function noteArrival(path) {
  const now = Date.now();
  const seen = stats.arrivals[path];
  if (seen) seen[1] = now;
  else stats.arrivals[path] = [now, now];
}

function handler(index) {
  let inFlight = 0;
  return (req, res) => {
    stats.requests++;
    noteArrival(req.url ?? '');
    const kind = (req.url ?? '').split('/')[1];
    // A host that stalls: asks every client to come back in 31 years.
    if (kind === 'stall429') {
      stats.tooMany++;
      res.writeHead(429, { 'retry-after': '999999999' }).end();
      return;
    }
    // A URL that never answers (the connection stays open until the client gives up).
    if (kind === 'hang') return;
    if (inFlight >= HOST_LIMIT) {
      stats.tooMany++;
      res.writeHead(429, { 'retry-after': '1' }).end();
      return;
    }
    inFlight++;
    res.on('close', () => inFlight--);
    setTimeout(() => answer(req, res), latencyOf(index));
  };
}

function answer(req, res) {
  const kind = (req.url ?? '').split('/')[1];
  const html = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(req.method === 'HEAD' ? undefined : `<!doctype html><html><body>${body}</body></html>`);
  };
  switch (kind) {
    case 'alive':
      return html(200, `<h1>An article</h1><p>${'Some text. '.repeat(200)}</p>`);
    case 'dead':
      return html(Number(req.url.split('/')[2]) % 2 ? 410 : 404, 'Not Found');
    case 'deleted':
      return html(200, `<div class="weui-msg"><p>${DELETED_TEXT}</p></div>`);
    case 'wall': {
      const browser = /Mozilla\/5\.0/.test(req.headers['user-agent'] ?? '') && req.headers['accept-language'];
      return browser ? html(200, '<h1>Members article</h1>') : html(403, 'Forbidden');
    }
    case 'cf':
      return html(403, '<title>Just a moment...</title>', { 'cf-mitigated': 'challenge' });
    default:
      return html(404, 'Not Found');
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address().port));
  });
}

async function main() {
  const servers = [];
  let port = 0;
  for (let i = 1; i <= HOSTS; i++) {
    const server = createServer(handler(i));
    server.keepAliveTimeout = 10_000;
    port = await listen(server, port, `127.0.0.${i}`);
    servers.push(server);
  }
  const control = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/reset') {
      stats.requests = 0;
      stats.tooMany = 0;
      stats.arrivals = {};
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  });
  const controlPort = await listen(control, 0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port, control: `http://127.0.0.1:${controlPort}` })}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) await main();
