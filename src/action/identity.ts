/**
 * Who the Action's token acts as, for what needs certainty: which report
 * issue (report-author.ts) and which sticky comment to adopt. A personal token (classic
 * or fine-grained) may ask GET /user, which names its login. An installation
 * token — the workflow's GITHUB_TOKEN (`github-actions[bot]`) or another
 * App's — gets 403 there and REST cannot tell the two apart, so its login is
 * unknown and a report issue is accepted from a bot or an owner, member or
 * collaborator instead, and the sticky comment by the `github-actions[bot]`
 * guess.
 */
import { parseCommand } from '../github/commands/command-parse.js';
import type { GitHubClient, WorkflowLogger } from '../github/context.js';
import { describeError, httpStatus } from '../github/git/http-error.js';
import type { WorkflowChoice } from './event.js';

/** The login the author of what the token creates will have, or null when not known for certain. */
export async function tokenLogin(client: GitHubClient, logger: WorkflowLogger): Promise<string | null> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    const status = httpStatus(error);
    // 403 "Resource not accessible by integration" is the expected answer to an installation token.
    if (status !== 403) {
      logger.warning(`could not tell who the token acts as (${describeError(error)}); a report issue is accepted from a bot or an owner, member or collaborator`);
    }
    return null;
  }
}

/**
 * Runs that adopt something the token wrote before ask: the report (scheduled, or
 * `/check-links`) looks for the report issue, the PR check for its sticky comment
 * (only a comment by the token's own login is edited). Other runs skip the request.
 */
export function needsTokenLogin(choice: WorkflowChoice): boolean {
  if (choice.kind === 'report' || choice.kind === 'pr-check') return true;
  return choice.kind === 'command' && parseCommand(choice.event.comment.body) === 'check-links';
}
