/**
 * GitHub repositories, read through the REST API (github.com rate-limits
 * scrapers; the API says exactly who owns the repository, its current name
 * and when it was created). A repository that is not public answers exactly
 * as a missing one, as in the link checker (src/links/github.ts).
 */
import { isPublic, type FetchLike, type GitHubRepoRef, type RepoJson } from '../github.js';
import { dayOfDateText, field } from './fields.js';
import type { PageMetadataResult } from './types.js';

export interface GitHubApiOptions {
  /** Optional: without it the API's anonymous limit (60 an hour) applies. */
  token: string | null;
  apiUrl: string;
  fetch: FetchLike;
  timeout: number;
}

interface RepoMetadataJson extends RepoJson {
  name?: unknown;
  owner?: unknown;
  created_at?: unknown;
}

export async function readGitHubRepo(url: string, ref: GitHubRepoRef, options: GitHubApiOptions): Promise<PageMetadataResult> {
  const apiUrl = `${options.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'listkeeper' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(apiUrl, { headers, signal: AbortSignal.timeout(options.timeout) });
  } catch (error) {
    return { ok: false, url, verdict: 'unknown', reason: `GitHub API unreachable: ${(error as Error).message}` };
  }
  const { status } = response;
  if (status === 404 || status === 410) return notFound(url);
  if (status === 451) return { ok: false, url, verdict: 'dead', reason: 'GitHub: repository unavailable (legal)' };
  if (status === 401) return { ok: false, url, verdict: 'unknown', reason: 'GitHub API: bad credentials' };
  if (status === 403 || status === 429) return { ok: false, url, verdict: 'unknown', reason: 'GitHub API: rate limited' };
  if (status < 200 || status >= 300) return { ok: false, url, verdict: 'unknown', reason: `GitHub API: HTTP ${status}` };
  let json: RepoMetadataJson;
  try {
    json = (await response.json()) as RepoMetadataJson;
  } catch {
    return { ok: false, url, verdict: 'unknown', reason: 'GitHub API: unreadable answer' };
  }
  if (json === null || typeof json !== 'object' || !isPublic(json)) return notFound(url);
  const fullName = typeof json.full_name === 'string' && /^[^/\s]+\/[^/\s]+$/.test(json.full_name) ? json.full_name : `${ref.owner}/${ref.repo}`;
  const [owner, name] = fullName.split('/');
  const login = typeof json.owner === 'object' && json.owner !== null ? (json.owner as { login?: unknown }).login : undefined;
  return {
    ok: true,
    metadata: {
      url,
      finalUrl: typeof json.html_url === 'string' ? json.html_url : `https://github.com/${fullName}`,
      site: 'github',
      title: field(typeof json.name === 'string' && json.name !== '' ? json.name : name, 'GitHub API name'),
      source: field(typeof login === 'string' && login !== '' ? login : owner, 'GitHub API owner'),
      published: field(typeof json.created_at === 'string' ? dayOfDateText(json.created_at) : null, 'GitHub API created_at (UTC)'),
      identity: { value: `github:${fullName.toLowerCase()}`, from: 'GitHub API full_name' },
    },
  };
}

function notFound(url: string): PageMetadataResult {
  return { ok: false, url, verdict: 'dead', reason: 'GitHub: repository not found' };
}
