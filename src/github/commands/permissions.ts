/** Who may run a command: write access or more, or (for /sort and /fix) the pull request's author. */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { httpStatus } from '../git/http-error.js';

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

export async function hasWriteAccess(client: GitHubClient, ctx: WorkflowContext, username: string): Promise<boolean> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ owner: ctx.owner, repo: ctx.repo, username });
    return WRITE_ROLES.has(data.permission) || WRITE_ROLES.has(data.role_name);
  } catch (error) {
    // Not a collaborator (or no such user): no write access.
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

export async function mayRunCommand(
  client: GitHubClient,
  ctx: WorkflowContext,
  input: { username: string; pullAuthor: string | null; authorAllowed: boolean },
): Promise<boolean> {
  if (input.authorAllowed && input.pullAuthor !== null && input.pullAuthor === input.username) return true;
  return hasWriteAccess(client, ctx, input.username);
}
