/**
 * Turning a list file's bytes into text, or a one-line reason why not.
 *
 * Everything a maintainer may point listkeeper at by mistake is refused here,
 * before the Markdown parser sees it: binary files, text that is not UTF-8,
 * empty files (most likely a truncated list, so an error rather than a silent
 * pass), files too large to be a list, and lists nested so deep that remark's
 * parser would take minutes. The BOM and line endings are kept as they are.
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

/** Default size limit. The largest real awesome lists are about 1 MB; 40,000 entries are about 5 MB. */
export const MAX_LIST_BYTES = 10 * 1024 * 1024;

/**
 * Deepest list nesting accepted. Real lists nest a handful of levels; remark's
 * parser slows down steeply with depth (1,000 levels take minutes).
 */
export const MAX_LIST_NESTING = 100;

export interface DecodeOptions {
  maxBytes?: number;
  maxNesting?: number;
}

export function decodeListFile(bytes: Uint8Array, path: string, options: DecodeOptions = {}): DecodeResult {
  const maxBytes = options.maxBytes ?? MAX_LIST_BYTES;
  if (bytes.length > maxBytes) return { ok: false, error: tooLargeMessage(path, bytes.length, maxBytes) };
  if (hasUtf16Bom(bytes)) return { ok: false, error: `${path}: the file is UTF-16; save it as UTF-8` };
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, error: `${path}:${lineOfByte(bytes, nul)}: binary file (NUL byte), not a Markdown list` };
  const text = strictUtf8(bytes);
  if (text === null) {
    const invalid = firstInvalidUtf8(bytes);
    return { ok: false, error: `${path}:${lineOfByte(bytes, invalid)}: invalid UTF-8 (byte 0x${bytes[invalid].toString(16).padStart(2, '0')} at offset ${invalid}); save the file as UTF-8` };
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, error: `${path}: the file is empty, so there is no list to check` };
  // Markdown ends a line at a lone CR too, but positions, entry lines and the nesting scan
  // count LF only: such a file would get messages about the wrong text (and no sort).
  const loneCr = /\r(?!\n)/.exec(text);
  if (loneCr) {
    const line = text.slice(0, loneCr.index).split('\n').length;
    return { ok: false, error: `${path}:${line}: a line ends with a lone carriage return (old Mac line endings); save the file with LF or CRLF line endings` };
  }
  const maxNesting = options.maxNesting ?? MAX_LIST_NESTING;
  const deep = findDeepNesting(text, maxNesting);
  if (deep !== null) {
    return { ok: false, error: `${path}:${deep}: lists nested more than ${maxNesting} levels deep; listkeeper does not read such files` };
  }
  return { ok: true, text };
}

export function tooLargeMessage(path: string, size: number, maxBytes: number): string {
  return `${path}: the file is too large (${megabytes(size)}; the limit is ${megabytes(maxBytes)})`;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.ceil(bytes / 1024)} KB`;
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** 1-based line of a byte offset. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** The text, BOM kept, or null when the bytes are not valid UTF-8: one decoding pass for both. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Fall through to find where.
  }
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * First line where lists nest deeper than `max`, or null. A cheap scan of
 * list markers by indentation (and `>` quotes, and markers sharing a line as
 * in `- - -`), outside fenced code; it never under-counts a real nesting
 * because only a new marker or a heading closes levels.
 */
export function findDeepNesting(text: string, max: number): number | null {
  // Nearly every file is far from the limit, which a scan of line prefixes alone shows (see below).
  if (2 * widestContainerPrefix(text, max) <= max) return null;
  const indents: number[] = [];
  let fence: string | null = null;
  let line = 0;
  let offset = 0;
  while (offset <= text.length) {
    let next = text.indexOf('\n', offset);
    if (next === -1) next = text.length;
    const raw = text.slice(offset, next);
    line++;
    offset = next + 1;
    if (fence !== null) {
      if (raw.trim().startsWith(fence)) fence = null;
      continue;
    }
    // `- > - > …`: quotes and list items opened on one line nest as deep as their count.
    const containers = CONTAINER_PREFIX.exec(raw) as RegExpExecArray;
    if (indents.length + (containers[0].match(CONTAINER_MARK) ?? []).length > max) return line;
    const quote = /^(?:[ \t]*>[ \t]?)*/.exec(raw) as RegExpExecArray;
    const quotes = (quote[0].match(/>/g) ?? []).length;
    const rest = raw.slice(quote[0].length);
    const open = /^[ \t]*(`{3,}|~{3,})/.exec(rest);
    if (open) {
      fence = open[1];
      continue;
    }
    if (/^#{1,6}(?:[ \t]|$)/.test(rest)) {
      indents.length = 0;
      continue;
    }
    const markers = /^([ \t]*)((?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+)/.exec(rest);
    if (markers) {
      const indent = width(markers[1]);
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      const count = (markers[2].match(/(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/g) ?? []).length;
      for (let k = 0; k < count; k++) indents.push(indent + k);
    }
    if (indents.length + quotes > max) return line;
  }
  return null;
}

/** The quotes and list markers a line opens before its text, in any mix (`- > 1. > x`). */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?)*/;
const CONTAINER_MARK = /(?:>|[-*+]|\d{1,9}[.)])/g;

/**
 * The widest run of spaces, tabs, `>` and list-marker characters (`-*+.)`,
 * digits) that starts a line, a tab counted as 4; or more than `max / 2` as
 * soon as one is. It bounds the scan above: the open levels hold strictly
 * increasing indents, at most one line's indent plus its marker count, and a
 * line adds at most as many quotes or containers as its run has characters.
 * So when it is at most `max / 2`, no line can nest deeper than `max`.
 */
function widestContainerPrefix(text: string, max: number): number {
  let widest = 0;
  for (let offset = 0; offset <= text.length; ) {
    let width = 0;
    let i = offset;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 9) width += 4;
      else if (c === 32 || c === 62 || c === 45 || c === 42 || c === 43 || c === 46 || c === 41 || (c >= 48 && c <= 57)) width++;
      else break;
    }
    if (width > widest) {
      widest = width;
      if (2 * widest > max) return widest;
    }
    const next = text.indexOf('\n', i);
    if (next === -1) break;
    offset = next + 1;
  }
  return widest;
}

/** Indentation width, tabs to the next multiple of 4. */
function width(ws: string): number {
  let w = 0;
  for (const c of ws) w = c === '\t' ? w + 4 - (w % 4) : w + 1;
  return w;
}
