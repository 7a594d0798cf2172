import type { CommentEvent } from '../github/commands/command-parse.js';
import type { IssueLabelEvent } from '../github/commands/add/add-issue.js';

/**
 * Reading webhook payloads defensively. Probot checks the signature, not the
 * shape: a payload that lacks what a handler needs is logged and dropped
 * (never a crash, never a half-done job). Also who caused an event, so the
 * App never acts on its own comments or pushes and never loops.
 */

export interface Sender {
  login: string;
  type: string;
}

export interface RepoEventBase {
  owner: string;
  repo: string;
  installationId: number;
  defaultBranch: string;
  sender: Sender;
}

export interface PullRequestEvent extends RepoEventBase {
  pullNumber: number;
  headSha: string;
}

export interface IssueCommentEvent extends RepoEventBase {
  /** The fields the shared command workflow reads. */
  comment: CommentEvent;
}

export interface IssueLabeledEvent extends RepoEventBase {
  /** The fields the shared `/add` workflow reads. */
  label: IssueLabelEvent;
}

export type EventRead<T> = { ok: true; event: T } | { ok: false; error: string };

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function readBase(payload: unknown): EventRead<RepoEventBase> {
  const p = obj(payload);
  if (!p) return { ok: false, error: 'the payload is not an object' };
  const repository = obj(p.repository);
  const owner = str(obj(repository?.owner)?.login);
  const repo = str(repository?.name);
  if (!owner || !repo) return { ok: false, error: 'the payload has no repository' };
  const installationId = int(obj(p.installation)?.id);
  if (!installationId) return { ok: false, error: 'the payload has no installation' };
  const sender = obj(p.sender);
  const login = str(sender?.login);
  if (!login) return { ok: false, error: 'the payload has no sender' };
  return {
    ok: true,
    event: {
      owner,
      repo,
      installationId,
      defaultBranch: str(repository?.default_branch) ?? 'main',
      sender: { login, type: str(sender?.type) ?? 'User' },
    },
  };
}

export function readPullRequestEvent(payload: unknown): EventRead<PullRequestEvent> {
  const base = readBase(payload);
  if (!base.ok) return base;
  const pull = obj(obj(payload)?.pull_request);
  const pullNumber = int(pull?.number);
  const headSha = str(obj(pull?.head)?.sha);
  if (!pullNumber || !headSha || !/^[0-9a-f]{40}$/i.test(headSha)) {
    return { ok: false, error: 'the payload has no pull request number and head commit' };
  }
  return { ok: true, event: { ...base.event, pullNumber, headSha } };
}

export function readIssueCommentEvent(payload: unknown): EventRead<IssueCommentEvent> {
  const base = readBase(payload);
  if (!base.ok) return base;
  const p = obj(payload);
  const issue = obj(p?.issue);
  const comment = obj(p?.comment);
  const issueNumber = int(issue?.number);
  const commentId = int(comment?.id);
  const body = typeof comment?.body === 'string' ? comment.body : null;
  const action = str(p?.action);
  if (!issueNumber || !commentId || body === null || !action) return { ok: false, error: 'the payload has no issue and comment' };
  const author = obj(comment?.user);
  const authorLogin = str(author?.login);
  const issueAuthor = str(obj(issue?.user)?.login);
  return {
    ok: true,
    event: {
      ...base.event,
      comment: {
        action,
        issue: {
          number: issueNumber,
          ...(obj(issue?.pull_request) ? { pull_request: issue?.pull_request } : {}),
          user: issueAuthor ? { login: issueAuthor } : null,
        },
        comment: { id: commentId, body, user: authorLogin ? { login: authorLogin, type: str(author?.type) ?? 'User' } : null },
      },
    },
  };
}

/** `issues.labeled`: maybe a "Suggest an article" issue a maintainer wants added (the workflow checks the label). */
export function readIssueLabeledEvent(payload: unknown): EventRead<IssueLabeledEvent> {
  const base = readBase(payload);
  if (!base.ok) return base;
  const p = obj(payload);
  const issue = obj(p?.issue);
  const issueNumber = int(issue?.number);
  const labelName = str(obj(p?.label)?.name);
  const action = str(p?.action);
  if (!issueNumber || !action) return { ok: false, error: 'the payload has no issue' };
  return {
    ok: true,
    event: {
      ...base.event,
      label: {
        action,
        label: labelName ? { name: labelName } : null,
        issue: {
          number: issueNumber,
          body: typeof issue?.body === 'string' ? issue.body : null,
          state: str(issue?.state) ?? 'open',
          ...(obj(issue?.pull_request) ? { pull_request: issue?.pull_request } : {}),
        },
        sender: { login: base.event.sender.login, type: base.event.sender.type },
      },
    },
  };
}

/**
 * `check_run.rerequested` on the App's check run (someone pressed "Re-run"):
 * one pull-request event per PR the run belongs to, at the run's commit.
 * GitHub lists no PRs for runs on fork PRs; those re-run on the next push.
 */
export function readCheckRunRerequest(payload: unknown, checkName: string): EventRead<PullRequestEvent[]> {
  const base = readBase(payload);
  if (!base.ok) return base;
  const run = obj(obj(payload)?.check_run);
  const headSha = str(run?.head_sha);
  if (!run || !headSha) return { ok: false, error: 'the payload has no check run' };
  if (run.name !== checkName) return { ok: false, error: `not the ${checkName} check run` };
  return { ok: true, event: pullRequestsAt(run.pull_requests, base.event, headSha) };
}

/**
 * `check_suite.rerequested` ("Re-run all checks"): GitHub sends it only to the
 * App whose suite it is, so it is the App's own check run to redo: one event
 * per PR of the suite, at the suite's commit (none for fork PRs, as above).
 */
export function readCheckSuiteRerequest(payload: unknown): EventRead<PullRequestEvent[]> {
  const base = readBase(payload);
  if (!base.ok) return base;
  const suite = obj(obj(payload)?.check_suite);
  const headSha = str(suite?.head_sha);
  if (!suite || !headSha) return { ok: false, error: 'the payload has no check suite' };
  return { ok: true, event: pullRequestsAt(suite.pull_requests, base.event, headSha) };
}

function pullRequestsAt(pullRequests: unknown, base: RepoEventBase, headSha: string): PullRequestEvent[] {
  const pulls = Array.isArray(pullRequests) ? pullRequests : [];
  return pulls
    .map((pull) => int(obj(pull)?.number))
    .filter((n): n is number => n !== null)
    .map((pullNumber) => ({ ...base, pullNumber, headSha }));
}

/** The App's own bot account caused this (its comment, its push to a fix-up branch). */
export function isOwnEvent(sender: Sender, selfLogin: string | null): boolean {
  return sender.type === 'Bot' && selfLogin !== null && sender.login.toLowerCase() === selfLogin.toLowerCase();
}

