/**
 * Who the Action's token acts as, for what needs certainty: which report
 * issue (report-author.ts) and which sticky comment to adopt — only the
 * tool's own. A personal token (classic or fine-grained) may ask GET /user,
 * which names its login. An installation token — the workflow's GITHUB_TOKEN
 * or another App's — gets 403 there, and GET /app wants the App's JWT, but
 * GraphQL's `viewer` names its bot: `github-actions[bot]`, `<slug>[bot]`.
 * When GitHub answers neither, the caller falls back to `github-actions[bot]`
 * (the default token), which only this repository's workflows can write as.
 */
import { parseCommand } from '../github/commands/command-parse.js';
import type { GitHubClient, WorkflowLogger } from '../github/context.js';
import { describeError, httpStatus } from '../github/git/http-error.js';
import type { WorkflowChoice } from './event.js';

/** The login the author of what the token creates will have, or null when GitHub would not say. */
export async function tokenLogin(client: GitHubClient, logger: WorkflowLogger): Promise<string | null> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    // 403 "Resource not accessible by integration" is the expected answer to an installation token.
    if (httpStatus(error) !== 403) return unknownLogin(logger, error);
  }
  try {
    const { viewer } = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    return viewer.login;
  } catch (error) {
    return unknownLogin(logger, error);
  }
}

function unknownLogin(logger: WorkflowLogger, error: unknown): null {
  logger.warning(
    `could not tell who the token acts as (${describeError(error)}); only a report issue or comment by github-actions[bot] is taken as listkeeper's own`,
  );
  return null;
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
