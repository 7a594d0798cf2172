/**
 * What a page says of itself: the shared shape between the page reader
 * (src/links/metadata/*), `listkeeper add` and the `entry-metadata` check.
 * Every field says where it came from, so a message can name its evidence
 * ("og:title", "WeChat #js_name", "citation_date", "GitHub API").
 */
import type { Verdict } from '../types.js';

/** One value read from a page, with where it was found. */
export interface MetadataField<T> {
  value: T;
  /** Where the value came from, in words a maintainer can check: `og:title`, `JSON-LD Article.datePublished`, `WeChat var ct`. */
  from: string;
}

/** A publish date as a calendar day in the page's own time zone (WeChat's is UTC+8). */
export interface PageDate {
  /** `YYYY-MM-DD`. */
  value: string;
}

/**
 * The page's identity beyond its address: two URLs with the same identity are
 * the same article (`wechat:<__biz>/<mid>/<idx>`, `arxiv:2303.08774`,
 * `github:owner/repo`, or `url:` + the canonical URL's normalized form; see
 * src/core/url-identity.ts `addressIdentity` / `identityAddress`).
 */
export type CanonicalIdentity = string;

export interface PageMetadata {
  /** The URL as requested. */
  url: string;
  /** Where the page was finally read (after redirects). */
  finalUrl: string;
  /** Which extractor read it: `wechat`, `zhihu`, `arxiv`, `github`, `generic`. */
  site: string;
  /** The page's title, cleaned of site suffixes (` - 知乎`, ` | Blog`). */
  title: MetadataField<string> | null;
  /** The publisher: WeChat account name, Zhihu author or column, `arXiv`, GitHub owner, og:site_name … */
  source: MetadataField<string> | null;
  /** The publish date. */
  published: MetadataField<PageDate> | null;
  /** The page's canonical identity. */
  identity: MetadataField<CanonicalIdentity> | null;
}

/** Reading a page either gives its metadata or says why not (the link checker's verdicts). */
export type PageMetadataResult =
  | { ok: true; metadata: PageMetadata }
  | {
      ok: false;
      url: string;
      verdict: Verdict;
      reason: string;
      /**
       * No server was reached (host not found, connection refused or timed out, network
       * unreachable): offline, or the host is gone; one read cannot tell, so the verdict is
       * `unknown` and the reason says `could not reach <host> (…)`.
       */
      unreachable?: true;
    };

/** How `add` and the entry check read pages: injected, so core and tests need no network. */
export type PageMetadataReader = (url: string) => Promise<PageMetadataResult>;
