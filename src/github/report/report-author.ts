/**
 * Who may have opened the report issue. The issue is found by its label and a
 * hidden marker, but both are easy to forge: an issue template that applies
 * the label lets anyone open an issue with the marker and a made-up history
 * block. Adopting that issue would mean editing a stranger's issue and
 * trusting a history that can make live links "dead" or hide dead ones — so
 * the author decides, never the text.
 *
 * The rule:
 * - When the login the token acts as is known for certain (the App's
 *   `<slug>[bot]` from GET /app, a personal token's login from GET /user),
 *   only an issue by that login is ours. Switching tokens therefore starts a
 *   new report issue; the old one is left for a maintainer to close.
 * - When it is not (the Action with an installation token — GITHUB_TOKEN or
 *   another App's — where GET /user answers 403, or a lookup that failed),
 *   an issue is accepted from a bot or from an owner, member or collaborator.
 *   Bots can only write where their App is installed, and those people could
 *   edit the real report anyway, so neither can forge anything they could
 *   not already change; an outsider is neither.
 * Pure.
 */

/** The parts of an issue (as GitHub lists it) the rule reads. */
export interface IssueAuthorship {
  user?: { login: string; type?: string } | null;
  author_association?: string;
}

export type AuthorVerdict = { ok: true } | { ok: false; reason: string };

const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/** Whether the workflow may adopt an issue by this author as its report; `expected` is the known login, if any. */
export function reportAuthorVerdict(issue: IssueAuthorship, expected: string | null | undefined): AuthorVerdict {
  const login = issue.user?.login;
  // A deleted account may show as no user: nobody the workflow can vouch for.
  if (!login) return { ok: false, reason: 'its author is unknown' };
  if (expected) {
    // GitHub logins are case-insensitive.
    return login.toLowerCase() === expected.toLowerCase()
      ? { ok: true }
      : { ok: false, reason: `it was opened by @${login}, not by @${expected}` };
  }
  if (issue.user?.type === 'Bot') return { ok: true };
  const association = issue.author_association ?? 'NONE';
  return TRUSTED_ASSOCIATIONS.has(association)
    ? { ok: true }
    : { ok: false, reason: `it was opened by @${login} (${association}), neither a bot nor an owner, member or collaborator` };
}
