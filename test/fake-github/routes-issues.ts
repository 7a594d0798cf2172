/** Issues, issue comments, labels, reactions and issue search. */
import { HttpError, commentBody, invalid, notFound, num, repoOf, str, writableRepo, type FakeRequest, type Handler } from './handler.js';
import { timestamp, type CommentState, type IssueState, type ReactionState, type RepoState } from './state.js';

function issueOf(req: FakeRequest, repo: RepoState): IssueState {
  const issue = repo.issues.get(num(req.params.issue_number));
  if (!issue) throw notFound();
  return issue;
}

function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((l) => (typeof l === 'string' ? l : typeof l === 'object' && l && 'name' in l ? String((l as { name: unknown }).name) : '')).filter(Boolean);
}

/** GitHub creates labels named on an issue when they do not exist yet. */
export function ensureLabel(req: FakeRequest, repo: RepoState, name: string): string {
  const key = name.toLowerCase();
  if (!repo.labels.has(key)) repo.labels.set(key, { id: req.state.id(), name, color: 'ededed', description: null });
  return repo.labels.get(key)!.name;
}

const listIssues: Handler = (req) => {
  const repo = repoOf(req);
  const state = req.query.get('state') ?? 'open';
  const labels = (req.query.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
  const creator = req.query.get('creator')?.toLowerCase();
  const direction = req.query.get('direction') ?? 'desc';
  const issues = [...repo.issues.values()]
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
    .filter((i) => !creator || i.user.toLowerCase() === creator)
    .sort((a, b) => (direction === 'asc' ? a.number - b.number : b.number - a.number));
  return { status: 200, body: issues.map((i) => req.shapes.issue(repo, i)), paginate: true };
};

const createIssue: Handler = (req) => {
  const repo = writableRepo(req);
  const title = str(req.body, 'title');
  if (!title) throw invalid('Validation Failed', [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
  const now = timestamp();
  const issue: IssueState = {
    id: req.state.id(),
    number: repo.nextNumber++,
    title,
    body: str(req.body, 'body') ?? null,
    state: 'open',
    stateReason: null,
    user: req.token!.login,
    labels: labelNames(req.body.labels).map((l) => ensureLabel(req, repo, l)),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    reactions: [],
    pull: null,
  };
  repo.issues.set(issue.number, issue);
  return { status: 201, body: req.shapes.issue(repo, issue) };
};

const getIssue: Handler = (req) => {
  const repo = repoOf(req);
  return { status: 200, body: req.shapes.issue(repo, issueOf(req, repo)) };
};

const updateIssue: Handler = (req) => {
  const repo = writableRepo(req);
  const issue = issueOf(req, repo);
  const title = str(req.body, 'title');
  if (title !== undefined) issue.title = title;
  if ('body' in req.body) issue.body = str(req.body, 'body') ?? null;
  if (Array.isArray(req.body.labels)) issue.labels = labelNames(req.body.labels).map((l) => ensureLabel(req, repo, l));
  const state = str(req.body, 'state');
  if (state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = timestamp();
    issue.stateReason = str(req.body, 'state_reason') ?? 'completed';
  } else if (state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = 'reopened';
  } else if (state !== undefined && state !== 'open' && state !== 'closed') {
    throw invalid('Validation Failed', [{ resource: 'Issue', code: 'invalid', field: 'state' }]);
  }
  issue.updatedAt = timestamp();
  return { status: 200, body: req.shapes.issue(repo, issue) };
};

function commentOf(req: FakeRequest, repo: RepoState): CommentState {
  const c = req.state.comments.get(num(req.params.comment_id));
  if (!c || c.repo !== repo.fullName) throw notFound();
  return c;
}

const listComments: Handler = (req) => {
  const repo = repoOf(req);
  const issue = issueOf(req, repo);
  const since = req.query.get('since');
  const comments = [...req.state.comments.values()]
    .filter((c) => c.repo === repo.fullName && c.issueNumber === issue.number)
    .filter((c) => !since || c.updatedAt >= since)
    .sort((a, b) => a.id - b.id);
  return { status: 200, body: comments.map((c) => req.shapes.issueComment(repo, c)), paginate: true };
};

const createComment: Handler = (req) => {
  const repo = writableRepo(req);
  const issue = issueOf(req, repo);
  const body = commentBody(req, 'IssueComment');
  const now = timestamp();
  const c: CommentState = { id: req.state.id(), repo: repo.fullName, issueNumber: issue.number, user: req.token!.login, body, createdAt: now, updatedAt: now, reactions: [] };
  req.state.comments.set(c.id, c);
  return { status: 201, body: req.shapes.issueComment(repo, c) };
};

const getComment: Handler = (req) => {
  const repo = repoOf(req);
  return { status: 200, body: req.shapes.issueComment(repo, commentOf(req, repo)) };
};

const updateComment: Handler = (req) => {
  const repo = writableRepo(req);
  const c = commentOf(req, repo);
  const body = commentBody(req, 'IssueComment');
  c.body = body;
  c.updatedAt = timestamp();
  return { status: 200, body: req.shapes.issueComment(repo, c) };
};

const deleteComment: Handler = (req) => {
  const repo = writableRepo(req);
  req.state.comments.delete(commentOf(req, repo).id);
  return { status: 204 };
};

const listRepoLabels: Handler = (req) => {
  const repo = repoOf(req);
  return { status: 200, body: [...repo.labels.values()].map((l) => req.shapes.label(repo, l)), paginate: true };
};

const getLabel: Handler = (req) => {
  const repo = repoOf(req);
  const label = repo.labels.get(req.params.name!.toLowerCase());
  if (!label) throw notFound();
  return { status: 200, body: req.shapes.label(repo, label) };
};

const createLabel: Handler = (req) => {
  const repo = writableRepo(req);
  const name = str(req.body, 'name');
  if (!name) throw invalid('Validation Failed', [{ resource: 'Label', code: 'missing_field', field: 'name' }]);
  if (repo.labels.has(name.toLowerCase())) throw invalid('Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  const label = { id: req.state.id(), name, color: str(req.body, 'color') ?? 'ededed', description: str(req.body, 'description') ?? null };
  repo.labels.set(name.toLowerCase(), label);
  return { status: 201, body: req.shapes.label(repo, label) };
};

const listIssueLabels: Handler = (req) => {
  const repo = repoOf(req);
  const issue = issueOf(req, repo);
  return { status: 200, body: issue.labels.map((n) => req.shapes.label(repo, repo.labels.get(n.toLowerCase())!)), paginate: true };
};

const addLabels: Handler = (req) => {
  const repo = writableRepo(req);
  const issue = issueOf(req, repo);
  const names = labelNames(Array.isArray(req.body.labels) ? req.body.labels : req.body.data);
  for (const name of names) {
    const canonical = ensureLabel(req, repo, name);
    if (!issue.labels.includes(canonical)) issue.labels.push(canonical);
  }
  return { status: 200, body: issue.labels.map((n) => req.shapes.label(repo, repo.labels.get(n.toLowerCase())!)) };
};

const removeLabel: Handler = (req) => {
  const repo = writableRepo(req);
  const issue = issueOf(req, repo);
  const before = issue.labels.length;
  issue.labels = issue.labels.filter((l) => l.toLowerCase() !== req.params.name!.toLowerCase());
  if (issue.labels.length === before) throw new HttpError(404, 'Label does not exist');
  return { status: 200, body: issue.labels.map((n) => req.shapes.label(repo, repo.labels.get(n.toLowerCase())!)) };
};

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

/** Adds a reaction; like GitHub, the same user's same reaction is answered with the existing one (200). */
export function react(req: FakeRequest, list: ReactionState[]): { status: number; body: unknown } {
  const content = str(req.body, 'content');
  if (!content || !REACTIONS.includes(content)) throw invalid('Validation Failed', [{ resource: 'Reaction', code: 'invalid', field: 'content' }]);
  const existing = list.find((r) => r.user === req.token!.login && r.content === content);
  if (existing) return { status: 200, body: req.shapes.reaction(existing) };
  const r: ReactionState = { id: req.state.id(), user: req.token!.login, content, created_at: timestamp() };
  list.push(r);
  return { status: 201, body: req.shapes.reaction(r) };
}

export function listReactions(req: FakeRequest, list: ReactionState[]): { status: number; body: unknown; paginate: true } {
  const content = req.query.get('content');
  return { status: 200, body: list.filter((r) => !content || r.content === content).map((r) => req.shapes.reaction(r)), paginate: true };
}

/** Parses GitHub's issue search syntax as far as the workflows use it. */
function searchFilter(q: string): (repoName: string, i: IssueState, commentText: string) => boolean {
  const tokens = q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
  const tests: Array<(repoName: string, i: IssueState, comments: string) => boolean> = [];
  for (const token of tokens) {
    const m = /^(-?)([a-z-]+):(.*)$/.exec(token);
    const value = (m ? m[3]! : token).replace(/^"|"$/g, '').toLowerCase();
    const negate = m?.[1] === '-';
    const key = m?.[2];
    let test: (repoName: string, i: IssueState, comments: string) => boolean;
    switch (key) {
      case 'repo':
        test = (r) => r.toLowerCase() === value;
        break;
      case 'is':
      case 'type':
      case 'state':
        test = (_r, i) =>
          value === 'issue' ? !i.pull : value === 'pr' || value === 'pull-request' ? Boolean(i.pull) : value === 'open' || value === 'closed' ? i.state === value : true;
        break;
      case 'label':
        test = (_r, i) => i.labels.some((l) => l.toLowerCase() === value);
        break;
      case 'author':
        test = (_r, i) => i.user.toLowerCase() === value;
        break;
      case 'in':
        test = () => true;
        break;
      default: {
        // Free text: GitHub matches words, ignoring punctuation such as `<!--`.
        const words = value.split(/[^a-z0-9]+/).filter(Boolean);
        test = (_r, i, comments) => {
          const hay = `${i.title}\n${i.body ?? ''}\n${comments}`.toLowerCase();
          return words.every((w) => hay.includes(w));
        };
      }
    }
    tests.push(negate ? (r, i, c) => !test(r, i, c) : test);
  }
  return (r, i, c) => tests.every((t) => t(r, i, c));
}

const searchIssues: Handler = (req) => {
  const q = req.query.get('q');
  if (!q) throw invalid('Validation Failed', [{ resource: 'Search', field: 'q', code: 'missing' }]);
  const matches = searchFilter(q);
  const items: unknown[] = [];
  for (const repo of req.state.repos.values()) {
    if (repo.private && !(req.token && req.state.canRead(req.token, repo))) continue;
    for (const issue of repo.issues.values()) {
      const comments = [...req.state.comments.values()].filter((c) => c.repo === repo.fullName && c.issueNumber === issue.number).map((c) => c.body).join('\n');
      if (matches(repo.fullName, issue, comments)) items.push({ ...req.shapes.issue(repo, issue), score: 1 });
    }
  }
  const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
  const page = Number(req.query.get('page') ?? 1);
  return {
    status: 200,
    body: { total_count: items.length, incomplete_results: false, items: items.slice((page - 1) * perPage, page * perPage), search_type: 'lexical' },
  };
};

function issueReactions(req: FakeRequest): ReactionState[] {
  return issueOf(req, repoOf(req)).reactions;
}

export const issueRoutes: Record<string, Handler> = {
  'issues/list-for-repo': listIssues,
  'issues/create': createIssue,
  'issues/get': getIssue,
  'issues/update': updateIssue,
  'issues/list-comments': listComments,
  'issues/create-comment': createComment,
  'issues/get-comment': getComment,
  'issues/update-comment': updateComment,
  'issues/delete-comment': deleteComment,
  'issues/list-labels-for-repo': listRepoLabels,
  'issues/get-label': getLabel,
  'issues/create-label': createLabel,
  'issues/list-labels-on-issue': listIssueLabels,
  'issues/add-labels': addLabels,
  'issues/remove-label': removeLabel,
  'reactions/create-for-issue-comment': (req) => react(req, commentOf(req, writableRepo(req)).reactions),
  'reactions/list-for-issue-comment': (req) => listReactions(req, commentOf(req, repoOf(req)).reactions),
  'reactions/create-for-issue': (req) => {
    writableRepo(req);
    return react(req, issueReactions(req));
  },
  'reactions/list-for-issue': (req) => listReactions(req, issueReactions(req)),
  'search/issues-and-pull-requests': searchIssues,
};
