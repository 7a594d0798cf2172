/**
 * Response bodies in the real API's shapes. Each starts from the example GitHub publishes
 * in its OpenAPI description (so every field a client may read is there) and overrides
 * what the fake's state knows. Types come from `@octokit/openapi-types`.
 */
import { createRequire } from 'node:module';
import type { components } from '@octokit/openapi-types';
import { unifiedPatch, countChanges, diffHunkUpTo } from './diff.js';
import { atLeast, type CheckRunState, type CommentState, type FakeState, type IssueState, type LabelState, type PullState, type ReactionState, type RepoState, type ReviewCommentState, type ReviewState } from './state.js';

type Schemas = components['schemas'];

interface Examples {
  components: { examples: Record<string, { value: unknown }> };
}

let examples: Examples['components']['examples'] | null = null;

/** A deep copy of one of GitHub's example payloads, as the given schema type. */
function example<T>(name: string): T {
  if (!examples) {
    const require = createRequire(import.meta.url);
    examples = (require('@octokit/openapi/generated/api.github.com.json') as Examples).components.examples;
  }
  const found = examples[name];
  if (!found) throw new Error(`no example ${name}`);
  const value = Array.isArray(found.value) ? (found.value as unknown[])[0] : found.value;
  return structuredClone(value) as T;
}

export class Shapes {
  constructor(
    private readonly state: FakeState,
    readonly api: string,
  ) {}

  private web(path: string): string {
    return `https://github.com/${path}`;
  }

  user(login: string): Schemas['simple-user'] {
    const u = this.state.user(login);
    const api = `${this.api}/users/${login}`;
    return {
      login: u.login,
      id: u.id,
      node_id: Buffer.from(`04:User${u.id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: this.web(login),
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: u.type,
      site_admin: false,
      user_view_type: 'public',
    };
  }

  /** `full-repository` (GET /repos/{owner}/{repo}); its subset serves as `repository` in pulls. */
  repo(repo: RepoState, viewer: string | null): Schemas['full-repository'] {
    const base = example<Schemas['full-repository']>('full-repository');
    const text = JSON.stringify(base)
      .replaceAll('https://api.github.com/repos/octocat/Hello-World', `${this.api}/repos/${repo.fullName}`)
      .replaceAll('octocat/Hello-World', repo.fullName);
    const r = JSON.parse(text) as Schemas['full-repository'];
    const perm = viewer ? this.state.permissionOf(repo, viewer) : 'read';
    const parent = repo.parent ? this.state.repo(repo.parent) : undefined;
    const out: Schemas['full-repository'] = {
      ...r,
      id: repo.id,
      node_id: Buffer.from(`010:Repository${repo.id}`).toString('base64'),
      name: repo.name,
      full_name: repo.fullName,
      owner: this.user(repo.owner),
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      fork: repo.parent !== null,
      default_branch: repo.defaultBranch,
      html_url: this.web(repo.fullName),
      permissions: {
        admin: atLeast(perm, 'admin'),
        maintain: atLeast(perm, 'maintain'),
        push: atLeast(perm, 'write'),
        triage: atLeast(perm, 'triage'),
        pull: atLeast(perm, 'read'),
      },
      open_issues_count: [...repo.issues.values()].filter((i) => i.state === 'open').length,
      // Required by the schema, missing from GitHub's own example.
      has_discussions: false,
    };
    if (parent) {
      out.parent = this.repoSummary(parent) as Schemas['repository'];
      out.source = out.parent;
    } else {
      delete out.parent;
      delete out.source;
    }
    delete out.organization;
    delete out.template_repository;
    return out;
  }

  private repoSummary(repo: RepoState): Schemas['repository'] {
    const { parent: _p, source: _s, ...rest } = this.repo(repo, null);
    return rest as unknown as Schemas['repository'];
  }

  label(repo: RepoState, l: LabelState): Schemas['label'] {
    return {
      id: l.id,
      node_id: Buffer.from(`08:Label${l.id}`).toString('base64'),
      url: `${this.api}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      description: l.description,
      color: l.color,
      default: false,
    };
  }

  private association(repo: RepoState, login: string): Schemas['author-association'] {
    if (repo.owner.toLowerCase() === login.toLowerCase()) return 'OWNER';
    if (repo.collaborators.has(login.toLowerCase())) return 'COLLABORATOR';
    return 'NONE';
  }

  private reactionRollup(url: string, reactions: ReactionState[]): Schemas['reaction-rollup'] {
    const count = (c: string): number => reactions.filter((r) => r.content === c).length;
    return {
      url,
      total_count: reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  }

  issue(repo: RepoState, i: IssueState): Schemas['issue'] {
    const url = `${this.api}/repos/${repo.fullName}/issues/${i.number}`;
    const comments = [...this.state.comments.values()].filter((c) => c.repo === repo.fullName && c.issueNumber === i.number).length;
    const out: Schemas['issue'] = {
      id: i.id,
      node_id: Buffer.from(`05:Issue${i.id}`).toString('base64'),
      url,
      repository_url: `${this.api}/repos/${repo.fullName}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: this.web(`${repo.fullName}/${i.pull ? 'pull' : 'issues'}/${i.number}`),
      number: i.number,
      state: i.state,
      state_reason: i.stateReason as Schemas['issue']['state_reason'],
      title: i.title,
      body: i.body,
      user: this.user(i.user),
      labels: i.labels.map((name) => this.label(repo, repo.labels.get(name.toLowerCase())!)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments,
      closed_at: i.closedAt,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_by: null,
      author_association: this.association(repo, i.user),
      reactions: this.reactionRollup(`${url}/reactions`, i.reactions),
    };
    if (i.pull) {
      out.pull_request = {
        url: `${this.api}/repos/${repo.fullName}/pulls/${i.number}`,
        html_url: this.web(`${repo.fullName}/pull/${i.number}`),
        diff_url: this.web(`${repo.fullName}/pull/${i.number}.diff`),
        patch_url: this.web(`${repo.fullName}/pull/${i.number}.patch`),
        merged_at: null,
      };
    }
    return out;
  }

  issueComment(repo: RepoState, c: CommentState): Schemas['issue-comment'] {
    const url = `${this.api}/repos/${repo.fullName}/issues/comments/${c.id}`;
    const isPull = Boolean(repo.issues.get(c.issueNumber)?.pull);
    return {
      id: c.id,
      node_id: Buffer.from(`012:IssueComment${c.id}`).toString('base64'),
      url,
      html_url: this.web(`${repo.fullName}/${isPull ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`),
      body: c.body,
      user: this.user(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${this.api}/repos/${repo.fullName}/issues/${c.issueNumber}`,
      author_association: this.association(repo, c.user),
      reactions: this.reactionRollup(`${url}/reactions`, c.reactions),
    };
  }

  reaction(r: ReactionState): Schemas['reaction'] {
    return {
      id: r.id,
      node_id: Buffer.from(`08:Reaction${r.id}`).toString('base64'),
      user: this.user(r.user),
      content: r.content as Schemas['reaction']['content'],
      created_at: r.created_at,
    };
  }

  private branchEnd(pull: PullState, side: 'head' | 'base', pullNumber: number, baseRepo: RepoState): Schemas['pull-request']['head'] {
    const repo = side === 'head' ? this.state.repo(pull.headRepo) : baseRepo;
    const ref = side === 'head' ? pull.headRef : pull.baseRef;
    const sha = side === 'head' ? (this.state.headSha(pull) ?? '0'.repeat(40)) : pull.baseSha;
    void pullNumber;
    return {
      label: `${repo?.owner ?? 'ghost'}:${ref}`,
      ref,
      sha,
      user: this.user(repo?.owner ?? 'ghost'),
      repo: repo ? (this.repoSummary(repo) as Schemas['pull-request']['head']['repo']) : (null as unknown as Schemas['pull-request']['head']['repo']),
    };
  }

  pull(repo: RepoState, i: IssueState & { pull: PullState }): Schemas['pull-request'] {
    const base = example<Schemas['pull-request']>('pull-request');
    const url = `${this.api}/repos/${repo.fullName}/pulls/${i.number}`;
    const issue = this.issue(repo, i);
    const files = this.pullFiles(repo, i);
    const headSha = this.state.headSha(i.pull);
    return {
      ...base,
      url,
      id: i.id,
      node_id: Buffer.from(`011:PullRequest${i.id}`).toString('base64'),
      html_url: this.web(`${repo.fullName}/pull/${i.number}`),
      diff_url: this.web(`${repo.fullName}/pull/${i.number}.diff`),
      patch_url: this.web(`${repo.fullName}/pull/${i.number}.patch`),
      issue_url: issue.url,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.api}/repos/${repo.fullName}/pulls/comments{/number}`,
      comments_url: issue.comments_url,
      statuses_url: `${this.api}/repos/${repo.fullName}/statuses/${headSha ?? ''}`,
      number: i.number,
      state: i.state,
      locked: false,
      title: i.title,
      user: issue.user!,
      body: i.body,
      labels: issue.labels as Schemas['pull-request']['labels'],
      milestone: null,
      active_lock_reason: null,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: this.branchEnd(i.pull, 'head', i.number, repo),
      base: this.branchEnd(i.pull, 'base', i.number, repo),
      _links: {
        self: { href: url },
        html: { href: this.web(`${repo.fullName}/pull/${i.number}`) },
        issue: { href: issue.url },
        comments: { href: issue.comments_url },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${this.api}/repos/${repo.fullName}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${this.api}/repos/${repo.fullName}/statuses/${headSha ?? ''}` },
      },
      author_association: this.association(repo, i.user),
      auto_merge: null,
      draft: i.pull.draft,
      merged: i.pull.merged,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments: issue.comments,
      review_comments: [...this.state.reviewComments.values()].filter((c) => c.repo === repo.fullName && c.pullNumber === i.number).length,
      maintainer_can_modify: i.pull.maintainerCanModify,
      commits: 1,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changed_files: files.length,
    };
  }

  /** `pull-request-simple`, as `GET /pulls` lists them. */
  pullSimple(repo: RepoState, i: IssueState & { pull: PullState }): Schemas['pull-request-simple'] {
    const {
      merged: _m, mergeable: _a, rebaseable: _b, mergeable_state: _c, merged_by: _d, comments: _e, review_comments: _f,
      maintainer_can_modify: _g, commits: _h, additions: _i, deletions: _j, changed_files: _k, ...simple
    } = this.pull(repo, i);
    return simple as Schemas['pull-request-simple'];
  }

  /** Files the PR changes, with GitHub-format patches (base commit → head commit). */
  pullFiles(repo: RepoState, i: IssueState & { pull: PullState }): Schemas['diff-entry'][] {
    const headSha = this.state.headSha(i.pull);
    if (!headSha) return [];
    const before = this.state.git.flatten(this.state.git.commit(i.pull.baseSha)!.tree);
    const after = this.state.git.flatten(this.state.git.commit(headSha)!.tree);
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    const out: Schemas['diff-entry'][] = [];
    for (const path of paths) {
      const a = before.get(path);
      const b = after.get(path);
      if (a?.sha === b?.sha) continue;
      const oldText = a ? this.state.git.blob(a.sha)!.content.toString('utf8') : '';
      const newText = b ? this.state.git.blob(b.sha)!.content.toString('utf8') : '';
      const { additions, deletions } = countChanges(oldText, newText);
      const headRepo = i.pull.headRepo;
      out.push({
        sha: (b ?? a)!.sha,
        filename: path,
        status: !a ? 'added' : !b ? 'removed' : 'modified',
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: this.web(`${headRepo}/blob/${headSha}/${path}`),
        raw_url: this.web(`${headRepo}/raw/${headSha}/${path}`),
        contents_url: `${this.api}/repos/${headRepo}/contents/${path}?ref=${headSha}`,
        patch: unifiedPatch(oldText, newText),
      });
    }
    return out;
  }

  reviewComment(repo: RepoState, c: ReviewCommentState): Schemas['pull-request-review-comment'] {
    const url = `${this.api}/repos/${repo.fullName}/pulls/comments/${c.id}`;
    const pullUrl = `${this.api}/repos/${repo.fullName}/pulls/${c.pullNumber}`;
    return {
      url,
      pull_request_review_id: c.reviewId,
      id: c.id,
      node_id: Buffer.from(`024:PullRequestReviewComment${c.id}`).toString('base64'),
      diff_hunk: c.diffHunk,
      path: c.path,
      position: 1,
      original_position: 1,
      commit_id: c.commitId,
      original_commit_id: c.commitId,
      in_reply_to_id: c.inReplyTo ?? undefined,
      user: this.user(c.user),
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: this.web(`${repo.fullName}/pull/${c.pullNumber}#discussion_r${c.id}`),
      pull_request_url: pullUrl,
      author_association: this.association(repo, c.user),
      _links: { self: { href: url }, html: { href: this.web(`${repo.fullName}/pull/${c.pullNumber}#discussion_r${c.id}`) }, pull_request: { href: pullUrl } },
      start_line: c.startLine,
      original_start_line: c.startLine,
      start_side: c.startLine === null ? null : c.side,
      line: c.line,
      original_line: c.line,
      side: c.side,
      subject_type: 'line',
      reactions: this.reactionRollup(`${url}/reactions`, c.reactions),
    };
  }

  review(repo: RepoState, r: ReviewState): Schemas['pull-request-review'] {
    const pullUrl = `${this.api}/repos/${repo.fullName}/pulls/${r.pullNumber}`;
    const html = this.web(`${repo.fullName}/pull/${r.pullNumber}#pullrequestreview-${r.id}`);
    return {
      id: r.id,
      node_id: Buffer.from(`017:PullRequestReview${r.id}`).toString('base64'),
      user: this.user(r.user),
      body: r.body,
      state: r.state,
      html_url: html,
      pull_request_url: pullUrl,
      _links: { html: { href: html }, pull_request: { href: pullUrl } },
      submitted_at: r.submittedAt,
      commit_id: r.commitId,
      author_association: this.association(repo, r.user),
    };
  }

  diffHunk(repo: RepoState, pull: PullState, path: string, line: number, side: 'LEFT' | 'RIGHT'): string {
    void repo;
    const headSha = this.state.headSha(pull)!;
    return diffHunkUpTo(this.state.fileAtCommit(pull.baseSha, path) ?? '', this.state.fileAtCommit(headSha, path) ?? '', line, side);
  }

  gitCommit(repo: RepoState, sha: string): Schemas['git-commit'] {
    const c = this.state.git.commit(sha)!;
    return {
      sha,
      node_id: Buffer.from(`06:Commit${sha}`).toString('base64'),
      url: `${this.api}/repos/${repo.fullName}/git/commits/${sha}`,
      html_url: this.web(`${repo.fullName}/commit/${sha}`),
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${this.api}/repos/${repo.fullName}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({ sha: p, url: `${this.api}/repos/${repo.fullName}/git/commits/${p}`, html_url: this.web(`${repo.fullName}/commit/${p}`) })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  /** `commit` (GET /repos/{owner}/{repo}/commits/{ref}). */
  commit(repo: RepoState, sha: string): Schemas['commit'] {
    const g = this.gitCommit(repo, sha);
    return {
      url: `${this.api}/repos/${repo.fullName}/commits/${sha}`,
      sha,
      node_id: g.node_id,
      html_url: g.html_url,
      comments_url: `${this.api}/repos/${repo.fullName}/commits/${sha}/comments`,
      commit: {
        url: g.url,
        author: g.author,
        committer: g.committer,
        message: g.message,
        comment_count: 0,
        tree: g.tree,
        verification: g.verification,
      },
      author: null,
      committer: null,
      parents: g.parents,
    };
  }

  gitRef(repo: RepoState, ref: string, sha: string): Schemas['git-ref'] {
    return {
      ref,
      node_id: Buffer.from(`03:Ref${repo.id}${ref}`).toString('base64'),
      url: `${this.api}/repos/${repo.fullName}/git/${ref}`,
      object: { type: 'commit', sha, url: `${this.api}/repos/${repo.fullName}/git/commits/${sha}` },
    };
  }

  gitTree(repo: RepoState, sha: string, recursive: boolean): Schemas['git-tree'] {
    const entries: Schemas['git-tree']['tree'] = [];
    const walk = (treeSha: string, prefix: string): void => {
      for (const e of this.state.git.tree(treeSha)?.entries ?? []) {
        const path = prefix + e.path;
        const size = e.type === 'blob' ? this.state.git.blob(e.sha)?.content.length : undefined;
        entries.push({
          path,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
          ...(size === undefined ? {} : { size }),
          url: `${this.api}/repos/${repo.fullName}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        });
        if (recursive && e.type === 'tree') walk(e.sha, path + '/');
      }
    };
    walk(sha, '');
    return { sha, url: `${this.api}/repos/${repo.fullName}/git/trees/${sha}`, tree: entries, truncated: false };
  }

  checkRun(repo: RepoState, c: CheckRunState): Schemas['check-run'] {
    const url = `${this.api}/repos/${repo.fullName}/check-runs/${c.id}`;
    return {
      id: c.id,
      head_sha: c.headSha,
      node_id: Buffer.from(`08:CheckRun${c.id}`).toString('base64'),
      external_id: c.externalId,
      url,
      html_url: this.web(`${repo.fullName}/runs/${c.id}`),
      details_url: c.detailsUrl,
      status: c.status as Schemas['check-run']['status'],
      conclusion: c.conclusion as Schemas['check-run']['conclusion'],
      started_at: c.startedAt,
      completed_at: c.completedAt,
      output: { ...c.output, annotations_count: c.annotations.length, annotations_url: `${url}/annotations` },
      name: c.name,
      check_suite: { id: c.id },
      app: null,
      pull_requests: [],
    };
  }
}
