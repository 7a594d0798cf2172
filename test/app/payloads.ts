/**
 * Webhook payloads for the App's tests: GitHub's own examples
 * (`@octokit/webhooks-examples`) with the repository, installation, pull
 * request and sender of the test put in.
 */
import { createRequire } from 'node:module';

type Json = Record<string, unknown>;
interface Definition {
  name: string;
  examples: Json[];
}

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as Definition[];

function example(name: string, action: string): Json {
  const found = definitions.find((d) => d.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name}.${action} example`);
  return structuredClone(found);
}

export interface Actor {
  login: string;
  type?: 'User' | 'Bot';
}

function actor(a: Actor): Json {
  return { login: a.login, id: 1000 + a.login.length, type: a.type ?? 'User' };
}

function installation(id: number): Json {
  return { id, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };
}

function repository(owner: string, repo: string, defaultBranch: string, base: Json): Json {
  const r = (base.repository ?? {}) as Json;
  return {
    ...r,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...(r.owner as Json), login: owner },
    default_branch: defaultBranch,
  };
}

export interface PullRequestPayloadOptions {
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review';
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha?: string;
  installationId: number;
  sender?: Actor;
  defaultBranch?: string;
  /** Fields of the `pull_request` object as the API would return it (e.g. from the fake). */
  pullRequest?: Json;
}

export function pullRequestPayload(o: PullRequestPayloadOptions): Json {
  const base = example('pull_request', o.action);
  const pr = (base.pull_request ?? {}) as Json;
  const sender = actor(o.sender ?? { login: 'contributor' });
  return {
    ...base,
    action: o.action,
    number: o.number,
    pull_request: {
      ...pr,
      ...o.pullRequest,
      number: o.number,
      user: sender,
      head: { ...(pr.head as Json), ...(o.pullRequest?.head as Json | undefined), sha: o.headSha },
      base: { ...(pr.base as Json), ...(o.pullRequest?.base as Json | undefined), sha: o.baseSha ?? '0'.repeat(40) },
    },
    repository: repository(o.owner, o.repo, o.defaultBranch ?? 'main', base),
    installation: installation(o.installationId),
    sender,
  };
}

export interface IssueCommentPayloadOptions {
  owner: string;
  repo: string;
  number: number;
  installationId: number;
  /** The comment as the API returns it (id, body, user), e.g. from the fake. */
  comment: Json & { id: number; body: string };
  sender: Actor;
  onPullRequest?: boolean;
  defaultBranch?: string;
}

export function issueCommentPayload(o: IssueCommentPayloadOptions): Json {
  const base = example('issue_comment', 'created');
  const issue = (base.issue ?? {}) as Json;
  const sender = actor(o.sender);
  return {
    ...base,
    action: 'created',
    issue: {
      ...issue,
      number: o.number,
      pull_request:
        o.onPullRequest === false
          ? undefined
          : { url: `https://api.github.com/repos/${o.owner}/${o.repo}/pulls/${o.number}`, html_url: '', diff_url: '', patch_url: '' },
    },
    comment: { ...(base.comment as Json), ...o.comment, user: sender },
    repository: repository(o.owner, o.repo, o.defaultBranch ?? 'main', base),
    installation: installation(o.installationId),
    sender,
  };
}

export interface CheckRunRerequestOptions {
  owner: string;
  repo: string;
  installationId: number;
  name: string;
  headSha: string;
  pullNumbers: number[];
  sender?: Actor;
}

/** `check_run.rerequested`: someone pressed "Re-run" on a check run. */
export function checkRunRerequestedPayload(o: CheckRunRerequestOptions): Json {
  const base = example('check_run', 'rerequested');
  const run = (base.check_run ?? {}) as Json;
  return {
    ...base,
    action: 'rerequested',
    check_run: {
      ...run,
      name: o.name,
      head_sha: o.headSha,
      pull_requests: o.pullNumbers.map((number) => ({ number, head: { sha: o.headSha }, base: {} })),
    },
    repository: repository(o.owner, o.repo, 'main', base),
    installation: installation(o.installationId),
    sender: actor(o.sender ?? { login: 'maint' }),
  };
}

export interface CheckSuiteRerequestOptions {
  owner: string;
  repo: string;
  installationId: number;
  headSha: string;
  pullNumbers: number[];
  sender?: Actor;
}

/** "Re-run all checks" on the App's check suite. */
export function checkSuiteRerequestedPayload(o: CheckSuiteRerequestOptions): Json {
  const base = example('check_suite', 'rerequested');
  const suite = (base.check_suite ?? {}) as Json;
  return {
    ...base,
    action: 'rerequested',
    check_suite: {
      ...suite,
      head_sha: o.headSha,
      pull_requests: o.pullNumbers.map((number) => ({ number, head: { sha: o.headSha }, base: {} })),
    },
    repository: repository(o.owner, o.repo, 'main', base),
    installation: installation(o.installationId),
    sender: actor(o.sender ?? { login: 'maint' }),
  };
}

export interface IssueLabeledPayloadOptions {
  owner: string;
  repo: string;
  number: number;
  installationId: number;
  /** The issue's text (the form's answers). */
  body: string;
  label: string;
  sender: Actor;
  onPullRequest?: boolean;
}

/** `issues.labeled`: someone put a label on an issue (a "Suggest an article" one, say). */
export function issueLabeledPayload(o: IssueLabeledPayloadOptions): Json {
  const base = example('issues', 'labeled');
  const sender = actor(o.sender);
  return {
    ...base,
    action: 'labeled',
    issue: {
      ...(base.issue as Json),
      number: o.number,
      body: o.body,
      state: 'open',
      pull_request: o.onPullRequest ? { url: `https://api.github.com/repos/${o.owner}/${o.repo}/pulls/${o.number}` } : undefined,
    },
    label: { ...(base.label as Json), name: o.label },
    repository: repository(o.owner, o.repo, 'main', base),
    installation: installation(o.installationId),
    sender,
  };
}
