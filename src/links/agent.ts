/**
 * The undici Agent a run owns: every connection goes through the address guard
 * (guard.ts), with the run's timeouts and header limit, so the link checker and
 * the page reader connect alike.
 */
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { guardedConnector, type AddressPolicy } from './guard.js';
import { MAX_HEADER_BYTES } from './http.js';

export function guardedAgent(policy: AddressPolicy, timeout: number, lookup?: LookupFunction): Agent {
  return new Agent({
    connect: guardedConnector(policy, { timeout, ...(lookup ? { lookup } : {}) }),
    headersTimeout: timeout,
    bodyTimeout: timeout,
    keepAliveTimeout: 4000,
    maxHeaderSize: MAX_HEADER_BYTES,
  });
}
