/** The fake GitHub's state: repositories, git data, issues and pulls, comments, check runs, tokens. */
import { GitStore, type FileMap, type Signature } from './git.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
const RANK: Record<Permission, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function atLeast(p: Permission, min: Permission): boolean {
  return RANK[p] >= RANK[min];
}

export interface UserState {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface ReactionState {
  id: number;
  user: string;
  content: string;
  created_at: string;
}

export interface PullState {
  headRepo: string;
  headRef: string;
  baseRef: string;
  /** The base commit the PR's diff is computed against (GitHub: the merge base). */
  baseSha: string;
  maintainerCanModify: boolean;
  draft: boolean;
  merged: boolean;
}

export interface IssueState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  user: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reactions: ReactionState[];
  pull: PullState | null;
}

export interface CommentState {
  id: number;
  repo: string;
  issueNumber: number;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionState[];
}

export interface ReviewCommentState {
  id: number;
  repo: string;
  pullNumber: number;
  reviewId: number;
  path: string;
  line: number;
  side: 'LEFT' | 'RIGHT';
  startLine: number | null;
  commitId: string;
  body: string;
  user: string;
  diffHunk: string;
  inReplyTo: number | null;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionState[];
}

export interface ReviewState {
  id: number;
  repo: string;
  pullNumber: number;
  user: string;
  body: string;
  state: string;
  commitId: string;
  submittedAt: string;
}

export interface AnnotationState {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunState {
  id: number;
  repo: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationState[];
  app: string;
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  /** `owner/name` of the repository this one is a fork of. */
  parent: string | null;
  /** Full ref name (`refs/heads/main`) → commit sha. */
  refs: Map<string, string>;
  collaborators: Map<string, Permission>;
  labels: Map<string, LabelState>;
  issues: Map<number, IssueState>;
  nextNumber: number;
}

/**
 * What a token may do. `write` lists repositories the token can write (GITHUB_TOKEN:
 * the workflow's repository, or none on a fork's `pull_request`); `asCollaborator`
 * makes it a user token that writes wherever its user has write permission.
 * `pushToForks`: may push to a fork's PR branch when the author allows maintainer edits
 * (installation tokens can; GITHUB_TOKEN cannot).
 */
export interface TokenState {
  token: string;
  login: string;
  write: string[];
  asCollaborator: boolean;
  pushToForks: boolean;
  /** Set for installation tokens, so `GET /installation/repositories` can answer. */
  installationId: number | null;
}

export interface InstallationState {
  id: number;
  account: string;
  repos: string[];
  /** Login of the app's bot user (`my-app[bot]`). */
  botLogin: string;
  appSlug: string;
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const FILE_MODE = '100644';

export class FakeState {
  readonly git = new GitStore();
  readonly users = new Map<string, UserState>();
  readonly repos = new Map<string, RepoState>();
  readonly tokens = new Map<string, TokenState>();
  readonly comments = new Map<number, CommentState>();
  readonly reviewComments = new Map<number, ReviewCommentState>();
  readonly reviews = new Map<number, ReviewState>();
  readonly checkRuns = new Map<number, CheckRunState>();
  readonly installations = new Map<number, InstallationState>();
  private nextId = 1000;

  id(): number {
    return this.nextId++;
  }

  user(login: string, type?: UserState['type']): UserState {
    let u = this.users.get(login);
    if (!u) {
      u = { login, id: this.id(), type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') };
      this.users.set(login, u);
    }
    return u;
  }

  repo(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  signature(name = 'listkeeper-fake'): Signature {
    return { name, email: `${name}@users.noreply.github.com`, date: timestamp() };
  }

  /** Resolves a branch, tag, full ref or commit sha to a commit sha. */
  resolve(repo: RepoState, ref: string): string | undefined {
    for (const candidate of [ref, `refs/heads/${ref}`, `refs/tags/${ref}`, `refs/${ref}`]) {
      const sha = repo.refs.get(candidate);
      if (sha) return sha;
    }
    if (/^[0-9a-f]{40}$/.test(ref) && this.git.commit(ref)) return ref;
    return undefined;
  }

  /** The text of `path` at a commit, or null when absent. */
  fileAtCommit(commitSha: string, path: string): string | null {
    const entry = this.git.entryAt(commitSha, path);
    if (!entry || entry.type !== 'blob') return null;
    return this.git.blob(entry.sha)!.content.toString('utf8');
  }

  /** Makes a commit on `branch` that sets (string) or deletes (null) files; creates the branch from `from` if needed. */
  commitFiles(repo: RepoState, branch: string, files: Record<string, string | null>, opts: { message?: string; from?: string; author?: string } = {}): string {
    const refName = `refs/heads/${branch}`;
    const parent = repo.refs.get(refName) ?? (opts.from ? this.resolve(repo, opts.from) : undefined);
    const map: FileMap = parent ? this.git.flatten(this.git.commit(parent)!.tree) : new Map();
    for (const [path, content] of Object.entries(files)) {
      if (content === null) map.delete(path);
      else map.set(path, { mode: FILE_MODE, sha: this.git.putBlob(Buffer.from(content, 'utf8')) });
    }
    const sig = this.signature(opts.author);
    const sha = this.git.putCommit({
      tree: this.git.buildTree(map),
      parents: parent ? [parent] : [],
      message: opts.message ?? `Update ${Object.keys(files).join(', ')}`,
      author: sig,
      committer: sig,
    });
    repo.refs.set(refName, sha);
    return sha;
  }

  /** Pull requests are issues with `pull` set. */
  pull(repo: RepoState, number: number): (IssueState & { pull: PullState }) | undefined {
    const issue = repo.issues.get(number);
    return issue?.pull ? (issue as IssueState & { pull: PullState }) : undefined;
  }

  headSha(pull: PullState): string | undefined {
    const headRepo = this.repo(pull.headRepo);
    return headRepo?.refs.get(`refs/heads/${pull.headRef}`);
  }

  permissionOf(repo: RepoState, login: string): Permission {
    if (repo.owner.toLowerCase() === login.toLowerCase()) return 'admin';
    return repo.collaborators.get(login.toLowerCase()) ?? (repo.private ? 'none' : 'read');
  }

  /** May `token` read a private `repo`? */
  canRead(token: TokenState, repo: RepoState): boolean {
    if (this.canWrite(token, repo)) return true;
    return token.asCollaborator && atLeast(this.permissionOf(repo, token.login), 'read');
  }

  /** May `token` write to `repo`? `branch` lets a maintainer-edits push to a fork branch through. */
  canWrite(token: TokenState | null, repo: RepoState, branch?: string): boolean {
    if (!token) return false;
    if (token.write.some((r) => r.toLowerCase() === repo.fullName.toLowerCase())) return true;
    if (token.asCollaborator && atLeast(this.permissionOf(repo, token.login), 'write')) return true;
    if (!token.pushToForks) return false;
    // A fork's branch is writable through an open PR into a repo the token writes, when the author allows edits.
    for (const base of this.repos.values()) {
      if (base === repo || !token.write.some((r) => r.toLowerCase() === base.fullName.toLowerCase())) continue;
      for (const issue of base.issues.values()) {
        const p = issue.pull;
        if (!p || issue.state !== 'open' || !p.maintainerCanModify) continue;
        if (p.headRepo.toLowerCase() !== repo.fullName.toLowerCase()) continue;
        if (branch === undefined || branch === p.headRef) return true;
      }
    }
    return false;
  }
}
