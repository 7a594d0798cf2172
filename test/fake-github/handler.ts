/** What a route handler of the fake receives and answers, and GitHub-style errors. */
import type { Shapes } from './shapes.js';
import type { FakeState, RepoState, TokenState } from './state.js';

export interface FakeRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  accept: string;
  token: TokenState | null;
  /** Set for requests authenticated with an app JWT (`Authorization: Bearer <jwt>`). */
  appJwt: boolean;
  state: FakeState;
  shapes: Shapes;
  /** Server options. */
  options: { contentsMaxBytes: number };
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Raw text body (media types like `application/vnd.github.raw`). */
  text?: string;
  /** Array responses are paginated by the server with `per_page`/`page` and a Link header. */
  paginate?: boolean;
}

export type Handler = (req: FakeRequest) => FakeResponse;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

export const notFound = (): HttpError => new HttpError(404, 'Not Found');
export const forbidden = (): HttpError => new HttpError(403, 'Resource not accessible by integration');
export const invalid = (message: string, errors?: unknown[]): HttpError => new HttpError(422, message, errors);

export function repoOf(req: FakeRequest): RepoState {
  const repo = req.state.repo(`${req.params.owner}/${req.params.repo}`);
  if (!repo) throw notFound();
  if (repo.private && !(req.token && req.state.canRead(req.token, repo))) throw notFound();
  return repo;
}

export function writableRepo(req: FakeRequest, branch?: string): RepoState {
  const repo = repoOf(req);
  if (!req.state.canWrite(req.token, repo, branch)) throw forbidden();
  return repo;
}

export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw notFound();
  return n;
}

/** A comment body as GitHub validates it: present, at most 65,536 characters. */
export function commentBody(req: FakeRequest, resource: string): string {
  const body = str(req.body, 'body');
  if (!body) throw invalid('Validation Failed', [{ resource, code: 'missing_field', field: 'body' }]);
  if (body.length > 65536) throw invalid('Validation Failed', [{ resource, code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]);
  return body;
}
