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

const NOT_FOUND: GitHubVerdict = { verdict: 'dead', status: 404, reason: 'GitHub: repository not found', finalUrl: null, notes: [] };

/**
 * Only a repository anyone may see counts as existing. The token may see private ones (an
 * App's installation, a personal token); a list entry must not learn that `victim/private`
 * exists, its new name or its archived state, so such a repository answers exactly as a
 * missing one. Fails closed: an answer that does not say "public" is not public.
 */
export function isPublic(json: RepoJson): boolean {
  return json.private === false && (json.visibility === undefined || json.visibility === 'public');
}

export async function checkGitHubRepo(
  ref: GitHubRepoRef,
  options: { token: string; apiUrl: string; fetch: FetchLike; timeout: number },
): Promise<GitHubVerdict> {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(url, {
      headers: {
        authorization: `Bearer ${options.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'listkeeper',
      },
      signal: AbortSignal.timeout(options.timeout),
    });
  } catch (error) {
    return unknown(null, `GitHub API unreachable: ${(error as Error).message}`);
  }
  const { status } = response;
  if (status === 404) return { ...NOT_FOUND, notes: [] };
  if (status === 410) return { ...NOT_FOUND, status, notes: [] };
  if (status === 451) return { verdict: 'dead', status, reason: 'GitHub: repository unavailable (legal)', finalUrl: null, notes: [] };
  if (status === 401) return unknown(status, 'GitHub API: bad credentials');
  if (status === 403 || status === 429) return unknown(status, 'GitHub API: rate limited');
  if (status < 200 || status >= 300) return unknown(status, `GitHub API: HTTP ${status}`);
  let json: RepoJson;
  try {
    json = (await response.json()) as RepoJson;
  } catch {
    return unknown(status, 'GitHub API: unreadable answer');
  }
  if (json === null || typeof json !== 'object' || !isPublic(json)) return { ...NOT_FOUND, notes: [] };
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

function unknown(status: number | null, reason: string): GitHubVerdict {
  return { verdict: 'unknown', status, reason, finalUrl: null, notes: [] };
}
