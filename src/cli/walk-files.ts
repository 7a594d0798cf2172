/**
 * The one folder walk of the CLI, for a directory named on the command line
 * (`lint docs/`) and for the config's `files` globs alike, so both take the
 * same files from the same tree. It never enters `node_modules`, `.git` or
 * any other hidden folder (`.github/`, `.venv/`, `.cache/`: tooling, not
 * lists, and often huge) below where it starts — a glob that means a hidden
 * folder names it before its first wildcard (`.github/*.md`), and the walk
 * starts there, or names one inside a brace or pattern (`{.lists,docs}/*.md`,
 * `.l*\/*.md`), and the walk enters hidden folders for it (`hidden`; still
 * never `.git` or `node_modules`). Symlinked folders are not entered (no loops); a symlinked
 * file is kept when it leads to a file (whether it stays inside is the
 * caller's question), a dangling one is not a file at all.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether a walk leaves this folder out; `hidden`: it enters dot folders other than `.git`. */
function skipsFolder(name: string, hidden: boolean): boolean {
  return name === 'node_modules' || name === '.git' || (!hidden && name.startsWith('.'));
}

/** Files below `root/dir`, as root-relative `/` paths, at most `depth` levels down; unreadable folders give none. */
export async function filesBelow(root: string, dir = '', depth = Infinity, hidden = false): Promise<string[]> {
  if (depth < 1) return [];
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skipsFolder(entry.name, hidden)) out.push(...(await filesBelow(root, path, depth - 1, hidden)));
    } else if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(join(root, path))))) {
      out.push(path);
    }
  }
  return out;
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
