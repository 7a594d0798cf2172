/** Which workflow a run performs, from the event that triggered it and the `mode` input. Pure. */
import type { CommentEvent } from '../github/commands/command-parse.js';
import type { IssueLabelEvent } from '../github/commands/add/add-issue.js';
import type { Mode } from './inputs.js';

export type WorkflowChoice =
  | { kind: 'pr-check'; pullNumber: number; links: boolean }
  | { kind: 'report' }
  | { kind: 'upkeep' }
  | { kind: 'command'; event: CommentEvent }
  /** A label on an issue: the "Suggest an article" form turned into a pull request when it is the `add.label`. */
  | { kind: 'add-label'; event: IssueLabelEvent }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; error: string };

/** The parts of an event payload the choice reads (everything is optional: payloads are data). */
export interface EventPayload {
  action?: string;
  pull_request?: { number?: number };
  issue?: { number?: number; pull_request?: unknown; user?: { login?: string } | null; body?: string | null; state?: string };
  comment?: { id?: number; body?: string | null; user?: { login?: string; type?: string } | null };
  label?: { name?: string };
  sender?: { login?: string; type?: string };
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const PR_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited']);
const SCHEDULED_EVENTS = new Set(['schedule', 'workflow_dispatch', 'repository_dispatch']);

function prNumber(payload: EventPayload): number | null {
  const n = payload.pull_request?.number;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

export function pickWorkflow(eventName: string, payload: EventPayload, mode: Mode): WorkflowChoice {
  if (PR_EVENTS.has(eventName)) {
    const number = prNumber(payload);
    if (number === null) return { kind: 'error', error: `the ${eventName} event has no pull_request number` };
    if (payload.action && !PR_ACTIONS.has(payload.action)) return { kind: 'skip', reason: `nothing to do for ${eventName}.${payload.action}` };
    if (mode === 'report' || mode === 'fix') {
      return { kind: 'error', error: `mode ${mode} runs on schedule or workflow_dispatch, not on ${eventName}` };
    }
    // On a pull request `lint` skips the link check; `links` and `auto` do both.
    return { kind: 'pr-check', pullNumber: number, links: mode !== 'lint' };
  }
  if (SCHEDULED_EVENTS.has(eventName)) {
    if (mode === 'fix') return { kind: 'upkeep' };
    if (mode === 'lint') return { kind: 'error', error: `mode lint checks pull requests; on ${eventName} use mode report or fix` };
    return { kind: 'report' };
  }
  if (eventName === 'issue_comment') {
    if (mode !== 'auto') return { kind: 'error', error: `mode ${mode} does not apply to issue_comment; commands need mode auto` };
    if (payload.action !== 'created') return { kind: 'skip', reason: `comment ${payload.action ?? 'event'}: only new comments are read` };
    const issue = payload.issue;
    const comment = payload.comment;
    if (typeof issue?.number !== 'number' || typeof comment?.id !== 'number') return { kind: 'error', error: 'the issue_comment event has no issue or comment' };
    // The comment's text is data: the command workflow only compares its first line with the command names.
    return {
      kind: 'command',
      event: {
        action: payload.action,
        issue: { number: issue.number, ...(issue.pull_request ? { pull_request: issue.pull_request } : {}), user: issue.user?.login ? { login: issue.user.login } : null },
        comment: { id: comment.id, body: comment.body ?? '', user: comment.user?.login ? { login: comment.user.login, type: comment.user.type ?? 'User' } : null },
      },
    };
  }
  if (eventName === 'issues') {
    if (payload.action !== 'labeled') return { kind: 'skip', reason: `issues.${payload.action ?? 'event'}: only labels are read` };
    if (mode !== 'auto') return { kind: 'error', error: `mode ${mode} does not apply to issues; a labelled suggestion needs mode auto` };
    const issue = payload.issue;
    if (typeof issue?.number !== 'number') return { kind: 'error', error: 'the issues event has no issue' };
    // Which label counts is the config's (`add.label`): the workflow reads it, not the event.
    return {
      kind: 'add-label',
      event: {
        action: payload.action,
        label: payload.label?.name ? { name: payload.label.name } : null,
        issue: { number: issue.number, body: issue.body ?? null, state: issue.state ?? 'open', ...(issue.pull_request ? { pull_request: issue.pull_request } : {}) },
        sender: payload.sender?.login ? { login: payload.sender.login, type: payload.sender.type ?? 'User' } : null,
      },
    };
  }
  return { kind: 'skip', reason: `listkeeper does nothing on ${eventName || 'an unknown event'}` };
}
