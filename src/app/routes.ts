/**
 * The App's own HTTP routes, added to Probot's server with `addHandler`:
 * - `GET /listkeeper/health`: 200 and a small JSON body, for load balancers;
 * - `POST /listkeeper/report`: runs the dead-link report for one repository
 *   (`{"owner", "repo"}`) or for every installation (an empty body), for a
 *   cron job outside the server. It needs `Authorization: Bearer <secret>`
 *   with the secret from `LISTKEEPER_REPORT_SECRET`, compared in constant time.
 * The report work is queued; the answer (202) lists what was queued.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HEALTH_PATH = '/listkeeper/health';
export const REPORT_PATH = '/listkeeper/report';
/** A report request is a few names; anything bigger is not one. */
const MAX_BODY_BYTES = 8 * 1024;

export interface RepositoryName {
  owner: string;
  repo: string;
}

export type ReportTriggerResult =
  | { ok: true; queued: string[] }
  | { ok: false; status: 404 | 502; error: string };

export interface RoutesOptions {
  /** `LISTKEEPER_REPORT_SECRET`; unset or empty turns the report route off (503). */
  reportSecret: string | undefined;
  /** The health body (status, version, queued jobs). */
  health: () => Record<string, unknown>;
  /** Queues the report for one repository, or for every installation when `target` is null. */
  triggerReport: (target: RepositoryName | null) => Promise<ReportTriggerResult>;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createRoutes(options: RoutesOptions): RouteHandler {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === HEALTH_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { allow: 'GET' });
      return sendJson(res, 200, { status: 'ok', ...options.health() });
    }
    if (path === REPORT_PATH) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST' }, { allow: 'POST' });
      return handleReport(req, res, options);
    }
    return false;
  };
}

async function handleReport(req: IncomingMessage, res: ServerResponse, options: RoutesOptions): Promise<boolean> {
  const secret = options.reportSecret ?? '';
  if (secret === '') {
    return sendJson(res, 503, { error: 'the report route is off: set LISTKEEPER_REPORT_SECRET on the server' });
  }
  if (!isAuthorized(req.headers.authorization, secret)) {
    return sendJson(res, 401, { error: 'missing or wrong secret' }, { 'www-authenticate': 'Bearer' });
  }
  const body = await readBody(req);
  if (!body.ok) return sendJson(res, body.status, { error: body.error });
  const target = parseReportTarget(body.text);
  if (!target.ok) return sendJson(res, 400, { error: target.error });
  const result = await options.triggerReport(target.target);
  if (!result.ok) return sendJson(res, result.status, { error: result.error });
  return sendJson(res, 202, { queued: result.queued });
}

/** `Bearer <secret>`, compared in constant time (hashes first, so lengths leak nothing either). */
export function isAuthorized(header: string | undefined, secret: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(m[1]), digest(secret));
}

/** GitHub's rules for owner and repository names, so nothing odd reaches a URL. */
const OWNER_NAME = /^[A-Za-z\d](?:[A-Za-z\d-]{0,38})$/;
const REPO_NAME = /^[\w.-]{1,100}$/;

export type ReportTarget = { ok: true; target: RepositoryName | null } | { ok: false; error: string };

/** An empty body or `{}`: every installation. `{"owner","repo"}`: that repository. */
export function parseReportTarget(text: string): ReportTarget {
  if (text.trim() === '') return { ok: true, target: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the body must be JSON: {} or {"owner": "...", "repo": "..."}' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'the body must be a JSON object' };
  }
  const { owner, repo, ...rest } = value as Record<string, unknown>;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey !== undefined) return { ok: false, error: `unknown key "${unknownKey}"` };
  if (owner === undefined && repo === undefined) return { ok: true, target: null };
  if (typeof owner !== 'string' || !OWNER_NAME.test(owner)) return { ok: false, error: '"owner" must be a GitHub account name' };
  if (typeof repo !== 'string' || !REPO_NAME.test(repo) || repo === '.' || repo === '..') {
    return { ok: false, error: '"repo" must be a repository name' };
  }
  return { ok: true, target: { owner, repo } };
}

type BodyResult = { ok: true; text: string } | { ok: false; status: 413 | 400; error: string };

function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) resolve({ ok: false, status: 413, error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
      else resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', () => resolve({ ok: false, status: 400, error: 'the body could not be read' }));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(`${JSON.stringify(body)}\n`);
  return true;
}
