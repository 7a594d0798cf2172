import type { Severity } from '../types.js';

/** Rule ids; the Action, the App and reports rely on them. */
export const RULE_IDS = [
  'entry-format',
  'date-format',
  'future-date',
  'url-format',
  'duplicate-link',
  'duplicate-title',
  'whitespace',
  'list-structure',
  'sort-order',
  // Runs only where pages are read (links --metadata, the PR check), never in `lint`: see NETWORK_RULE_IDS.
  'entry-metadata',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Rules that compare entries with the pages they link: not among the lint rules (no network there). */
export const NETWORK_RULE_IDS: readonly RuleId[] = ['entry-metadata'];
export type RuleSetting = Severity | 'off';

export interface RuleConfig {
  severity: RuleSetting;
  /** Rule-specific options, e.g. `allow` (URL regexes) for `duplicate-link`. */
  options: Record<string, unknown>;
}

export interface SortConfig {
  /** `auto` (default): the direction the document already keeps (see sort-direction.ts). */
  order: 'asc' | 'desc' | 'auto';
  /** Where undated items go: keep their slots (default), or move to the top or bottom. */
  undated: 'keep' | 'top' | 'bottom';
}

export interface LinkRuleConfig {
  hosts: string[];
  status: number[];
  body: string | null;
  verdict: 'dead' | 'blocked' | 'alive';
}

export interface LinksConfig {
  timeout: number;
  retries: number;
  concurrency: number;
  hostConcurrency: number;
  /** Per-host overrides: host glob → limits. */
  hosts: Record<string, { concurrency?: number; interval?: number }>;
  /** Minimum interval between two requests to one host, ms. */
  interval: number;
  /** How long an alive result is reused, ms. */
  maxAge: number;
  threshold: number;
  exclude: string[];
  excludeHosts: string[];
  acceptStatus: number[];
  headers: Record<string, string>;
  rules: LinkRuleConfig[];
  cache: string | null;
}

export interface AddConfig {
  /** The label a maintainer puts on a "Suggest an article" issue to have it turned into a pull request. */
  label: string;
}

export interface ListkeeperConfig {
  /** Globs of list files, default `README.md`. */
  files: string[];
  rules: Record<RuleId, RuleConfig>;
  sort: SortConfig;
  links: LinksConfig;
  add: AddConfig;
}

export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'entry-format': 'error',
  'date-format': 'error',
  'future-date': 'warning',
  'url-format': 'error',
  'duplicate-link': 'error',
  'duplicate-title': 'warning',
  whitespace: 'warning',
  'list-structure': 'error',
  'sort-order': 'warning',
  'entry-metadata': 'warning',
};

export const DEFAULT_LINKS: LinksConfig = {
  timeout: 10_000,
  retries: 3,
  concurrency: 32,
  hostConcurrency: 4,
  hosts: {},
  interval: 0,
  maxAge: 24 * 60 * 60 * 1000,
  threshold: 2,
  exclude: [],
  excludeHosts: [],
  acceptStatus: [],
  headers: {},
  rules: [],
  cache: null,
};

/** The label that turns a suggestion issue into a pull request (`add.label`). */
export const DEFAULT_ADD_LABEL = 'add-entry';

export function defaultConfig(): ListkeeperConfig {
  const rules = {} as Record<RuleId, RuleConfig>;
  for (const id of RULE_IDS) rules[id] = { severity: DEFAULT_SEVERITY[id], options: {} };
  return {
    files: ['README.md'],
    rules,
    sort: { order: 'auto', undated: 'keep' },
    links: { ...DEFAULT_LINKS, hosts: {}, headers: {}, rules: [], exclude: [], excludeHosts: [], acceptStatus: [] },
    add: { label: DEFAULT_ADD_LABEL },
  };
}
