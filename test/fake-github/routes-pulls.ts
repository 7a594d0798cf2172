/** Pull requests: list/get/create/update, files with patches, review comments, reviews. */
import { lineInDiff } from './diff.js';
import { HttpError, commentBody, invalid, notFound, num, repoOf, str, writableRepo, type FakeRequest, type Handler } from './handler.js';
import { listReactions, react } from './routes-issues.js';
import { timestamp, type IssueState, type PullState, type RepoState, type ReviewCommentState, type ReviewState } from './state.js';

type Pull = IssueState & { pull: PullState };

function pullOf(req: FakeRequest, repo: RepoState): Pull {
  const pull = req.state.pull(repo, num(req.params.pull_number));
  if (!pull) throw notFound();
  return pull;
}

/** `owner:branch` or `branch` → the head repository and branch. */
function parseHead(req: FakeRequest, repo: RepoState, head: string): { headRepo: string; headRef: string } {
  const colon = head.indexOf(':');
  if (colon < 0) return { headRepo: repo.fullName, headRef: head };
  const owner = head.slice(0, colon);
  const branch = head.slice(colon + 1);
  if (owner.toLowerCase() === repo.owner.toLowerCase()) return { headRepo: repo.fullName, headRef: branch };
  const fork = [...req.state.repos.values()].find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.parent?.toLowerCase() === repo.fullName.toLowerCase());
  return { headRepo: fork?.fullName ?? `${owner}/${repo.name}`, headRef: branch };
}

const listPulls: Handler = (req) => {
  const repo = repoOf(req);
  const state = req.query.get('state') ?? 'open';
  const head = req.query.get('head');
  const base = req.query.get('base');
  const wanted = head ? parseHead(req, repo, head) : null;
  const pulls = [...repo.issues.values()]
    .filter((i): i is Pull => i.pull !== null)
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => !wanted || (i.pull.headRepo.toLowerCase() === wanted.headRepo.toLowerCase() && i.pull.headRef === wanted.headRef))
    .filter((i) => !base || i.pull.baseRef === base)
    .sort((a, b) => b.number - a.number);
  return { status: 200, body: pulls.map((p) => req.shapes.pullSimple(repo, p)), paginate: true };
};

const getPull: Handler = (req) => {
  const repo = repoOf(req);
  return { status: 200, body: req.shapes.pull(repo, pullOf(req, repo)) };
};

const createPull: Handler = (req) => {
  const repo = writableRepo(req);
  const head = str(req.body, 'head');
  const base = str(req.body, 'base');
  const title = str(req.body, 'title');
  if (!head || !base) throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field', field: head ? 'base' : 'head' }]);
  if (!title) throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
  const { headRepo, headRef } = parseHead(req, repo, head);
  const headRepoState = req.state.repo(headRepo);
  const headSha = headRepoState?.refs.get(`refs/heads/${headRef}`);
  const baseSha = repo.refs.get(`refs/heads/${base}`);
  if (!headSha) throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (!baseSha) throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const open = [...repo.issues.values()].find((i) => i.state === 'open' && i.pull?.headRepo === headRepo && i.pull.headRef === headRef && i.pull.baseRef === base);
  if (open) throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${head}.` }]);
  if (headSha === baseSha || req.state.git.isAncestor(headSha, baseSha)) {
    throw invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headRef}` }]);
  }
  const now = timestamp();
  const pull: Pull = {
    id: req.state.id(),
    number: repo.nextNumber++,
    title,
    body: str(req.body, 'body') ?? null,
    state: 'open',
    stateReason: null,
    user: req.token!.login,
    labels: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    reactions: [],
    pull: { headRepo: headRepoState!.fullName, headRef, baseRef: base, baseSha, maintainerCanModify: req.body.maintainer_can_modify === true, draft: req.body.draft === true, merged: false },
  };
  repo.issues.set(pull.number, pull);
  return { status: 201, body: req.shapes.pull(repo, pull) };
};

const updatePull: Handler = (req) => {
  const repo = writableRepo(req);
  const pull = pullOf(req, repo);
  const title = str(req.body, 'title');
  if (title !== undefined) pull.title = title;
  if ('body' in req.body) pull.body = str(req.body, 'body') ?? null;
  const state = str(req.body, 'state');
  if (state === 'closed' && pull.state === 'open') {
    pull.state = 'closed';
    pull.closedAt = timestamp();
  } else if (state === 'open' && pull.state === 'closed') {
    pull.state = 'open';
    pull.closedAt = null;
  }
  const base = str(req.body, 'base');
  if (base) {
    const baseSha = repo.refs.get(`refs/heads/${base}`);
    if (!baseSha) throw invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    pull.pull.baseRef = base;
    pull.pull.baseSha = baseSha;
  }
  if (typeof req.body.maintainer_can_modify === 'boolean') pull.pull.maintainerCanModify = req.body.maintainer_can_modify;
  pull.updatedAt = timestamp();
  return { status: 200, body: req.shapes.pull(repo, pull) };
};

const listFiles: Handler = (req) => {
  const repo = repoOf(req);
  return { status: 200, body: req.shapes.pullFiles(repo, pullOf(req, repo)), paginate: true };
};

const listCommits: Handler = (req) => {
  const repo = repoOf(req);
  const pull = pullOf(req, repo);
  const shas: string[] = [];
  let sha = req.state.headSha(pull.pull);
  while (sha && sha !== pull.pull.baseSha && !req.state.git.isAncestor(sha, pull.pull.baseSha)) {
    shas.unshift(sha);
    sha = req.state.git.commit(sha)?.parents[0];
  }
  return { status: 200, body: shas.map((s) => req.shapes.commit(repo, s)), paginate: true };
};

function reviewCommentOf(req: FakeRequest, repo: RepoState): ReviewCommentState {
  const c = req.state.reviewComments.get(num(req.params.comment_id));
  if (!c || c.repo !== repo.fullName) throw notFound();
  return c;
}

interface DraftComment {
  path?: unknown;
  line?: unknown;
  side?: unknown;
  start_line?: unknown;
  body?: unknown;
  position?: unknown;
}

/** Validates a review comment against the PR's diff as GitHub does, and stores it. */
function addReviewComment(req: FakeRequest, repo: RepoState, pull: Pull, draft: DraftComment, reviewId: number, commitId: string): ReviewCommentState {
  if (typeof draft.body !== 'string' || typeof draft.path !== 'string') throw invalid('Validation Failed', [{ resource: 'PullRequestReviewComment', code: 'missing_field', field: 'body' }]);
  if (typeof draft.line !== 'number') {
    throw invalid('Validation Failed', [{ resource: 'PullRequestReviewComment', code: 'custom', field: 'line', message: 'line is required (the fake does not model the deprecated position field)' }]);
  }
  const side = draft.side === 'LEFT' ? 'LEFT' : 'RIGHT';
  const headSha = req.state.headSha(pull.pull)!;
  const before = req.state.fileAtCommit(pull.pull.baseSha, draft.path) ?? '';
  const after = req.state.fileAtCommit(headSha, draft.path);
  const inDiff = (line: number): boolean => after !== null && lineInDiff(before, after, line, side);
  const startLine = typeof draft.start_line === 'number' ? draft.start_line : null;
  if (!inDiff(draft.line) || (startLine !== null && (!inDiff(startLine) || startLine >= draft.line))) {
    throw invalid('Unprocessable Entity', [
      { resource: 'PullRequestReviewComment', code: 'custom', field: 'pull_request_review_thread.line', message: 'pull_request_review_thread.line must be part of the diff' },
    ]);
  }
  const now = timestamp();
  const c: ReviewCommentState = {
    id: req.state.id(),
    repo: repo.fullName,
    pullNumber: pull.number,
    reviewId,
    path: draft.path,
    line: draft.line,
    side,
    startLine,
    commitId,
    body: draft.body,
    user: req.token!.login,
    diffHunk: req.shapes.diffHunk(repo, pull.pull, draft.path, draft.line, side),
    inReplyTo: null,
    createdAt: now,
    updatedAt: now,
    reactions: [],
  };
  req.state.reviewComments.set(c.id, c);
  return c;
}

function newReview(req: FakeRequest, repo: RepoState, pull: Pull, body: string, state: string, commitId: string): ReviewState {
  const review: ReviewState = { id: req.state.id(), repo: repo.fullName, pullNumber: pull.number, user: req.token!.login, body, state, commitId, submittedAt: timestamp() };
  req.state.reviews.set(review.id, review);
  return review;
}

const listReviewComments: Handler = (req) => {
  const repo = repoOf(req);
  const pull = pullOf(req, repo);
  const comments = [...req.state.reviewComments.values()].filter((c) => c.repo === repo.fullName && c.pullNumber === pull.number).sort((a, b) => a.id - b.id);
  return { status: 200, body: comments.map((c) => req.shapes.reviewComment(repo, c)), paginate: true };
};

const listRepoReviewComments: Handler = (req) => {
  const repo = repoOf(req);
  const comments = [...req.state.reviewComments.values()].filter((c) => c.repo === repo.fullName).sort((a, b) => a.id - b.id);
  return { status: 200, body: comments.map((c) => req.shapes.reviewComment(repo, c)), paginate: true };
};

const createReviewComment: Handler = (req) => {
  const repo = writableRepo(req);
  const pull = pullOf(req, repo);
  const commitId = str(req.body, 'commit_id');
  const replyTo = req.body.in_reply_to;
  if (typeof replyTo === 'number') {
    const parent = req.state.reviewComments.get(replyTo);
    if (!parent) throw notFound();
    const c = { ...parent, id: req.state.id(), body: str(req.body, 'body') ?? '', user: req.token!.login, inReplyTo: parent.id, reactions: [], createdAt: timestamp(), updatedAt: timestamp() };
    req.state.reviewComments.set(c.id, c);
    return { status: 201, body: req.shapes.reviewComment(repo, c) };
  }
  if (!commitId) throw invalid('Validation Failed', [{ resource: 'PullRequestReviewComment', code: 'missing_field', field: 'commit_id' }]);
  if (!req.state.git.commit(commitId)) throw invalid('Validation Failed', [{ resource: 'PullRequestReviewComment', code: 'invalid', field: 'commit_id' }]);
  const review = newReview(req, repo, pull, '', 'COMMENTED', commitId);
  const c = addReviewComment(req, repo, pull, req.body as DraftComment, review.id, commitId);
  return { status: 201, body: req.shapes.reviewComment(repo, c) };
};

const updateReviewComment: Handler = (req) => {
  const repo = writableRepo(req);
  const c = reviewCommentOf(req, repo);
  const body = commentBody(req, 'PullRequestReviewComment');
  c.body = body;
  c.updatedAt = timestamp();
  return { status: 200, body: req.shapes.reviewComment(repo, c) };
};

const deleteReviewComment: Handler = (req) => {
  const repo = writableRepo(req);
  req.state.reviewComments.delete(reviewCommentOf(req, repo).id);
  return { status: 204 };
};

const listReviews: Handler = (req) => {
  const repo = repoOf(req);
  const pull = pullOf(req, repo);
  const reviews = [...req.state.reviews.values()].filter((r) => r.repo === repo.fullName && r.pullNumber === pull.number).sort((a, b) => a.id - b.id);
  return { status: 200, body: reviews.map((r) => req.shapes.review(repo, r)), paginate: true };
};

const createReview: Handler = (req) => {
  const repo = writableRepo(req);
  const pull = pullOf(req, repo);
  const commitId = str(req.body, 'commit_id') ?? req.state.headSha(pull.pull)!;
  const event = str(req.body, 'event');
  const state = event === 'APPROVE' ? 'APPROVED' : event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : event === 'COMMENT' ? 'COMMENTED' : 'PENDING';
  if ((event === 'REQUEST_CHANGES' || event === 'COMMENT') && !str(req.body, 'body') && !Array.isArray(req.body.comments)) {
    throw invalid('Unprocessable Entity', ['Review body is required when using COMMENT or REQUEST_CHANGES']);
  }
  if (event === 'APPROVE' && req.token?.login === pull.user) throw invalid('Unprocessable Entity', ['Can not approve your own pull request']);
  const drafts = Array.isArray(req.body.comments) ? (req.body.comments as DraftComment[]) : [];
  const review = newReview(req, repo, pull, str(req.body, 'body') ?? '', state, commitId);
  const created: number[] = [];
  try {
    for (const draft of drafts) created.push(addReviewComment(req, repo, pull, draft, review.id, commitId).id);
  } catch (error) {
    // GitHub creates the review and its comments all or nothing.
    for (const id of created) req.state.reviewComments.delete(id);
    req.state.reviews.delete(review.id);
    if (error instanceof HttpError) throw invalid('Unprocessable Entity', ['Line could not be resolved']);
    throw error;
  }
  return { status: 200, body: req.shapes.review(repo, review) };
};

export const pullRoutes: Record<string, Handler> = {
  'pulls/list': listPulls,
  'pulls/get': getPull,
  'pulls/create': createPull,
  'pulls/update': updatePull,
  'pulls/list-files': listFiles,
  'pulls/list-commits': listCommits,
  'pulls/list-review-comments': listReviewComments,
  'pulls/list-review-comments-for-repo': listRepoReviewComments,
  'pulls/create-review-comment': createReviewComment,
  'pulls/get-review-comment': (req) => {
    const repo = repoOf(req);
    return { status: 200, body: req.shapes.reviewComment(repo, reviewCommentOf(req, repo)) };
  },
  'pulls/update-review-comment': updateReviewComment,
  'pulls/delete-review-comment': deleteReviewComment,
  'pulls/list-reviews': listReviews,
  'pulls/create-review': createReview,
  'reactions/create-for-pull-request-review-comment': (req) => react(req, reviewCommentOf(req, writableRepo(req)).reactions),
  'reactions/list-for-pull-request-review-comment': (req) => listReactions(req, reviewCommentOf(req, repoOf(req)).reactions),
};
