/**
 * GitHub repositories, read through the REST API (github.com rate-limits
 * scrapers; the API says exactly who owns the repository, its current name
 * and when it was created). A repository that is not public answers exactly
 * as a missing one, as in the link checker (src/links/github.ts).
 */
import { fetchPublicRepo, type GitHubApiOptions, type GitHubRepoRef, type RepoJson } from '../github.js';
import { dayOfDateText, field } from './fields.js';
import type { PageMetadataResult } from './types.js';

interface RepoMetadataJson extends RepoJson {
  name?: unknown;
  owner?: unknown;
  created_at?: unknown;
}

export async function readGitHubRepo(url: string, ref: GitHubRepoRef, options: GitHubApiOptions): Promise<PageMetadataResult> {
  const answer = await fetchPublicRepo<RepoMetadataJson>(ref, options);
  if (!answer.ok) return { ok: false, url, verdict: answer.verdict, reason: answer.reason };
  const { json } = answer;
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
