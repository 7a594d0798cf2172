/**
 * A local stand-in for the GitHub REST API, for end-to-end tests of the Action and the App.
 *
 * - Serves on loopback at a random port; point `GITHUB_API_URL` (Action) or Probot's
 *   `baseUrl` (App) at `fake.url`.
 * - Keeps state: repositories with real Git objects and refs, files, pulls (also from forks),
 *   issues, comments, review comments, reviews, reactions, labels, check runs, tokens,
 *   permissions, installations.
 * - Accepts only methods and paths that GitHub's OpenAPI description documents. Anything else
 *   (and any documented operation the fake does not implement) answers an error and is
 *   recorded in `unknownRequests`, so a test can fail on it. 2xx bodies are checked against
 *   the documented response schema; departures land in `shapeErrors`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { HttpError, type FakeRequest, type FakeResponse, type Handler } from './handler.js';
import { gitRoutes } from './routes-git.js';
import { issueRoutes, ensureLabel } from './routes-issues.js';
import { pullRoutes } from './routes-pulls.js';
import { repoRoutes } from './routes-repo.js';
import { Shapes } from './shapes.js';
import { matchOperation, shapeErrors } from './spec.js';
import { FakeState, timestamp, type CommentState, type IssueState, type Permission, type RepoState } from './state.js';

type Schemas = components['schemas'];

const ROUTES: Record<string, Handler> = { ...gitRoutes, ...issueRoutes, ...pullRoutes, ...repoRoutes };

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  operationId: string | null;
  body: unknown;
  /** Why the request was refused as unknown, for `unknownRequests`. */
  reason?: string;
}

export interface FakeGitHubOptions {
  /** Files larger than this come back from the contents API without content (GitHub: 1 MB). */
  contentsMaxBytes?: number;
}

export interface SeedRepoOptions {
  /** `owner/name`. */
  repo: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  /** login → permission. The owner is admin. */
  collaborators?: Record<string, Permission>;
  private?: boolean;
  /** `owner/name` of the parent, for forks (the fork starts at the parent's default branch). */
  forkOf?: string;
}

export interface SeedTokenOptions {
  login: string;
  /** Repositories the token may write (a workflow's GITHUB_TOKEN: its own repository). */
  write?: string[];
  /** A user's personal token: writes wherever the user has write permission. */
  asCollaborator?: boolean;
  /** May push to fork branches of PRs whose authors allow maintainer edits (installation tokens). */
  pushToForks?: boolean;
}

export interface SeedPullOptions {
  /** The base repository, `owner/name`. */
  repo: string;
  author: string;
  title?: string;
  body?: string;
  /** Head repository (a fork) — default: the base repository. */
  headRepo?: string;
  headBranch: string;
  baseBranch?: string;
  /** Files the PR sets (string) or deletes (null), committed on the head branch. */
  files: Record<string, string | null>;
  maintainerCanModify?: boolean;
}

export class FakeGitHub {
  readonly state = new FakeState();
  readonly requests: RecordedRequest[] = [];
  readonly unknownRequests: RecordedRequest[] = [];
  readonly shapeErrors: string[] = [];
  private readonly shapes: Shapes;
  private readonly contentsMaxBytes: number;
  private readonly hooks = new Map<string, Array<() => void>>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: FakeGitHubOptions,
  ) {
    this.shapes = new Shapes(this.state, url);
    this.contentsMaxBytes = options.contentsMaxBytes ?? 1_000_000;
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    let fake: FakeGitHub | null = null;
    const server = createServer((req, res) => {
      void fake!.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeGitHub(server, `http://127.0.0.1:${port}`, options);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    const record: RecordedRequest = { method, path: url.pathname + url.search, status: 0, operationId: null, body: null };
    this.requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = typeof payload === 'string' ? payload : payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': typeof payload === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        'x-github-request-id': `FAKE:${this.requests.length}`,
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...headers,
      });
      res.end(status === 204 ? undefined : text);
    };
    if (raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw);
        body = Array.isArray(parsed) ? { data: parsed } : (parsed as Record<string, unknown>);
        record.body = parsed;
      } catch {
        send(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' });
        return;
      }
    }
    // GraphQL is not in the REST description; the tool asks it one thing: who its token acts as.
    if (method === 'POST' && url.pathname === '/graphql') {
      this.graphql(req.headers.authorization, body, record, send);
      return;
    }
    const match = matchOperation(method, url.pathname);
    if (!match) {
      this.unknownRequests.push({ ...record, status: 404, reason: 'not in GitHub\'s OpenAPI description' });
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      return;
    }
    record.operationId = match.operation.operationId;
    const handler = ROUTES[match.operation.operationId];
    if (!handler) {
      this.unknownRequests.push({ ...record, status: 501, reason: `${match.operation.operationId} exists on GitHub but the fake does not implement it` });
      send(501, { message: `fake GitHub: ${match.operation.operationId} not implemented` });
      return;
    }
    // One-shot hooks let a test change the world at an exact point, e.g. push between a read and a write.
    const hooks = this.hooks.get(match.operation.operationId) ?? [];
    this.hooks.delete(match.operation.operationId);
    for (const hook of hooks) hook();
    const auth = this.authenticate(req.headers.authorization);
    if (auth === 'bad') {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      return;
    }
    const missing = (match.operation.requestSchema?.required ?? []).filter((key) => !(key in body));
    if (missing.length > 0 && method !== 'GET') {
      send(422, { message: `Invalid request.\n\n${missing.map((k) => `"${k}"`).join(', ')} wasn't supplied.`, documentation_url: 'https://docs.github.com/rest', status: '422' });
      return;
    }
    const request: FakeRequest = {
      method,
      params: match.params,
      query: url.searchParams,
      body,
      accept: String(req.headers.accept ?? ''),
      token: auth.token,
      appJwt: auth.appJwt,
      state: this.state,
      shapes: this.shapes,
      options: { contentsMaxBytes: this.contentsMaxBytes },
    };
    let response: FakeResponse;
    try {
      response = handler(request);
    } catch (error) {
      if (!(error instanceof HttpError)) {
        send(500, { message: `fake GitHub crashed: ${String(error)}` });
        this.unknownRequests.push({ ...record, status: 500, reason: `fake crashed: ${error instanceof Error ? error.stack : String(error)}` });
        return;
      }
      send(error.status, { message: error.message, ...(error.errors ? { errors: error.errors } : {}), documentation_url: 'https://docs.github.com/rest', status: String(error.status) });
      return;
    }
    if (response.text !== undefined) {
      send(response.status, response.text);
      return;
    }
    let payload = response.body;
    const headers: Record<string, string> = {};
    if (response.paginate && Array.isArray(payload)) {
      const page = paginate(payload, url);
      payload = page.items;
      if (page.link) headers.link = page.link;
    }
    if (payload !== undefined && match.operation.responseSchema && response.status < 300) {
      for (const e of shapeErrors(payload, match.operation.responseSchema)) this.shapeErrors.push(`${match.operation.operationId} ${e}`);
    }
    send(response.status, payload, headers);
  }

  private authenticate(header: string | undefined): { token: FakeRequest['token']; appJwt: boolean } | 'bad' {
    if (!header) return { token: null, appJwt: false };
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
    if (!m) return 'bad';
    const value = m[1]!;
    const token = this.state.tokens.get(value);
    if (token) return { token, appJwt: false };
    // An app's JWT: three base64url parts. Probot signs it with the test key; the fake trusts any.
    if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(value)) return { token: null, appJwt: true };
    return 'bad';
  }

  /** `query { viewer { login } }`, answered as GitHub does for every kind of token; any other query is unknown. */
  private graphql(authorization: string | undefined, body: Record<string, unknown>, record: RecordedRequest, send: (status: number, payload: unknown) => void): void {
    record.operationId = 'graphql';
    const auth = this.authenticate(authorization);
    if (auth === 'bad' || auth.token === null) {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
      return;
    }
    if (typeof body.query !== 'string' || body.query.replace(/\s+/g, ' ').trim() !== 'query { viewer { login } }') {
      this.unknownRequests.push({ ...record, status: 501, reason: 'a GraphQL query the fake does not implement' });
      send(501, { message: 'fake GitHub: this GraphQL query is not implemented' });
      return;
    }
    send(200, { data: { viewer: { login: auth.token.login } } });
  }

  /** Runs `hook` once, just before the next request for `operationId` (e.g. `git/update-ref`) is handled. */
  beforeNext(operationId: string, hook: () => void): void {
    this.hooks.set(operationId, [...(this.hooks.get(operationId) ?? []), hook]);
  }

  // ---- seeding ----

  seedUser(login: string, type?: 'User' | 'Bot' | 'Organization'): void {
    this.state.user(login, type);
  }

  seedToken(token: string, options: SeedTokenOptions): void {
    this.state.user(options.login);
    this.state.tokens.set(token, {
      token,
      login: options.login,
      write: options.write ?? [],
      asCollaborator: options.asCollaborator ?? false,
      pushToForks: options.pushToForks ?? false,
      installationId: null,
    });
  }

  seedRepo(options: SeedRepoOptions): RepoState {
    const [owner, name] = splitRepo(options.repo);
    this.state.user(owner);
    const parent = options.forkOf ? this.requireRepo(options.forkOf) : null;
    const repo: RepoState = {
      id: this.state.id(),
      owner,
      name,
      fullName: `${owner}/${name}`,
      defaultBranch: options.defaultBranch ?? parent?.defaultBranch ?? 'main',
      private: options.private ?? false,
      parent: parent?.fullName ?? null,
      refs: new Map(),
      collaborators: new Map(),
      labels: new Map(),
      issues: new Map(),
      nextNumber: 1,
    };
    for (const [login, permission] of Object.entries(options.collaborators ?? {})) {
      this.state.user(login);
      repo.collaborators.set(login.toLowerCase(), permission);
    }
    this.state.repos.set(repo.fullName.toLowerCase(), repo);
    if (parent) {
      const tip = parent.refs.get(`refs/heads/${parent.defaultBranch}`);
      if (tip) repo.refs.set(`refs/heads/${repo.defaultBranch}`, tip);
      if (options.files) this.state.commitFiles(repo, repo.defaultBranch, options.files);
    } else {
      this.state.commitFiles(repo, repo.defaultBranch, options.files ?? {}, { message: 'Initial commit' });
    }
    return repo;
  }

  /** Commits files (string: set, null: delete) on a branch (created from the default branch when new); returns the commit sha. */
  seedCommit(repo: string, files: Record<string, string | null>, options: { branch?: string; message?: string; author?: string } = {}): string {
    const r = this.requireRepo(repo);
    return this.state.commitFiles(r, options.branch ?? r.defaultBranch, files, { from: r.defaultBranch, ...options });
  }

  seedFile(repo: string, path: string, content: string, options: { branch?: string; message?: string } = {}): string {
    return this.seedCommit(repo, { [path]: content }, options);
  }

  seedPull(options: SeedPullOptions): { number: number; headSha: string; baseSha: string } {
    const base = this.requireRepo(options.repo);
    const head = options.headRepo ? this.requireRepo(options.headRepo) : base;
    const baseBranch = options.baseBranch ?? base.defaultBranch;
    const baseSha = base.refs.get(`refs/heads/${baseBranch}`)!;
    this.state.user(options.author);
    if (!head.refs.has(`refs/heads/${options.headBranch}`)) head.refs.set(`refs/heads/${options.headBranch}`, baseSha);
    const headSha = this.state.commitFiles(head, options.headBranch, options.files, { message: options.title ?? 'Update list', author: options.author });
    const now = timestamp();
    const issue: IssueState = {
      id: this.state.id(),
      number: base.nextNumber++,
      title: options.title ?? 'Add entries',
      body: options.body ?? null,
      state: 'open',
      stateReason: null,
      user: options.author,
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      reactions: [],
      pull: { headRepo: head.fullName, headRef: options.headBranch, baseRef: baseBranch, baseSha, maintainerCanModify: options.maintainerCanModify ?? false, draft: false, merged: false },
    };
    base.issues.set(issue.number, issue);
    return { number: issue.number, headSha, baseSha };
  }

  seedIssue(options: { repo: string; title: string; body?: string; labels?: string[]; author?: string; state?: 'open' | 'closed' }): number {
    const repo = this.requireRepo(options.repo);
    const now = timestamp();
    const labels = (options.labels ?? []).map((name) => ensureLabel({ state: this.state } as FakeRequest, repo, name));
    const issue: IssueState = {
      id: this.state.id(),
      number: repo.nextNumber++,
      title: options.title,
      body: options.body ?? null,
      state: options.state ?? 'open',
      stateReason: options.state === 'closed' ? 'completed' : null,
      user: this.state.user(options.author ?? repo.owner).login,
      labels,
      createdAt: now,
      updatedAt: now,
      closedAt: options.state === 'closed' ? now : null,
      reactions: [],
      pull: null,
    };
    repo.issues.set(issue.number, issue);
    return issue.number;
  }

  /** Adds an issue or PR comment as `author`; returns the comment in the API's shape (for webhook payloads). */
  seedComment(options: { repo: string; issue: number; author: string; body: string }): Schemas['issue-comment'] {
    const repo = this.requireRepo(options.repo);
    if (!repo.issues.has(options.issue)) throw new Error(`no issue ${options.issue} in ${options.repo}`);
    const now = timestamp();
    const c: CommentState = { id: this.state.id(), repo: repo.fullName, issueNumber: options.issue, user: this.state.user(options.author).login, body: options.body, createdAt: now, updatedAt: now, reactions: [] };
    this.state.comments.set(c.id, c);
    return this.shapes.issueComment(repo, c);
  }

  seedInstallation(options: { id: number; account: string; repos: string[]; botLogin?: string; appSlug?: string }): void {
    const appSlug = options.appSlug ?? 'listkeeper';
    this.state.user(options.account);
    this.state.installations.set(options.id, { id: options.id, account: options.account, repos: options.repos, botLogin: options.botLogin ?? `${appSlug}[bot]`, appSlug });
  }

  // ---- reading state back (in the API's shapes) ----

  getRepo(repo: string): Schemas['full-repository'] {
    return this.shapes.repo(this.requireRepo(repo), null);
  }

  getIssues(repo: string, options: { includePulls?: boolean } = {}): Schemas['issue'][] {
    const r = this.requireRepo(repo);
    return [...r.issues.values()].filter((i) => options.includePulls || !i.pull).map((i) => this.shapes.issue(r, i));
  }

  getIssue(repo: string, number: number): Schemas['issue'] {
    const r = this.requireRepo(repo);
    const issue = r.issues.get(number);
    if (!issue) throw new Error(`no issue ${number} in ${repo}`);
    return this.shapes.issue(r, issue);
  }

  getPull(repo: string, number: number): Schemas['pull-request'] {
    const r = this.requireRepo(repo);
    const pull = this.state.pull(r, number);
    if (!pull) throw new Error(`no pull ${number} in ${repo}`);
    return this.shapes.pull(r, pull);
  }

  getPulls(repo: string): Schemas['pull-request'][] {
    const r = this.requireRepo(repo);
    return [...r.issues.values()].filter((i) => i.pull).map((i) => this.getPull(repo, i.number));
  }

  getComments(repo: string, issue: number): Schemas['issue-comment'][] {
    const r = this.requireRepo(repo);
    return [...this.state.comments.values()].filter((c) => c.repo === r.fullName && c.issueNumber === issue).sort((a, b) => a.id - b.id).map((c) => this.shapes.issueComment(r, c));
  }

  getReviewComments(repo: string, pull: number): Schemas['pull-request-review-comment'][] {
    const r = this.requireRepo(repo);
    return [...this.state.reviewComments.values()].filter((c) => c.repo === r.fullName && c.pullNumber === pull).sort((a, b) => a.id - b.id).map((c) => this.shapes.reviewComment(r, c));
  }

  getReviews(repo: string, pull: number): Schemas['pull-request-review'][] {
    const r = this.requireRepo(repo);
    return [...this.state.reviews.values()].filter((x) => x.repo === r.fullName && x.pullNumber === pull).map((x) => this.shapes.review(r, x));
  }

  /** Reactions on an issue comment (`content` values, e.g. `['eyes', 'rocket']`). */
  getReactions(commentId: number): string[] {
    const c = this.state.comments.get(commentId) ?? this.state.reviewComments.get(commentId);
    if (!c) throw new Error(`no comment ${commentId}`);
    return c.reactions.map((r) => r.content);
  }

  getCheckRuns(repo: string): Array<Schemas['check-run'] & { annotations: Array<Record<string, unknown>> }> {
    const r = this.requireRepo(repo);
    return [...this.state.checkRuns.values()].filter((c) => c.repo === r.fullName).map((c) => ({ ...this.shapes.checkRun(r, c), annotations: c.annotations.map((a) => ({ ...a })) }));
  }

  /** The commit sha a ref (`main`, `heads/main`, `refs/heads/main`, a tag or sha) points at, or null. */
  getRef(repo: string, ref: string): string | null {
    return this.state.resolve(this.requireRepo(repo), ref) ?? null;
  }

  /** A file's text at a ref, or null when it does not exist. */
  fileAt(repo: string, ref: string, path: string): string | null {
    const sha = this.getRef(repo, ref);
    return sha ? this.state.fileAtCommit(sha, path) : null;
  }

  /** Commit messages from a ref back to the root, newest first. */
  commitLog(repo: string, ref: string): Array<{ sha: string; message: string; parents: string[] }> {
    const out: Array<{ sha: string; message: string; parents: string[] }> = [];
    let sha = this.getRef(repo, ref) ?? undefined;
    while (sha) {
      const c = this.state.git.commit(sha)!;
      out.push({ sha, message: c.message, parents: c.parents });
      sha = c.parents[0];
    }
    return out;
  }

  private requireRepo(repo: string): RepoState {
    const r = this.state.repo(repo);
    if (!r) throw new Error(`fake GitHub: no repository ${repo}`);
    return r;
  }
}

function splitRepo(full: string): [string, string] {
  const [owner, name] = full.split('/');
  if (!owner || !name) throw new Error(`expected owner/name, got ${full}`);
  return [owner, name];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GitHub's pagination: `per_page` (default 30, max 100), `page`, and a Link header. */
function paginate<T>(items: T[], url: URL): { items: T[]; link: string | null } {
  const perPage = Math.max(1, Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (n: number): string => {
    const u = new URL(url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return u.toString();
  };
  const links: string[] = [];
  if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: links.length ? links.join(', ') : null };
}
