/**
 * Which encoding a page's bytes are in, as a browser decides it (the WHATWG
 * encoding sniffing, simplified): a byte order mark first, then the
 * `Content-Type` header's charset, then for HTML a `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024
 * bytes, else UTF-8. Older Chinese sites serve GBK as bare `text/html` with
 * the charset only in a `<meta>`; read as UTF-8 their titles are mojibake.
 *
 * Labels go through TextDecoder (Node's ICU knows gbk, gb18030, big5,
 * shift_jis, euc-kr, windows-125x…); a label it does not know is skipped, as
 * a browser skips it, and decoding never throws. Pure.
 */

/** Decode a body: the encoding from sniffEncoding, its BOM dropped. */
export function decodeText(bytes: Uint8Array, contentType: string | undefined): string {
  return new TextDecoder(sniffEncoding(bytes, contentType)).decode(bytes);
}

/** The encoding's name as TextDecoder knows it (`utf-8`, `gbk`, `big5`…). */
export function sniffEncoding(bytes: Uint8Array, contentType: string | undefined): string {
  const bom = bomEncoding(bytes);
  if (bom !== null) return bom;
  const declared = encodingOf(headerCharset(contentType));
  if (declared !== null) return declared;
  if (!isHtml(contentType)) return 'utf-8';
  const early = prescan(bytes.subarray(0, PRESCAN_BYTES));
  if (early !== null) return early;
  // A browser also obeys a <meta> its parser meets later (it reloads the page in that
  // encoding); read further only when the bytes cannot be UTF-8, so a UTF-8 page never changes.
  if (!isUtf8(bytes)) return prescan(bytes) ?? 'utf-8';
  return 'utf-8';
}

/** How far the prescan looks, as the WHATWG algorithm says. */
export const PRESCAN_BYTES = 1024;

/** The encoding TextDecoder knows by this label, or null (no label, or one it does not know). */
export function encodingOf(label: string | null): string | null {
  if (label === null || label.trim() === '') return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `text/html; charset="GBK"` → `GBK`. */
function headerCharset(contentType: string | undefined): string | null {
  return /;\s*charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

/** A body with no type is sniffed as HTML, as the checker reads it. */
function isHtml(contentType: string | undefined): boolean {
  const type = (contentType ?? '').trim();
  return type === '' || /html/i.test(type);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // `stream`: a character cut by the body cap at the end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const Byte = {
  Tab: 0x09,
  Lf: 0x0a,
  Ff: 0x0c,
  Cr: 0x0d,
  Space: 0x20,
  Bang: 0x21,
  DoubleQuote: 0x22,
  SingleQuote: 0x27,
  Slash: 0x2f,
  Lt: 0x3c,
  Eq: 0x3d,
  Gt: 0x3e,
  Question: 0x3f,
} as const;

function isSpace(b: number | undefined): boolean {
  return b === Byte.Tab || b === Byte.Lf || b === Byte.Ff || b === Byte.Cr || b === Byte.Space;
}

function isLetter(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}

function lower(b: number): string {
  return String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
}

/** The prescan of WHATWG HTML §13.2.3.2: tags and comments skipped, `<meta>` attributes read. */
function prescan(bytes: Uint8Array): string | null {
  const scanner = { bytes, pos: 0 };
  while (scanner.pos < bytes.length) {
    const at = scanner.pos;
    if (startsWith(bytes, at, '<!--')) {
      // `<!-->` closes itself: the `-->` may share the comment's dashes.
      const end = indexOf(bytes, '-->', at + 2);
      if (end < 0) return null;
      scanner.pos = end + 3;
    } else if (startsWithLower(bytes, at, '<meta') && (isSpace(bytes[at + 5]) || bytes[at + 5] === Byte.Slash)) {
      scanner.pos = at + 6;
      const found = metaEncoding(scanner);
      if (found === 'end') return null;
      if (found !== null) return found;
    } else if (bytes[at] === Byte.Lt && (isLetter(bytes[at + 1]) || (bytes[at + 1] === Byte.Slash && isLetter(bytes[at + 2])))) {
      scanner.pos = at + 2;
      while (scanner.pos < bytes.length && !isSpace(bytes[scanner.pos]) && bytes[scanner.pos] !== Byte.Gt) scanner.pos++;
      let attribute: Attribute | 'none' | 'end';
      do attribute = nextAttribute(scanner);
      while (attribute !== 'none' && attribute !== 'end');
      if (attribute === 'end') return null;
    } else if (bytes[at] === Byte.Lt && (bytes[at + 1] === Byte.Bang || bytes[at + 1] === Byte.Slash || bytes[at + 1] === Byte.Question)) {
      const end = bytes.indexOf(Byte.Gt, at + 2);
      if (end < 0) return null;
      scanner.pos = end + 1;
    } else {
      scanner.pos = at + 1;
    }
  }
  return null;
}

interface Scanner {
  bytes: Uint8Array;
  pos: number;
}

interface Attribute {
  name: string;
  value: string;
}

/** One `<meta>`'s encoding, null when it names none (scan on), or `end` when the bytes ran out. */
function metaEncoding(scanner: Scanner): string | null | 'end' {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | null = null;
  let charset: string | null = null;
  for (;;) {
    const attribute = nextAttribute(scanner);
    if (attribute === 'end') return 'end';
    if (attribute === 'none') break;
    if (seen.has(attribute.name)) continue;
    seen.add(attribute.name);
    if (attribute.name === 'http-equiv') {
      if (attribute.value === 'content-type') gotPragma = true;
    } else if (attribute.name === 'content') {
      const label = charsetInContent(attribute.value);
      if (charset === null && label !== null) {
        charset = encodingOf(label) ?? '';
        needPragma = true;
      }
    } else if (attribute.name === 'charset' && charset === null) {
      charset = encodingOf(attribute.value) ?? '';
      needPragma = false;
    }
  }
  if (needPragma === null || (needPragma && !gotPragma) || charset === null || charset === '') return null;
  // A <meta> readable as ASCII cannot be UTF-16; browsers read such pages as UTF-8.
  if (charset === 'utf-16le' || charset === 'utf-16be') return 'utf-8';
  return charset;
}

/** The next attribute of a tag, `none` at its `>`, `end` when the bytes end first. Names and values lowercased. */
function nextAttribute(scanner: Scanner): Attribute | 'none' | 'end' {
  const { bytes } = scanner;
  while (isSpace(bytes[scanner.pos]) || bytes[scanner.pos] === Byte.Slash) scanner.pos++;
  if (scanner.pos >= bytes.length) return 'end';
  if (bytes[scanner.pos] === Byte.Gt) return 'none';
  let name = '';
  for (;;) {
    const b = bytes[scanner.pos];
    if (b === undefined) return 'end';
    if (b === Byte.Eq && name !== '') {
      scanner.pos++;
      break;
    }
    if (isSpace(b)) {
      while (isSpace(bytes[scanner.pos])) scanner.pos++;
      if (bytes[scanner.pos] !== Byte.Eq) return { name, value: '' };
      scanner.pos++;
      break;
    }
    if (b === Byte.Slash || b === Byte.Gt) return { name, value: '' };
    name += lower(b);
    scanner.pos++;
  }
  while (isSpace(bytes[scanner.pos])) scanner.pos++;
  const first = bytes[scanner.pos];
  if (first === undefined) return 'end';
  if (first === Byte.DoubleQuote || first === Byte.SingleQuote) {
    const close = bytes.indexOf(first, scanner.pos + 1);
    if (close < 0) return 'end';
    const value = latin1Lower(bytes.subarray(scanner.pos + 1, close));
    scanner.pos = close + 1;
    return { name, value };
  }
  if (first === Byte.Gt) return { name, value: '' };
  const start = scanner.pos;
  while (scanner.pos < bytes.length && !isSpace(bytes[scanner.pos]) && bytes[scanner.pos] !== Byte.Gt) scanner.pos++;
  if (scanner.pos >= bytes.length) return 'end';
  return { name, value: latin1Lower(bytes.subarray(start, scanner.pos)) };
}

/** `text/html; charset=gb2312` → `gb2312` (WHATWG "extract a character encoding from a meta element"). */
function charsetInContent(content: string): string | null {
  let from = 0;
  for (;;) {
    const at = content.indexOf('charset', from);
    if (at < 0) return null;
    let pos = at + 'charset'.length;
    while (/\s/.test(content[pos] ?? '')) pos++;
    if (content[pos] !== '=') {
      from = pos;
      continue;
    }
    pos++;
    while (/\s/.test(content[pos] ?? '')) pos++;
    const quote = content[pos];
    if (quote === '"' || quote === "'") {
      const close = content.indexOf(quote, pos + 1);
      return close < 0 ? null : content.slice(pos + 1, close);
    }
    const value = /^[^\s;]+/.exec(content.slice(pos))?.[0];
    return value ?? null;
  }
}

function latin1Lower(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += lower(b);
  return out;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function startsWithLower(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const b = bytes[at + i];
    if (b === undefined || lower(b) !== text[i]) return false;
  }
  return true;
}

function indexOf(bytes: Uint8Array, text: string, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, from, 'latin1');
}
