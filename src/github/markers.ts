/**
 * Hidden markers and data blocks in comment and issue bodies. GitHub renders
 * HTML comments as nothing, so the tool can find its own comment again and
 * keep small state (the link failure history) where runners can read it.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export const PR_CHECK_MARKER = '<!-- listkeeper:pr-check -->';
export const REPORT_MARKER = '<!-- listkeeper:dead-link-report -->';
export const COMMAND_REPLY_MARKER = '<!-- listkeeper:command-reply -->';
export const FIXUP_MARKER = '<!-- listkeeper:fixup -->';

/**
 * True when `marker` stands on a line of its own. A quote of the tool's
 * comment (`> <!-- ... -->`) does not count, so quoting never hijacks it.
 */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  return body.split(/\r?\n/).some((line) => line.trim() === marker);
}

const DATA_BLOCK = (name: string): RegExp => new RegExp(`^<!-- listkeeper:${name} ([A-Za-z0-9+/=]+) -->$`, 'm');

/** `<!-- listkeeper:NAME BASE64(gzip(JSON)) -->`: compact, and no `--` can end the comment early. */
export function encodeDataBlock(name: string, value: unknown): string {
  const packed = gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
  return `<!-- listkeeper:${name} ${packed} -->`;
}

/** The value of the named data block, or null when absent or unreadable (a hand-edited body). */
export function decodeDataBlock(body: string | null | undefined, name: string): unknown {
  if (!body) return null;
  const m = DATA_BLOCK(name).exec(body);
  if (!m) return null;
  try {
    return JSON.parse(gunzipSync(Buffer.from(m[1], 'base64')).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
