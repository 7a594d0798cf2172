/** Bytes of a list file → text (BOM kept, so the parser records it), with a one-line error for bad input. */

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

export function decodeListBytes(bytes: Uint8Array, path: string): DecodeResult {
  if (bytes.includes(0)) return { ok: false, error: `${path}: binary file (contains NUL bytes)` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, error: `${path}: not valid UTF-8` };
  }
}
