/** Reading list files (refusing what is not a list) and writing them back atomically. */
import { randomBytes } from 'node:crypto';
import { open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { decodeListFile, MAX_LIST_BYTES, tooLargeMessage } from '../core/decode.js';
import { describeIoError, err, ok, type Result } from './result.js';

export interface ListFile {
  /** As given on the command line; shown in messages. */
  path: string;
  absolute: string;
  /** The file's text, BOM and line endings as they are. */
  text: string;
}

export async function readListFile(path: string, cwd: string, maxBytes = MAX_LIST_BYTES): Promise<Result<ListFile>> {
  const absolute = resolve(cwd, path);
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return err(`${path}: is a directory, not a list file`);
    if (!info.isFile()) return err(`${path}: not a regular file`);
    // Checked before reading, so a huge file is never loaded.
    if (info.size > maxBytes) return err(tooLargeMessage(path, info.size, maxBytes));
    const bytes = await readFile(absolute);
    const decoded = decodeListFile(bytes, path, { maxBytes });
    return decoded.ok ? ok({ path, absolute, text: decoded.text }) : err(decoded.error);
  } catch (error) {
    return err(`${path}: cannot read: ${describeIoError(error)}`);
  }
}

/** Read every file; all problems are reported, not just the first. */
export async function readListFiles(paths: string[], cwd: string): Promise<Result<ListFile[]>> {
  const results = await Promise.all(paths.map((p) => readListFile(p, cwd)));
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.length > 0) return err(errors.join('\n'));
  // The same file named twice, or also through a symlink (`docs/index.md -> ../README.md`
  // matched by `**/*.md`), would otherwise make every one of its links a duplicate of itself.
  const files = results.flatMap((r) => (r.ok ? [r.value] : []));
  const real = await Promise.all(files.map((f) => realPath(f.absolute)));
  const seen = new Set<string>();
  return ok(
    files.filter((_, i) => {
      if (seen.has(real[i])) return false;
      seen.add(real[i]);
      return true;
    }),
  );
}

/**
 * Replace a file's content atomically: write a temporary file next to it
 * (same file system), flush it, then rename it over the original, so a crash
 * leaves either the old or the new file, never half of one. The file's mode
 * is kept, and a symlink stays a symlink.
 */
export async function writeFileAtomic(path: string, text: string, shown = path): Promise<Result<void>> {
  // Through a symlink, replace the file it points to, not the link.
  const absolute = await realPath(path);
  const temp = join(dirname(absolute), `.${basename(absolute)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o644;
  try {
    mode = (await stat(absolute)).mode & 0o7777;
  } catch {
    // A new file gets the default mode.
  }
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, absolute);
    return ok(undefined);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return err(`${shown}: cannot write: ${describeIoError(error)}`);
  }
}

/** Through symlinks, or as it is when it does not exist (yet). */
export function realPath(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}
