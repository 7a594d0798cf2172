/** Finding, opening, updating and closing the tool's own pull request for a branch. */
import type { GitHubClient } from '../context.js';

export interface OwnPullRequest {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
}

export interface PullRequestSpec {
  owner: string;
  repo: string;
  /** The tool's branch, in the same repository. */
  branch: string;
  base: string;
  title: string;
  body: string;
}

export async function findOpenPullRequest(
  client: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
): Promise<OwnPullRequest | null> {
  const { data } = await client.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'open', per_page: 10 });
  const pr = data[0];
  return pr ? { number: pr.number, html_url: pr.html_url, title: pr.title, body: pr.body } : null;
}

export type PullRequestAction = 'created' | 'updated' | 'unchanged';

/** Open the PR for the branch, or bring the open one's title and body up to date. */
export async function upsertPullRequest(
  client: GitHubClient,
  spec: PullRequestSpec,
): Promise<{ action: PullRequestAction; pullRequest: OwnPullRequest }> {
  const { owner, repo } = spec;
  const existing = await findOpenPullRequest(client, owner, repo, spec.branch);
  if (existing) {
    if (existing.title === spec.title && existing.body === spec.body) return { action: 'unchanged', pullRequest: existing };
    const { data } = await client.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: spec.title,
      body: spec.body,
    });
    return { action: 'updated', pullRequest: { number: data.number, html_url: data.html_url, title: data.title, body: data.body } };
  }
  const { data } = await client.rest.pulls.create({
    owner,
    repo,
    head: spec.branch,
    base: spec.base,
    title: spec.title,
    body: spec.body,
    maintainer_can_modify: true,
  });
  return { action: 'created', pullRequest: { number: data.number, html_url: data.html_url, title: data.title, body: data.body } };
}

/** Close the PR with a comment saying why (nothing is left to change). */
export async function closePullRequest(
  client: GitHubClient,
  owner: string,
  repo: string,
  pr: OwnPullRequest,
  comment: string,
): Promise<void> {
  await client.rest.issues.createComment({ owner, repo, issue_number: pr.number, body: comment });
  await client.rest.pulls.update({ owner, repo, pull_number: pr.number, state: 'closed' });
}
