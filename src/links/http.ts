/**
 * One HTTP request with undici: browser-like headers, a hard timeout, and at
 * most `maxBodyBytes` of the body read before the connection is dropped.
 * Returns a typed result; network failures are classified, never thrown.
 */
import { brotliDecompressSync, constants as zlib, gunzipSync, inflateSync } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { decodeText } from './charset.js';
import { PRIVATE_ADDRESS_CODE, PRIVATE_ADDRESS_REASON } from './guard.js';

/** What a current desktop browser sends; some sites refuse anything else. */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  'user-agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-language': 'en-US,en;q=0.9,zh-CN;q=0.8,zh;q=0.7',
  'accept-encoding': 'gzip, deflate, br',
};

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** Response headers read at most: sites with 20 KB of cookies are common, Node's 16 KB default is too tight. */
export const MAX_HEADER_BYTES = 256 * 1024;

export interface HttpResponse {
  ok: true;
  status: number;
  headers: Record<string, string>;
  /** Decoded text of the first `maxBodyBytes` of a text body; null for HEAD or non-text bodies. */
  body: string | null;
  /** True when the body was longer than the cap and the download was stopped. */
  truncated: boolean;
}

/**
 * - `refused`, `dns`, `connect-timeout`, `unreachable`: no server was reached (what an offline runner sees).
 * - `timeout`, `reset`: a server was reached but did not answer in time or dropped the connection.
 * - `tls`: the TLS handshake failed (self-signed or expired certificate, or a proxy in between).
 * - `protocol`: a server answered, in HTTP that undici's strict parser refuses (browsers and curl read it).
 * - `oversized`: the response headers are larger than `MAX_HEADER_BYTES`.
 * - `private`: not sent: the host is or resolves to a private address the run refuses (guard.ts).
 */
export type NetworkErrorKind =
  | 'refused'
  | 'dns'
  | 'connect-timeout'
  | 'unreachable'
  | 'timeout'
  | 'reset'
  | 'tls'
  | 'protocol'
  | 'oversized'
  | 'private'
  | 'other';

export interface HttpFailure {
  ok: false;
  kind: NetworkErrorKind;
  message: string;
}

export type HttpResult = HttpResponse | HttpFailure;

export interface HttpRequestOptions {
  method: 'HEAD' | 'GET';
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  timeout: number;
  maxBodyBytes: number;
}

export async function sendRequest(url: string, options: HttpRequestOptions): Promise<HttpResult> {
  // headersTimeout/bodyTimeout catch idle servers; the abort bounds a slow drip.
  const signal = AbortSignal.timeout(options.timeout * 2);
  try {
    const response = await request(url, {
      method: options.method,
      headers: options.headers,
      dispatcher: options.dispatcher,
      headersTimeout: options.timeout,
      bodyTimeout: options.timeout,
      signal,
    });
    const headers = flattenHeaders(response.headers);
    if (options.method === 'HEAD') await response.body.dump().catch(() => undefined);
    if (options.method === 'HEAD' || !isText(headers['content-type'])) {
      discard(response.body);
      return { ok: true, status: response.statusCode, headers, body: null, truncated: false };
    }
    const { bytes, truncated } = await readCapped(response.body, options.maxBodyBytes);
    const body = decodeBody(bytes, headers['content-encoding'], headers['content-type']);
    return { ok: true, status: response.statusCode, headers, body, truncated };
  } catch (error) {
    return { ok: false, ...classifyNetworkError(error) };
  }
}

/** Read at most `cap` bytes, then destroy the stream so the connection is dropped. */
async function readCapped(body: Dispatcher.ResponseData['body'], cap: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= cap) {
        truncated = true;
        break;
      }
    }
  } catch (error) {
    // A body cut short still tells us what the page says; keep what arrived.
    if (chunks.length === 0) throw error;
  } finally {
    discard(body);
  }
  return { bytes: Buffer.concat(chunks).subarray(0, cap), truncated };
}

/** Drop the connection without waiting for the rest; the abort error it raises is expected. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function isText(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /text\/|html|xml|json|javascript/i.test(contentType);
}

/** Decompress (tolerating a truncated stream) and decode as a browser would (charset.ts: BOM, header, `<meta>`, UTF-8). */
function decodeBody(bytes: Buffer, encoding: string | undefined, contentType: string | undefined): string {
  let raw = bytes;
  const limit = { maxOutputLength: 4 * 1024 * 1024 };
  try {
    const enc = (encoding ?? '').trim().toLowerCase();
    if (enc === 'gzip' || enc === 'x-gzip') raw = gunzipSync(bytes, { ...limit, finishFlush: zlib.Z_SYNC_FLUSH });
    else if (enc === 'deflate') raw = inflateSync(bytes, { ...limit, finishFlush: zlib.Z_SYNC_FLUSH });
    else if (enc === 'br') raw = brotliDecompressSync(bytes, { ...limit, finishFlush: zlib.BROTLI_OPERATION_FLUSH });
  } catch {
    raw = bytes;
  }
  return decodeText(raw, contentType);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(name.toLowerCase() === 'set-cookie' ? '\n' : ', ') : value;
  }
  return flat;
}

const CODE_KINDS: Record<string, NetworkErrorKind> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  ETIMEDOUT: 'connect-timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EHOSTDOWN: 'unreachable',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  // A duplicate or wrong Content-Length: the server answered, in HTTP that browsers tolerate.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol',
  UND_ERR_HEADERS_OVERFLOW: 'oversized',
  [PRIVATE_ADDRESS_CODE]: 'private',
};

/** Certificate and handshake errors from OpenSSL and Node (`DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_SSL_WRONG_VERSION_NUMBER`, …). */
const TLS_CODE = /^ERR_TLS|^ERR_SSL|CERT|^UNABLE_TO_(VERIFY|GET)|^EPROTO$/;

const KIND_WORDS: Record<NetworkErrorKind, string> = {
  refused: 'connection refused',
  dns: 'host not found (DNS)',
  'connect-timeout': 'connection timed out',
  unreachable: 'network unreachable',
  timeout: 'no answer in time',
  reset: 'connection dropped',
  tls: 'TLS error',
  protocol: "the server's answer is not valid HTTP/1.1",
  oversized: `response headers larger than ${MAX_HEADER_BYTES / 1024} KB`,
  private: PRIVATE_ADDRESS_REASON,
  other: 'request failed',
};

/** Walk the error and its causes for a code we know. */
export function classifyNetworkError(error: unknown): { kind: NetworkErrorKind; message: string } {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const err = current as { code?: unknown; name?: unknown; cause?: unknown };
    const code = typeof err.code === 'string' ? err.code : '';
    const kind = CODE_KINDS[code];
    if (kind === 'private') return { kind, message: KIND_WORDS.private };
    if (kind) return { kind, message: `${KIND_WORDS[kind]} (${code})` };
    if (TLS_CODE.test(code)) {
      return { kind: 'tls', message: `${KIND_WORDS.tls} (${code})` };
    }
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return { kind: 'timeout', message: KIND_WORDS.timeout };
    if (err.name === 'HTTPParserError') {
      const detail = /\(([^)]+)\)\s*$/.exec(current instanceof Error ? current.message : '')?.[1];
      return { kind: 'protocol', message: detail ? `${KIND_WORDS.protocol} (${detail})` : KIND_WORDS.protocol };
    }
    current = err.cause;
  }
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'other', message: `${KIND_WORDS.other}: ${text}` };
}

/**
 * No server answered at all, or no TLS handshake succeeded: what an offline machine, or one
 * behind an intercepting proxy, sees for every host. Many such failures in a run say nothing about the links.
 */
export function isNetworkLevel(kind: NetworkErrorKind): boolean {
  return kind === 'refused' || kind === 'dns' || kind === 'connect-timeout' || kind === 'unreachable' || kind === 'tls';
}

/** Worth another try: the server may answer next time. */
export function isTransientFailure(kind: NetworkErrorKind): boolean {
  return kind === 'timeout' || kind === 'reset' || kind === 'connect-timeout' || kind === 'other';
}
