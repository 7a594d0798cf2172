/**
 * A content-addressed Git object store (blobs, trees, commits) with real Git SHA-1 ids,
 * shared by every repository of the fake (GitHub shares objects between a repo and its forks).
 */
import { createHash } from 'node:crypto';

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

export interface Signature {
  name: string;
  email: string;
  date: string;
}

export type GitObject =
  | { type: 'blob'; sha: string; content: Buffer }
  | { type: 'tree'; sha: string; entries: TreeEntry[] }
  | { type: 'commit'; sha: string; tree: string; parents: string[]; message: string; author: Signature; committer: Signature };

function hashObject(type: string, body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

function signatureLine(s: Signature): string {
  return `${s.name} <${s.email}> ${Math.floor(Date.parse(s.date) / 1000)} +0000`;
}

/** Flat view of a tree: file path → blob entry. */
export type FileMap = Map<string, { mode: string; sha: string }>;

export class GitStore {
  private readonly objects = new Map<string, GitObject>();

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  blob(sha: string): Extract<GitObject, { type: 'blob' }> | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'blob' ? o : undefined;
  }

  tree(sha: string): Extract<GitObject, { type: 'tree' }> | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'tree' ? o : undefined;
  }

  commit(sha: string): Extract<GitObject, { type: 'commit' }> | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'commit' ? o : undefined;
  }

  putBlob(content: Buffer): string {
    const sha = hashObject('blob', content);
    this.objects.set(sha, { type: 'blob', sha, content });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => {
      const ka = a.type === 'tree' ? a.path + '/' : a.path;
      const kb = b.type === 'tree' ? b.path + '/' : b.path;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const body = Buffer.concat(
      sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode.replace(/^0/, '')} ${e.path}\0`), Buffer.from(e.sha, 'hex')])),
    );
    const sha = hashObject('tree', body);
    this.objects.set(sha, { type: 'tree', sha, entries: sorted });
    return sha;
  }

  putCommit(c: { tree: string; parents: string[]; message: string; author: Signature; committer: Signature }): string {
    const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${signatureLine(c.author)}`, `committer ${signatureLine(c.committer)}`, '', c.message];
    const sha = hashObject('commit', Buffer.from(lines.join('\n')));
    this.objects.set(sha, { type: 'commit', sha, ...c });
    return sha;
  }

  /** Every file below a tree, by full path. */
  flatten(treeSha: string, prefix = ''): FileMap {
    const out: FileMap = new Map();
    for (const e of this.tree(treeSha)?.entries ?? []) {
      const path = prefix + e.path;
      if (e.type === 'tree') for (const [p, v] of this.flatten(e.sha, path + '/')) out.set(p, v);
      else out.set(path, { mode: e.mode, sha: e.sha });
    }
    return out;
  }

  /** Builds nested trees from a flat file map; returns the root tree sha. */
  buildTree(files: FileMap): string {
    const here: TreeEntry[] = [];
    const dirs = new Map<string, FileMap>();
    for (const [path, v] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        here.push({ path, mode: v.mode, type: v.mode === '160000' ? 'commit' : 'blob', sha: v.sha });
        continue;
      }
      const dir = path.slice(0, slash);
      const sub = dirs.get(dir) ?? new Map();
      sub.set(path.slice(slash + 1), v);
      dirs.set(dir, sub);
    }
    for (const [dir, sub] of dirs) here.push({ path: dir, mode: '040000', type: 'tree', sha: this.buildTree(sub) });
    return this.putTree(here);
  }

  /** The blob entry at `path` in a commit's tree, or undefined. */
  entryAt(commitSha: string, path: string): TreeEntry | undefined {
    const commit = this.commit(commitSha);
    if (!commit) return undefined;
    let treeSha = commit.tree;
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0) return { path: '', mode: '040000', type: 'tree', sha: treeSha };
    for (let i = 0; i < parts.length; i++) {
      const entry = this.tree(treeSha)?.entries.find((e) => e.path === parts[i]);
      if (!entry) return undefined;
      if (i === parts.length - 1) return entry;
      if (entry.type !== 'tree') return undefined;
      treeSha = entry.sha;
    }
    return undefined;
  }

  /** True when `ancestor` is `descendant` or one of its ancestors. */
  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const queue = [descendant];
    while (queue.length > 0) {
      const sha = queue.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commit(sha)?.parents ?? []));
    }
    return false;
  }
}
