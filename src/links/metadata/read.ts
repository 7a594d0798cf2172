/**
 * Read what a page says of itself, through the link checker's polite HTTP
 * layer (same limits, headers, SSRF rules). PLACEHOLDER signature while the
 * reader is being built in parallel: it reads nothing yet.
 */
import type { CheckLinksOptions } from '../check.js';
import type { PageMetadataReader } from './types.js';

export type PageReaderOptions = Pick<
  CheckLinksOptions,
  'timeout' | 'retries' | 'headers' | 'rules' | 'maxBodyBytes' | 'githubToken' | 'githubApiUrl' | 'fetch' | 'privateAddresses' | 'allowAddress' | 'lookup' | 'dispatcher' | 'backoffBaseMs'
>;

export function createPageMetadataReader(_options: PageReaderOptions = {}): PageMetadataReader {
  return async (url) => ({ ok: false, url, verdict: 'unknown', reason: 'page metadata reader not built yet' });
}
