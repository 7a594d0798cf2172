/**
 * `github.com/OWNER/REPO` links checked through the REST API when a token is
 * given: github.com rate-limits scrapers, the API says exactly whether the
 * repository exists, was renamed (new URL) or archived (a warning note).
 */
import type { Verdict } from './types.js';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export interface GitHubRepoRef {
  owner: string;
  repo: string;
}

export interface GitHubVerdict {
  verdict: Verdict;
  status: number | null;
  reason: string;
  finalUrl: string | null;
  notes: string[];
}

/** Top-level github.com paths that are not user or organization names. */
const RESERVED = new Set([
  'about', 'apps', 'blog', 'collections', 'contact', 'customer-stories', 'enterprise', 'events', 'explore',
  'features', 'issues', 'login', 'marketplace', 'new', 'notifications', 'orgs', 'pricing', 'pulls', 'search',
  'security', 'settings', 'site', 'sponsors', 'topics', 'trending', 'users',
]);

/** The repository a link names, when it is exactly a repository's page. */
export function githubRepoOf(url: string): GitHubRepoRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  if (host !== 'github.com' && host !== 'www.github.com') return null;
  const parts = parsed.pathname.split('/').filter((part) => part !== '');
  if (parts.length !== 2 || parsed.search !== '') return null;
  const owner = parts[0];
  const repo = parts[1].replace(/\.git$/, '');
  if (RESERVED.has(owner.toLowerCase())) return null;
  if (!/^[A-Za-z0-9-]+$/.test(owner) || !/^[A-Za-z0-9._-]+$/.test(repo)) return null;
  return { owner, repo };
}

export interface RepoJson {
  full_name?: unknown;
  html_url?: unknown;
  archived?: unknown;
  private?: unknown;
  visibility?: unknown;
}

export interface GitHubApiOptions {
  /** Null asks anonymously (60 requests an hour): the page reader may, the checker does not. */
  token: string | null;
  apiUrl: string;
  fetch: FetchLike;
  timeout: number;
}

/** A public repository's answer, or the verdict the API's answer gives (a repository that is not public is not found). */
export type RepoAnswer<J extends RepoJson> = { ok: true; status: number; json: J } | { ok: false; verdict: Verdict; status: number | null; reason: string };

const NOT_FOUND = { ok: false, verdict: 'dead', status: 404, reason: 'GitHub: repository not found' } as const;

/**
 * Only a repository anyone may see counts as existing. The token may see private ones (an
 * App's installation, a personal token); a list entry must not learn that `victim/private`
 * exists, its new name or its archived state, so such a repository answers exactly as a
 * missing one. Fails closed: an answer that does not say "public" is not public.
 */
function isPublic(json: RepoJson): boolean {
  return json.private === false && (json.visibility === undefined || json.visibility === 'public');
}

/** `GET /repos/OWNER/REPO`, for the checker and the page reader (metadata/github.ts) alike. */
export async function fetchPublicRepo<J extends RepoJson>(ref: GitHubRepoRef, options: GitHubApiOptions): Promise<RepoAnswer<J>> {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'listkeeper' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(url, { headers, signal: AbortSignal.timeout(options.timeout) });
  } catch (error) {
    return unknown(null, `GitHub API unreachable: ${(error as Error).message}`);
  }
  const { status } = response;
  if (status === 404 || status === 410) return { ...NOT_FOUND, status };
  if (status === 451) return { ok: false, verdict: 'dead', status, reason: 'GitHub: repository unavailable (legal)' };
  if (status === 401) return unknown(status, 'GitHub API: bad credentials');
  if (status === 403 || status === 429) return unknown(status, 'GitHub API: rate limited');
  if (status < 200 || status >= 300) return unknown(status, `GitHub API: HTTP ${status}`);
  let json: J;
  try {
    json = (await response.json()) as J;
  } catch {
    return unknown(status, 'GitHub API: unreadable answer');
  }
  if (json === null || typeof json !== 'object' || !isPublic(json)) return NOT_FOUND;
  return { ok: true, status, json };
}

export async function checkGitHubRepo(ref: GitHubRepoRef, options: GitHubApiOptions & { token: string }): Promise<GitHubVerdict> {
  const answer = await fetchPublicRepo<RepoJson>(ref, options);
  if (!answer.ok) return { verdict: answer.verdict, status: answer.status, reason: answer.reason, finalUrl: null, notes: [] };
  const { status, json } = answer;
  const notes: string[] = [];
  let finalUrl: string | null = null;
  const fullName = typeof json.full_name === 'string' ? json.full_name : null;
  if (fullName && fullName.toLowerCase() !== `${ref.owner}/${ref.repo}`.toLowerCase()) {
    finalUrl = typeof json.html_url === 'string' ? json.html_url : `https://github.com/${fullName}`;
    notes.push(`repository renamed to ${fullName}`);
  }
  if (json.archived === true) notes.push('repository archived');
  return { verdict: 'alive', status, reason: 'GitHub: repository exists', finalUrl, notes };
}

function unknown(status: number | null, reason: string): { ok: false; verdict: Verdict; status: number | null; reason: string } {
  return { ok: false, verdict: 'unknown', status, reason };
}
