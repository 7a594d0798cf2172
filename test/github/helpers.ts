/**
 * Shared set-up for the workflow unit tests: an Octokit whose requests nock
 * sees (Node's global fetch, no retries), a context with a recording logger,
 * list fixtures in the target style, and real loopback HTTP servers for links.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { getOctokit } from '@actions/github';
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import { defaultConfig } from '../../src/core/config/config-types.js';
import type { GitHubClient, WorkflowContext } from '../../src/github/context.js';

export const API = 'https://api.github.com';
export const OWNER = 'octo-lists';
export const REPO = 'awesome-llm';
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

export function makeClient(): GitHubClient {
  return getOctokit('test-token', { baseUrl: API, request: { fetch: globalThis.fetch, retries: 0 } });
}

export interface LogLine {
  level: 'info' | 'warning' | 'error' | 'notice';
  message: string;
}

export function makeContext(overrides: Partial<WorkflowContext> = {}): WorkflowContext & { logs: LogLine[] } {
  const logs: LogLine[] = [];
  const log = (level: LogLine['level']) => (message: string) => void logs.push({ level, message });
  return {
    owner: OWNER,
    repo: REPO,
    config: defaultConfig(),
    files: ['README.md'],
    defaultBranch: 'main',
    logger: { info: log('info'), warning: log('warning'), error: log('error'), notice: log('notice') },
    now: new Date('2024-06-01T12:00:00Z'),
    selfLogin: 'github-actions[bot]',
    ...overrides,
    logs,
  };
}

/** The contents API's answer for a small file. */
export function contentsReply(path: string, text: string, sha = `blob-${path}`): Record<string, unknown> {
  const content = Buffer.from(text, 'utf8').toString('base64');
  return { type: 'file', encoding: 'base64', path, name: path.split('/').pop(), sha, size: Buffer.byteLength(text), content };
}

export function api(): nock.Scope {
  return nock(API);
}

/** Call in beforeEach/afterEach: no real network except loopback link servers. */
export function setUpNock(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.\d+/);
}

export function tearDownNock(): string[] {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  return pending;
}

/** JSON body of a request, typed loosely for assertions. */
export type Json = Record<string, unknown>;

export interface LinkServer {
  origin: string;
  close(): Promise<void>;
  hits: string[];
}

/**
 * A real HTTP server on a loopback address: `/gone*` answers 404, `/bot*`
 * answers 403 (a bot wall), everything else 200.
 */
export async function startLinkServer(host = '127.0.0.21'): Promise<LinkServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const path = req.url ?? '/';
    if (path.startsWith('/gone')) res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    else if (path.startsWith('/bot')) res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Hello</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (it was free a moment ago): for a refused connection, or a server to start. */
export async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Fast link-checker settings for tests: short timeouts, no waiting between retries. */
export const FAST_LINKS = { timeout: 2000, retries: 1, backoffBaseMs: 1, retryAfterCapMs: 10 } as const;

/** The App always refuses private addresses; its tests let their loopback link servers through, and only those. */
export const APP_LINKS = { ...FAST_LINKS, allowAddress: (address: string) => /^127\.0\.0\.\d+$/.test(address) };

export interface Captured {
  /** The last JSON body seen (for nock's body matcher). */
  json: Json;
  /** Its `body` field (a comment's or an issue's text). */
  text: string;
  /** How many requests matched. */
  count: number;
  match: (body: Json) => boolean;
}

/** A nock body matcher that records what was sent, for assertions after the call. */
export function capture(): Captured {
  const captured: Captured = {
    json: {},
    text: '',
    count: 0,
    match: (body: Json) => {
      captured.json = body;
      captured.text = typeof body.body === 'string' ? body.body : '';
      captured.count += 1;
      return true;
    },
  };
  return captured;
}

/**
 * Per test: nock with no real network but loopback, and a fresh link server
 * on `host`; afterwards every mock must have been used. The returned object
 * reads through to the current test's server.
 */
export function useNockAndLinkServer(host: string): Pick<LinkServer, 'origin' | 'hits'> {
  let server: LinkServer | null = null;
  beforeEach(async () => {
    setUpNock();
    server = await startLinkServer(host);
  });
  afterEach(async () => {
    const pending = tearDownNock();
    await server?.close();
    expect(pending).toEqual([]);
  });
  const current = (): LinkServer => {
    if (server === null) throw new Error('the link server runs only inside a test');
    return server;
  };
  return {
    get origin() {
      return current().origin;
    },
    get hits() {
      return current().hits;
    },
  };
}

/**
 * The default branch `main` at `main-sha`, its tree (README.md plus `others`)
 * and README.md's text, as the scheduled workflows read them.
 */
export function mockDefaultBranch(text: string, others: Array<{ path: string; type: 'blob' | 'tree' }> = []): void {
  api().get(`${REPO_PATH}/git/ref/heads%2Fmain`).reply(200, { ref: 'refs/heads/main', object: { sha: 'main-sha', type: 'commit' } });
  api()
    .get(`${REPO_PATH}/git/trees/main-sha`)
    .query({ recursive: 'true' })
    .reply(200, { sha: 'tree-main', truncated: false, tree: [{ path: 'README.md', type: 'blob', sha: 'b1' }, ...others.map((o, i) => ({ ...o, sha: `o${i}` }))] });
  api().get(`${REPO_PATH}/contents/README.md`).query({ ref: 'main-sha' }).reply(200, contentsReply('README.md', text));
}

/** No failure history waits under the hidden ref (no run has failed links before a report issue). */
export function mockNoStoredHistory(): void {
  api().get(`${REPO_PATH}/git/ref/listkeeper%2Flink-history`).reply(404, { message: 'Not Found' });
}

/**
 * A section whose list is out of date order but cannot be sorted safely: its
 * last item ends in a code block and a line of text follows with no blank line,
 * so whichever item moved last would swallow that line. Ends with a blank line.
 */
export function unmovableSection(heading: string): string[] {
  return [
    heading,
    '',
    '- [Sparse attention in practice](https://example.org/sparse) | Model Digest 2023-02-10',
    '- [Scaling laws, revisited](https://example.org/scaling) | Lab Notes 2023-01-05',
    '  ```',
    '  pip install scaling-laws',
    '  ```',
    'More papers on the wiki.',
    '',
  ];
}

/** The Markdown outside code spans: what GitHub scans for @mentions. */
export function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, '');
}

/** Pull request #7 from a branch of the repository itself, head `head-sha-1`, as GitHub returns it. */
export const PULL_7 = {
  number: 7,
  state: 'open',
  user: { login: 'contributor' },
  head: { sha: 'head-sha-1', ref: 'add-posts', repo: { full_name: 'octo-lists/awesome-llm' } },
  base: { sha: 'base-sha-1', ref: 'main', repo: { full_name: 'octo-lists/awesome-llm' } },
};

/** #7 changes README.md (`patch`; `text` at the head), and the `others` files GitHub lists with it. */
export function mockPull7ChangingReadme(text: string, patch: string, others: Json[] = []): void {
  api().get(`${REPO_PATH}/pulls/7`).reply(200, PULL_7);
  api().get(`${REPO_PATH}/pulls/7/files`).query({ per_page: 100 }).reply(200, [{ filename: 'README.md', status: 'modified', patch }, ...others]);
  api().get(`${REPO_PATH}/contents/README.md`).query({ ref: 'head-sha-1' }).reply(200, contentsReply('README.md', text));
}
