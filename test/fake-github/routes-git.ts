/** Repository contents and Git data: contents API, blobs, trees, commits, refs. */
import type { FileMap } from './git.js';
import { HttpError, invalid, notFound, repoOf, str, writableRepo, type FakeRequest, type Handler } from './handler.js';
import { FILE_MODE, type RepoState } from './state.js';

function refOrDefault(req: FakeRequest, repo: RepoState): string {
  const ref = req.query.get('ref') ?? repo.defaultBranch;
  const sha = req.state.resolve(repo, ref);
  if (!sha) throw new HttpError(404, `No commit found for the ref ${ref}`);
  return sha;
}

function contentFile(req: FakeRequest, repo: RepoState, path: string, blobSha: string, commitSha: string): Record<string, unknown> {
  const blob = req.state.git.blob(blobSha)!;
  const self = `${req.shapes.api}/repos/${repo.fullName}/contents/${path}`;
  const tooLarge = blob.content.length > req.options.contentsMaxBytes;
  return {
    type: 'file',
    encoding: tooLarge ? 'none' : 'base64',
    size: blob.content.length,
    name: path.split('/').pop(),
    path,
    // GitHub wraps base64 content at 60 columns.
    content: tooLarge ? '' : (blob.content.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n',
    sha: blobSha,
    url: `${self}?ref=${commitSha}`,
    git_url: `${req.shapes.api}/repos/${repo.fullName}/git/blobs/${blobSha}`,
    html_url: `https://github.com/${repo.fullName}/blob/${commitSha}/${path}`,
    download_url: `https://raw.githubusercontent.com/${repo.fullName}/${commitSha}/${path}`,
    _links: { self: `${self}?ref=${commitSha}`, git: `${req.shapes.api}/repos/${repo.fullName}/git/blobs/${blobSha}`, html: `https://github.com/${repo.fullName}/blob/${commitSha}/${path}` },
  };
}

const getContent: Handler = (req) => {
  const repo = repoOf(req);
  const commitSha = refOrDefault(req, repo);
  const path = (req.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const entry = req.state.git.entryAt(commitSha, path);
  if (!entry) throw notFound();
  if (entry.type === 'tree') {
    const items = req.state.git.tree(entry.sha)!.entries.map((e) => {
      const childPath = path ? `${path}/${e.path}` : e.path;
      if (e.type !== 'blob') return { type: 'dir', name: e.path, path: childPath, sha: e.sha, size: 0, url: '', git_url: null, html_url: null, download_url: null, _links: { self: '', git: null, html: null } };
      const { content: _c, encoding: _e, ...rest } = contentFile(req, repo, childPath, e.sha, commitSha);
      return rest;
    });
    return { status: 200, body: items };
  }
  const blob = req.state.git.blob(entry.sha)!;
  if (req.accept.includes('application/vnd.github.raw') || req.accept.includes('application/vnd.github.v3.raw')) {
    return { status: 200, text: blob.content.toString('utf8') };
  }
  return { status: 200, body: contentFile(req, repo, path, entry.sha, commitSha) };
};

const putContent: Handler = (req) => {
  const branchName = str(req.body, 'branch');
  const repo = writableRepo(req, branchName);
  const path = req.params.path!;
  const branch = branchName ?? repo.defaultBranch;
  const message = str(req.body, 'message');
  const content = str(req.body, 'content');
  if (!message || content === undefined) throw invalid('Invalid request.');
  const tip = req.state.resolve(repo, branch);
  const existing = tip ? req.state.git.entryAt(tip, path) : undefined;
  if (existing && str(req.body, 'sha') !== existing.sha) {
    throw new HttpError(409, `${path} does not match ${str(req.body, 'sha') ?? 'nothing'}`);
  }
  if (!existing && str(req.body, 'sha')) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  const text = Buffer.from(content, 'base64').toString('utf8');
  const sha = req.state.commitFiles(repo, branch, { [path]: text }, { message, from: repo.defaultBranch, author: req.token?.login });
  const entry = req.state.git.entryAt(sha, path)!;
  const { content: _c, encoding: _e, ...file } = contentFile(req, repo, path, entry.sha, sha);
  return { status: existing ? 200 : 201, body: { content: file, commit: req.shapes.gitCommit(repo, sha) } };
};

const getBlob: Handler = (req) => {
  const repo = repoOf(req);
  const blob = req.state.git.blob(req.params.file_sha!);
  if (!blob) throw notFound();
  return {
    status: 200,
    body: {
      sha: blob.sha,
      node_id: Buffer.from(`04:Blob${blob.sha}`).toString('base64'),
      url: `${req.shapes.api}/repos/${repo.fullName}/git/blobs/${blob.sha}`,
      size: blob.content.length,
      content: (blob.content.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n',
      encoding: 'base64',
    },
  };
};

const createBlob: Handler = (req) => {
  const repo = writableRepo(req);
  const content = str(req.body, 'content');
  if (content === undefined) throw invalid('Invalid request.\n\n"content" wasn\'t supplied.');
  const encoding = str(req.body, 'encoding') ?? 'utf-8';
  const sha = req.state.git.putBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
  return { status: 201, body: { url: `${req.shapes.api}/repos/${repo.fullName}/git/blobs/${sha}`, sha } };
};

const getTree: Handler = (req) => {
  const repo = repoOf(req);
  let sha = req.params.tree_sha!;
  if (!req.state.git.tree(sha)) {
    const commit = req.state.resolve(repo, sha);
    if (!commit) throw notFound();
    sha = req.state.git.commit(commit)!.tree;
  }
  const recursive = req.query.has('recursive') && !['0', 'false'].includes(req.query.get('recursive')!);
  return { status: 200, body: req.shapes.gitTree(repo, sha, recursive) };
};

interface TreeInput {
  path?: unknown;
  mode?: unknown;
  type?: unknown;
  sha?: unknown;
  content?: unknown;
}

const createTree: Handler = (req) => {
  const repo = writableRepo(req);
  const baseTree = str(req.body, 'base_tree');
  const entries = req.body.tree;
  if (!Array.isArray(entries)) throw invalid('Invalid request.\n\n"tree" wasn\'t supplied.');
  if (baseTree && !req.state.git.tree(baseTree)) throw invalid('Invalid request.\n\nbase_tree is not a valid tree oid');
  const files: FileMap = baseTree ? req.state.git.flatten(baseTree) : new Map();
  for (const raw of entries as TreeInput[]) {
    if (typeof raw.path !== 'string' || typeof raw.mode !== 'string') throw invalid('Invalid tree info');
    if (raw.sha === null) {
      for (const p of [...files.keys()]) if (p === raw.path || p.startsWith(raw.path + '/')) files.delete(p);
      continue;
    }
    let sha: string;
    if (typeof raw.content === 'string') sha = req.state.git.putBlob(Buffer.from(raw.content, 'utf8'));
    else if (typeof raw.sha === 'string' && req.state.git.get(raw.sha)) sha = raw.sha;
    else throw invalid('Invalid request.\n\nMust supply either tree.sha or tree.content.');
    files.set(raw.path, { mode: raw.mode || FILE_MODE, sha });
  }
  const sha = req.state.git.buildTree(files);
  return { status: 201, body: req.shapes.gitTree(repo, sha, false) };
};

const getGitCommit: Handler = (req) => {
  const repo = repoOf(req);
  if (!req.state.git.commit(req.params.commit_sha!)) throw notFound();
  return { status: 200, body: req.shapes.gitCommit(repo, req.params.commit_sha!) };
};

interface SignatureInput {
  name?: unknown;
  email?: unknown;
  date?: unknown;
}

const createGitCommit: Handler = (req) => {
  const repo = writableRepo(req);
  const tree = str(req.body, 'tree');
  const message = str(req.body, 'message');
  const parents = req.body.parents;
  if (!tree || message === undefined) throw invalid('Invalid request.');
  if (!req.state.git.tree(tree)) throw invalid('Tree SHA does not exist');
  const parentList = Array.isArray(parents) ? parents.filter((p): p is string => typeof p === 'string') : [];
  if (parentList.some((p) => !req.state.git.commit(p))) throw invalid('Parent SHA does not exist or is not a commit object');
  const fallback = req.state.signature(req.token?.login);
  const sig = (input: unknown): typeof fallback => {
    const s = (input ?? {}) as SignatureInput;
    return {
      name: typeof s.name === 'string' ? s.name : fallback.name,
      email: typeof s.email === 'string' ? s.email : fallback.email,
      date: typeof s.date === 'string' ? s.date : fallback.date,
    };
  };
  const sha = req.state.git.putCommit({ tree, parents: parentList, message, author: sig(req.body.author), committer: sig(req.body.committer ?? req.body.author) });
  return { status: 201, body: req.shapes.gitCommit(repo, sha) };
};

function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/${ref}`;
}

const getRef: Handler = (req) => {
  const repo = repoOf(req);
  const name = fullRef(req.params.ref!);
  const sha = repo.refs.get(name);
  if (!sha) throw notFound();
  return { status: 200, body: req.shapes.gitRef(repo, name, sha) };
};

const listMatchingRefs: Handler = (req) => {
  const repo = repoOf(req);
  const prefix = fullRef(req.params.ref ?? '');
  const refs = [...repo.refs.entries()].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
  return { status: 200, body: refs.map(([name, sha]) => req.shapes.gitRef(repo, name, sha)), paginate: true };
};

function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

const createRef: Handler = (req) => {
  const ref = str(req.body, 'ref');
  const sha = str(req.body, 'sha');
  if (!ref || !sha) throw invalid('Invalid request.');
  const repo = writableRepo(req, branchOf(ref));
  if (!ref.startsWith('refs/') || ref.split('/').length < 3) throw invalid('Reference name must start with \'refs/\' and have at least two slashes.');
  if (repo.refs.has(ref)) throw invalid('Reference already exists');
  if (!req.state.git.commit(sha)) throw invalid('Object does not exist');
  repo.refs.set(ref, sha);
  return { status: 201, body: req.shapes.gitRef(repo, ref, sha) };
};

const updateRef: Handler = (req) => {
  const name = fullRef(req.params.ref!);
  const repo = writableRepo(req, branchOf(name));
  const sha = str(req.body, 'sha');
  if (!sha) throw invalid('Invalid request.\n\n"sha" wasn\'t supplied.');
  const current = repo.refs.get(name);
  if (!current) throw invalid('Reference does not exist');
  if (!req.state.git.commit(sha)) throw invalid('Object does not exist');
  if (req.body.force !== true && !req.state.git.isAncestor(current, sha)) throw invalid('Update is not a fast forward');
  repo.refs.set(name, sha);
  return { status: 200, body: req.shapes.gitRef(repo, name, sha) };
};

const deleteRef: Handler = (req) => {
  const name = fullRef(req.params.ref!);
  const repo = writableRepo(req, branchOf(name));
  if (!repo.refs.delete(name)) throw invalid('Reference does not exist');
  return { status: 204 };
};

const getCommit: Handler = (req) => {
  const repo = repoOf(req);
  const sha = req.state.resolve(repo, req.params.ref!);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${req.params.ref}`);
  return { status: 200, body: req.shapes.commit(repo, sha) };
};

const getBranch: Handler = (req) => {
  const repo = repoOf(req);
  const sha = repo.refs.get(`refs/heads/${req.params.branch}`);
  if (!sha) throw new HttpError(404, 'Branch not found');
  const commit = req.shapes.commit(repo, sha);
  return {
    status: 200,
    body: {
      name: req.params.branch,
      commit,
      _links: { html: `https://github.com/${repo.fullName}/tree/${req.params.branch}`, self: `${req.shapes.api}/repos/${repo.fullName}/branches/${req.params.branch}` },
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
      protection_url: `${req.shapes.api}/repos/${repo.fullName}/branches/${req.params.branch}/protection`,
    },
  };
};

export const gitRoutes: Record<string, Handler> = {
  'repos/get-content': getContent,
  'repos/create-or-update-file-contents': putContent,
  'repos/get-commit': getCommit,
  'repos/get-branch': getBranch,
  'git/get-blob': getBlob,
  'git/create-blob': createBlob,
  'git/get-tree': getTree,
  'git/create-tree': createTree,
  'git/get-commit': getGitCommit,
  'git/create-commit': createGitCommit,
  'git/get-ref': getRef,
  'git/list-matching-refs': listMatchingRefs,
  'git/create-ref': createRef,
  'git/update-ref': updateRef,
  'git/delete-ref': deleteRef,
};
