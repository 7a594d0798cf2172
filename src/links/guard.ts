/**
 * The connect-time guard against private addresses. A link's host name is
 * resolved once, by the lookup the socket itself uses, and only addresses the
 * policy allows are handed to it: a name that resolves to 127.0.0.1 (or
 * changes its answer between two lookups) never gets a connection. IP
 * literals skip the lookup, so the connector checks those itself.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { ipLiteralOf, isPrivateAddress } from './address.js';

/** The error code of a refused connection; http.ts classifies it as kind `private`. */
export const PRIVATE_ADDRESS_CODE = 'ELISTKEEPER_PRIVATE_ADDRESS';

/** The reason of a link that was refused; names no address, so nothing about the network leaks. */
export const PRIVATE_ADDRESS_REASON = 'not checked: private address';

export class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
  constructor() {
    super(PRIVATE_ADDRESS_REASON);
    this.name = 'PrivateAddressError';
  }
}

export interface AddressPolicy {
  /** `refuse`: loopback, private, link-local, … addresses are never connected to. */
  privateAddresses: 'allow' | 'refuse';
  /** Exceptions to the refusal (an operator's allow-list; tests' loopback servers). */
  allowAddress?: (address: string) => boolean;
}

/** Whether the checker may connect to `address` (an IP address) under `policy`. */
export function mayConnect(policy: AddressPolicy, address: string): boolean {
  if (policy.privateAddresses === 'allow') return true;
  return !isPrivateAddress(address) || (policy.allowAddress?.(address) ?? false);
}

/** Whether a URL host is an IP literal the policy refuses (host names are judged at connect time). */
export function refusesLiteralHost(policy: AddressPolicy, hostname: string): boolean {
  const literal = ipLiteralOf(hostname);
  return literal !== null && !mayConnect(policy, literal);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `lookup` that only ever answers with allowed addresses; with none left, the connection fails. */
export function guardedLookup(policy: AddressPolicy, lookup: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  const guarded = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const all = options.all === true;
    (lookup as (h: string, o: LookupOptions, cb: LookupCallback) => void)(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, all ? [] : '');
      const found = typeof addresses === 'string' ? [{ address: addresses, family: addresses.includes(':') ? 6 : 4 }] : addresses;
      const allowed = found.filter((entry) => mayConnect(policy, entry.address));
      if (allowed.length === 0) return callback(new PrivateAddressError(), all ? [] : '');
      if (all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
  return guarded as unknown as LookupFunction;
}

/**
 * An undici connector that applies `policy` to IP literals and, through the lookup,
 * to every address a host name resolves to. Redirects are new requests, so each hop is checked.
 */
export function guardedConnector(policy: AddressPolicy, options: buildConnector.BuildOptions & { lookup?: LookupFunction }): buildConnector.connector {
  const connect = buildConnector({ ...options, lookup: guardedLookup(policy, options.lookup) });
  return (target, callback) => {
    if (refusesLiteralHost(policy, target.hostname)) return callback(new PrivateAddressError(), null);
    connect(target, callback);
  };
}
