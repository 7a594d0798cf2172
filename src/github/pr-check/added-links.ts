/**
 * Checking only the links a pull request adds: no history (threshold 1), a
 * blocked link is a note, and an offline runner is said so, never blamed on
 * the links.
 */
import type { ListkeeperConfig } from '../../core/config/config-types.js';
import type { ListDocument } from '../../core/types.js';
import {
  applyHistory,
  checkLinks,
  collectLinkTargets,
  collectOptionsFromConfig,
  emptyHistory,
  linkOptionsFromConfig,
  type CheckLinksOptions,
  type LinkResult,
  type LinkTarget,
} from '../../links/index.js';

export interface AddedLinksResult {
  checked: number;
  dead: LinkResult[];
  blocked: LinkResult[];
  /** Alive links with a note (permanent redirect, archived repository). */
  notes: LinkResult[];
  warning: string | null;
}

export async function checkAddedLinks(
  docs: readonly ListDocument[],
  added: ReadonlyMap<string, ReadonlySet<number>>,
  config: ListkeeperConfig,
  overrides: CheckLinksOptions = {},
): Promise<AddedLinksResult> {
  return checkAddedLinkTargets(addedLinkTargets(docs, added, config), config, overrides);
}

/** The links on added lines: plain data, so a worker that parsed the lists can hand them back. */
export function addedLinkTargets(
  docs: readonly ListDocument[],
  added: ReadonlyMap<string, ReadonlySet<number>>,
  config: ListkeeperConfig,
): LinkTarget[] {
  // Only occurrences on added lines count: a link the PR adds is checked even if older lines repeat it.
  return collectLinkTargets(docs, { ...collectOptionsFromConfig(config.links), lines: added });
}

export async function checkAddedLinkTargets(
  targets: LinkTarget[],
  config: ListkeeperConfig,
  overrides: CheckLinksOptions = {},
): Promise<AddedLinksResult> {
  if (targets.length === 0) return { checked: 0, dead: [], blocked: [], notes: [], warning: null };
  const raw = await checkLinks(targets, { ...linkOptionsFromConfig(config.links), ...overrides });
  const { run } = applyHistory(raw, emptyHistory(), { threshold: 1 });
  return {
    checked: run.results.length,
    dead: run.results.filter((r) => r.reportable),
    blocked: run.results.filter((r) => r.verdict === 'blocked'),
    notes: run.results.filter((r) => r.verdict === 'alive' && (r.finalUrl !== null || r.notes.length > 0)),
    warning: run.offline
      ? 'The runner could not reach most hosts, so the new links were not judged (nothing is reported as dead for it).'
      : null,
  };
}
