/**
 * Which IP addresses the link checker must never connect to when it runs for
 * someone else (the App, the Action on a self-hosted runner): a list entry must
 * not turn the checker into a probe of the network it runs in (SSRF).
 *
 * Works on the 16 bytes of an address (IPv4 as ::ffff:a.b.c.d), so every
 * spelling of one address gets one answer. Host names are not addresses: the
 * caller checks the address a name resolves to, at connect time.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A named range of addresses that are not the public internet. */
interface Range {
  name: string;
  /** 16 bytes. */
  prefix: Uint8Array;
  bits: number;
}

/** IPv4 ranges as IPv4-mapped IPv6 (::ffff:0:0/96 + the v4 prefix). */
function v4(cidr: string, name: string): Range {
  const [address, bits] = cidr.split('/');
  return { name, prefix: mapped(address.split('.').map(Number)), bits: 96 + Number(bits) };
}

function v6(cidr: string, name: string): Range {
  const [address, bits] = cidr.split('/');
  const bytes = parseIPv6(address);
  if (!bytes) throw new TypeError(`bad range ${cidr}`);
  return { name, prefix: bytes, bits: Number(bits) };
}

const IPV4_RANGES: readonly Range[] = [
  v4('0.0.0.0/8', 'unspecified'), // "this network"; 0.0.0.0 reaches the local host on Linux
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'), // cloud metadata lives at 169.254.169.254
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignments'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'), // includes the broadcast address 255.255.255.255
];

const IPV6_RANGES: readonly Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  // Any IPv4 address written as IPv6 is refused whatever it embeds: such a spelling is
  // never how a public site is linked, and the OS may route it as the IPv4 address.
  v6('::ffff:0:0/96', 'IPv4-mapped'),
  v6('::/96', 'IPv4-compatible'),
  v6('fe80::/10', 'link-local'),
  v6('fc00::/7', 'unique-local'),
  v6('fec0::/10', 'site-local'),
  v6('ff00::/8', 'multicast'),
];

/** Prefixes that carry an IPv4 address whose range decides (NAT64 and 6to4 gateways forward to it). */
const EMBEDDING: readonly { range: Range; offset: number }[] = [
  { range: v6('64:ff9b::/96', 'NAT64'), offset: 12 },
  { range: v6('64:ff9b:1::/48', 'NAT64'), offset: 12 },
  { range: v6('2002::/16', '6to4'), offset: 2 },
];

/**
 * The non-public range `address` lies in (`"loopback"`, `"private"`, …), or null for a
 * public address. Anything that is not an IP address is reported as such, never as public.
 */
export function privateRangeOf(address: string): string | null {
  const bytes = addressBytes(address);
  if (!bytes) return 'not an IP address';
  if (isMapped(bytes)) {
    // A plain IPv4 address; an IPv6 spelling of a mapped address is refused as such below.
    if (!isIPv4(stripBrackets(address))) return 'IPv4-mapped';
    return rangeName(bytes, IPV4_RANGES);
  }
  const own = rangeName(bytes, IPV6_RANGES);
  if (own) return own;
  for (const { range, offset } of EMBEDDING) {
    if (!inRange(bytes, range)) continue;
    const inner = rangeName(mapped([...bytes.subarray(offset, offset + 4)]), IPV4_RANGES);
    if (inner) return `${range.name} of ${inner}`;
  }
  return null;
}

/** True when the checker must not connect to `address` (fails closed on anything unreadable). */
export function isPrivateAddress(address: string): boolean {
  return privateRangeOf(address) !== null;
}

/** The address a URL's host names literally (`127.0.0.1`, `[::1]`), or null for a host name. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = stripBrackets(hostname);
  return isIPv4(bare) || isIPv6(bare) ? bare : null;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function addressBytes(address: string): Uint8Array | null {
  const bare = stripBrackets(address.trim());
  if (isIPv4(bare)) return mapped(bare.split('.').map(Number));
  return isIPv6(bare) ? parseIPv6(bare) : null;
}

function mapped(octets: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(octets, 12);
  return bytes;
}

function isMapped(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** 16 bytes of a valid IPv6 address (`::`, an embedded dotted quad and a `%zone` allowed). */
function parseIPv6(text: string): Uint8Array | null {
  const address = text.split('%', 1)[0].toLowerCase();
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        if (!isIPv4(piece)) return null;
        const [a, b, c, d] = piece.split('.').map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

function inRange(bytes: Uint8Array, range: Range): boolean {
  for (let bit = 0; bit < range.bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3] & mask) !== (range.prefix[bit >> 3] & mask)) return false;
  }
  return true;
}

function rangeName(bytes: Uint8Array, ranges: readonly Range[]): string | null {
  return ranges.find((range) => inRange(bytes, range))?.name ?? null;
}
