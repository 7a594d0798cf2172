/**
 * Who may have opened the report issue. The issue is found by its label and a
 * hidden marker, but both are easy to forge: an issue template that applies
 * the label lets anyone open an issue with the marker and a made-up history
 * block, and a member could plant one to have the bot keep editing it.
 * Adopting that issue would mean editing someone else's issue and trusting a
 * history that can make live links "dead" or hide dead ones — so the author
 * decides, never the text.
 *
 * The rule: only an issue by the login the tool's token acts as is ours — the
 * App's `<slug>[bot]` (GET /app), a personal token's login (GET /user), an
 * installation token's bot (`github-actions[bot]` for GITHUB_TOKEN, another
 * App's `<slug>[bot]`; GraphQL `viewer`, see src/action/identity.ts).
 * Switching tokens therefore starts a new report issue; the old one is left
 * for a maintainer to close. With no login at all, nothing is adopted.
 * Pure.
 */
import { sameLogin } from '../context.js';

/** The parts of an issue (as GitHub lists it) the rule reads. */
export interface IssueAuthorship {
  user?: { login: string; type?: string } | null;
  author_association?: string;
}

export type AuthorVerdict = { ok: true } | { ok: false; reason: string };

/** Whether the workflow may adopt an issue by this author as its report; `own` is the login the token acts as. */
export function reportAuthorVerdict(issue: IssueAuthorship, own: string | null | undefined): AuthorVerdict {
  const login = issue.user?.login;
  // A deleted account may show as no user: nobody the workflow can vouch for.
  if (!login) return { ok: false, reason: 'its author is unknown' };
  if (!own) return { ok: false, reason: `it was opened by @${login} and listkeeper cannot tell which login is its own` };
  return sameLogin(login, own) ? { ok: true } : { ok: false, reason: `it was opened by @${login}, not by @${own}` };
}
