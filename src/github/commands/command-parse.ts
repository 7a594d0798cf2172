/**
 * Which comments are commands: only the exact first line `/sort`, `/fix` or
 * `/check-links`, or a first line `/add …` (its arguments are read by
 * add/add-args.ts), on a newly created comment by a human who is not the tool.
 * The comment text is data: it selects a command and is never run.
 */
import { sameLogin, type WorkflowContext } from '../context.js';
import { COMMAND_REPLY_MARKER, PR_CHECK_MARKER, hasMarker } from '../markers.js';

export type CommandName = 'sort' | 'fix' | 'check-links' | 'add';

/** The `issue_comment` payload fields the commands read (Actions and Probot payloads both fit). */
export interface CommentEvent {
  action: string;
  issue: {
    number: number;
    /** Present when the issue is a pull request. */
    pull_request?: unknown;
    user: { login: string } | null;
  };
  comment: {
    id: number;
    body: string;
    user: { login: string; type: string } | null;
  };
}

export function parseCommand(body: string): CommandName | null {
  const first = body.split(/\r?\n/, 1)[0].trim();
  if (first === '/sort') return 'sort';
  if (first === '/fix') return 'fix';
  if (first === '/check-links') return 'check-links';
  // `/add <url> [list path]`: the only command with arguments; `/add` alone gets its usage.
  if (/^\/add(\s|$)/.test(first)) return 'add';
  return null;
}

/** Why this comment is not a command to act on, or null when it is one. */
export function ignoreReason(event: CommentEvent, ctx: WorkflowContext): string | null {
  if (event.action !== 'created') return `comment ${event.action}, not created`;
  const user = event.comment.user;
  if (!user) return 'comment without an author';
  if (user.type === 'Bot' || user.login.endsWith('[bot]')) return 'comment by a bot';
  if (sameLogin(user.login, ctx.selfLogin)) return "the tool's own comment";
  if (hasMarker(event.comment.body, COMMAND_REPLY_MARKER) || hasMarker(event.comment.body, PR_CHECK_MARKER)) {
    return "the tool's own comment";
  }
  const command = parseCommand(event.comment.body);
  if (command === null) return 'not a command';
  if (command !== 'check-links' && command !== 'add' && !event.issue.pull_request) return `/${command} works on pull requests only`;
  return null;
}
