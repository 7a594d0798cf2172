/** Repositories, permissions, check runs, apps and users. */
import { HttpError, invalid, notFound, num, repoOf, str, writableRepo, type FakeRequest, type Handler } from './handler.js';
import { timestamp, type AnnotationState, type CheckRunState, type RepoState } from './state.js';

const getRepo: Handler = (req) => ({ status: 200, body: req.shapes.repo(repoOf(req), req.token?.login ?? null) });

const getPermission: Handler = (req) => {
  const repo = repoOf(req);
  const login = req.params.username!;
  if (!req.state.users.has(login)) throw new HttpError(404, `${login} is not a user`);
  const permission = req.state.permissionOf(repo, login);
  // The endpoint folds maintain into write and triage into read; role_name keeps the exact role.
  const legacy = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
  return {
    status: 200,
    body: { permission: legacy, role_name: permission, user: { ...req.shapes.user(login), role_name: permission, permissions: { admin: legacy === 'admin', maintain: false, push: legacy === 'admin' || legacy === 'write', triage: false, pull: legacy !== 'none' } } },
  };
};

const MAX_ANNOTATIONS = 50;

function annotationsOf(body: Record<string, unknown>): AnnotationState[] {
  const output = body.output as { annotations?: unknown } | undefined;
  const list = output?.annotations;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid('Invalid request.\n\nFor \'properties/annotations\', is not an array.');
  if (list.length > MAX_ANNOTATIONS) throw invalid('Invalid request.\n\nOnly 50 annotations are allowed per request.');
  for (const a of list as Array<Record<string, unknown>>) {
    for (const key of ['path', 'start_line', 'end_line', 'annotation_level', 'message']) {
      if (!(key in a)) throw invalid(`Invalid request.\n\n"${key}" wasn't supplied.`);
    }
    if (!['notice', 'warning', 'failure'].includes(String(a.annotation_level))) throw invalid('Invalid request.\n\nannotation_level is not a member of ["notice", "warning", "failure"].');
  }
  return list as AnnotationState[];
}

function applyCheckFields(run: CheckRunState, body: Record<string, unknown>): void {
  const status = str(body, 'status');
  const conclusion = str(body, 'conclusion');
  if (conclusion) {
    run.conclusion = conclusion;
    run.status = 'completed';
    run.completedAt = str(body, 'completed_at') ?? timestamp();
  } else if (status) {
    if (status === 'completed') throw invalid('Invalid request.\n\n"conclusion" wasn\'t supplied.');
    run.status = status;
  }
  if (str(body, 'started_at')) run.startedAt = str(body, 'started_at')!;
  if (str(body, 'details_url')) run.detailsUrl = str(body, 'details_url')!;
  if (str(body, 'external_id')) run.externalId = str(body, 'external_id')!;
  if (str(body, 'name')) run.name = str(body, 'name')!;
  const output = body.output as Record<string, unknown> | undefined;
  if (output) {
    if (typeof output.title !== 'string' || typeof output.summary !== 'string') throw invalid('Invalid request.\n\n"title", "summary" weren\'t supplied.');
    if (output.summary.length > 65535) throw invalid('Invalid request.\n\nOnly 65535 characters are allowed in the summary.');
    run.output = { title: output.title, summary: output.summary, text: typeof output.text === 'string' ? output.text : run.output.text };
    // Annotations accumulate over updates, as on GitHub.
    run.annotations.push(...annotationsOf(body));
  }
}

function checkRunOf(req: FakeRequest, repo: RepoState): CheckRunState {
  const run = req.state.checkRuns.get(num(req.params.check_run_id));
  if (!run || run.repo !== repo.fullName) throw notFound();
  return run;
}

const createCheckRun: Handler = (req) => {
  const repo = writableRepo(req);
  const name = str(req.body, 'name');
  const headSha = str(req.body, 'head_sha');
  if (!name || !headSha) throw invalid('Invalid request.\n\n"name", "head_sha" weren\'t supplied.');
  if (!req.state.git.commit(headSha)) throw invalid('No commit found for SHA: ' + headSha);
  const run: CheckRunState = {
    id: req.state.id(),
    repo: repo.fullName,
    name,
    headSha,
    status: 'queued',
    conclusion: null,
    startedAt: timestamp(),
    completedAt: null,
    externalId: null,
    detailsUrl: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    app: req.token?.login ?? '',
  };
  applyCheckFields(run, req.body);
  req.state.checkRuns.set(run.id, run);
  return { status: 201, body: req.shapes.checkRun(repo, run) };
};

const updateCheckRun: Handler = (req) => {
  const repo = writableRepo(req);
  const run = checkRunOf(req, repo);
  applyCheckFields(run, req.body);
  return { status: 200, body: req.shapes.checkRun(repo, run) };
};

const listForRef: Handler = (req) => {
  const repo = repoOf(req);
  const sha = req.state.resolve(repo, req.params.ref!);
  const name = req.query.get('check_name');
  const runs = [...req.state.checkRuns.values()].filter((r) => r.repo === repo.fullName && r.headSha === sha && (!name || r.name === name));
  return { status: 200, body: { total_count: runs.length, check_runs: runs.map((r) => req.shapes.checkRun(repo, r)) } };
};

const listAnnotations: Handler = (req) => {
  const repo = repoOf(req);
  const run = checkRunOf(req, repo);
  const blobHref = (path: string): string => `https://github.com/${repo.fullName}/blob/${run.headSha}/${path}`;
  return {
    status: 200,
    body: run.annotations.map((a) => ({
      path: a.path,
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
      blob_href: blobHref(a.path),
    })),
    paginate: true,
  };
};

function installationBody(req: FakeRequest, id: number): Record<string, unknown> {
  const inst = req.state.installations.get(id);
  if (!inst) throw notFound();
  const account = req.shapes.user(inst.account);
  return {
    id: inst.id,
    account,
    repository_selection: 'selected',
    access_tokens_url: `${req.shapes.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${req.shapes.api}/installation/repositories`,
    html_url: `https://github.com/settings/installations/${inst.id}`,
    app_id: 1,
    app_slug: inst.appSlug,
    target_id: account.id,
    target_type: account.type,
    permissions: { checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write', metadata: 'read' },
    events: ['pull_request', 'issue_comment'],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

function requireJwt(req: FakeRequest): void {
  if (!req.appJwt) throw new HttpError(401, 'A JSON web token could not be decoded');
}

const createInstallationToken: Handler = (req) => {
  requireJwt(req);
  const inst = req.state.installations.get(num(req.params.installation_id));
  if (!inst) throw notFound();
  const token = `ghs_fake${req.state.id()}`;
  req.state.tokens.set(token, { token, login: inst.botLogin, write: [...inst.repos], asCollaborator: false, pushToForks: true, installationId: inst.id });
  req.state.user(inst.botLogin, 'Bot');
  return {
    status: 201,
    body: { token, expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), permissions: { checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write', metadata: 'read' }, repository_selection: 'selected' },
  };
};

const getRepoInstallation: Handler = (req) => {
  requireJwt(req);
  const full = `${req.params.owner}/${req.params.repo}`.toLowerCase();
  const inst = [...req.state.installations.values()].find((i) => i.repos.some((r) => r.toLowerCase() === full));
  if (!inst) throw notFound();
  return { status: 200, body: installationBody(req, inst.id) };
};

const listInstallations: Handler = (req) => {
  requireJwt(req);
  return { status: 200, body: [...req.state.installations.keys()].map((id) => installationBody(req, id)), paginate: true };
};

const listInstallationRepos: Handler = (req) => {
  const id = req.token?.installationId;
  if (id === null || id === undefined) throw new HttpError(403, 'This endpoint requires an installation token');
  const inst = req.state.installations.get(id)!;
  const repos = inst.repos.map((r) => req.state.repo(r)).filter((r): r is RepoState => Boolean(r));
  return { status: 200, body: { total_count: repos.length, repositories: repos.map((r) => req.shapes.repo(r, inst.botLogin)) } };
};

const getApp: Handler = (req) => {
  requireJwt(req);
  const slug = [...req.state.installations.values()][0]?.appSlug ?? 'listkeeper';
  return {
    status: 200,
    body: {
      id: 1,
      slug,
      node_id: 'MDM6QXBwMQ==',
      client_id: 'Iv1.fake',
      owner: req.shapes.user('listkeeper-org'),
      name: slug,
      description: 'fake app',
      external_url: 'https://example.invalid',
      html_url: `https://github.com/apps/${slug}`,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      permissions: { checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write', metadata: 'read' },
      events: ['pull_request', 'issue_comment'],
    },
  };
};

/** `public-user`: a simple user plus profile fields. */
function publicUser(req: FakeRequest, login: string): Record<string, unknown> {
  const profile = { name: null, company: null, blog: '', location: null, email: null, hireable: null, bio: null, public_repos: 0, public_gists: 0, followers: 0, following: 0 };
  return { ...req.shapes.user(login), ...profile, created_at: '2020-01-01T00:00:00Z', updated_at: '2020-01-01T00:00:00Z' };
}

const getAuthenticatedUser: Handler = (req) => {
  if (!req.token) throw new HttpError(401, 'Requires authentication');
  // Like GitHub, installation and workflow tokens cannot call GET /user.
  if (!req.token.asCollaborator) throw new HttpError(403, 'Resource not accessible by integration');
  return { status: 200, body: publicUser(req, req.token.login) };
};

const getUser: Handler = (req) => {
  if (!req.state.users.has(req.params.username!)) throw notFound();
  return { status: 200, body: publicUser(req, req.params.username!) };
};

export const repoRoutes: Record<string, Handler> = {
  'repos/get': getRepo,
  'repos/get-collaborator-permission-level': getPermission,
  'checks/create': createCheckRun,
  'checks/update': updateCheckRun,
  'checks/get': (req) => {
    const repo = repoOf(req);
    return { status: 200, body: req.shapes.checkRun(repo, checkRunOf(req, repo)) };
  },
  'checks/list-for-ref': listForRef,
  'checks/list-annotations': listAnnotations,
  'apps/create-installation-access-token': createInstallationToken,
  'apps/get-repo-installation': getRepoInstallation,
  'apps/list-installations': listInstallations,
  'apps/list-repos-accessible-to-installation': listInstallationRepos,
  'apps/get-authenticated': getApp,
  'users/get-authenticated': getAuthenticatedUser,
  'users/get-by-username': getUser,
};
