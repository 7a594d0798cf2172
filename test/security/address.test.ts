/** The address classifier: every non-public range of issue 10, in every spelling a URL or a resolver gives. */
import { describe, expect, it } from 'vitest';
import { ipLiteralOf, isPrivateAddress, privateRangeOf } from '../../src/links/address.js';

/** The host name WHATWG URL gives for a written host: how a link's address reaches the checker. */
function urlHost(written: string): string {
  return new URL(`http://${written}/`).hostname;
}

describe('privateRangeOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.5', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['::ffff:7f00:5', 'IPv4-mapped'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::8.8.8.8', 'IPv4-compatible'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['2002:a9fe:a9fe::1', '6to4 of link-local'],
    ['fec0::1', 'site-local'],
  ])('%s is %s', (address, range) => {
    expect(privateRangeOf(address)).toBe(range);
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.253.255.255', '11.0.0.1', '2606:4700::1111', '2001:4860:4860::8888', 'fbff::1', 'fe7f::1', '64:ff9b::8.8.8.8', '2002:0808:0808::1'])(
    '%s is public',
    (address) => {
      expect(privateRangeOf(address)).toBeNull();
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it('fails closed on anything that is not an IP address', () => {
    for (const text of ['localhost', 'example.com', '', '1.2.3', '::ffff::1', '1:2:3:4:5:6:7:8:9', '[::1', '256.0.0.1']) {
      expect(isPrivateAddress(text)).toBe(true);
    }
  });
});

describe('every spelling of a URL host', () => {
  it.each([
    ['2130706437', '127.0.0.5'], // decimal
    ['0x7f000005', '127.0.0.5'], // hex
    ['0177.0.0.5', '127.0.0.5'], // octal
    ['127.5', '127.0.0.5'], // short form
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['2852039166', '169.254.169.254'],
  ])('http://%s/ is %s and refused', (written, address) => {
    const host = urlHost(written);
    expect(host).toBe(address);
    expect(ipLiteralOf(host)).toBe(address);
    expect(isPrivateAddress(ipLiteralOf(host)!)).toBe(true);
  });

  it.each(['[::ffff:127.0.0.5]', '[::ffff:7f00:5]', '[0:0:0:0:0:ffff:127.0.0.5]', '[::1]', '[0:0::1]', '[fe80::1]', '[::]'])('http://%s/ is refused', (written) => {
    const literal = ipLiteralOf(urlHost(written));
    expect(literal).not.toBeNull();
    expect(isPrivateAddress(literal!)).toBe(true);
  });

  it('leaves host names to the connect-time check', () => {
    expect(ipLiteralOf('localhost')).toBeNull();
    expect(ipLiteralOf('127.0.0.1.nip.io')).toBeNull();
  });
});
