/**
 * The README's workflows are what users copy into `.github/workflows/`: each must run as
 * written. Every ```yaml block that uses the Action is parsed and checked against the code:
 * the workflow the Action picks for its events (src/action/event.ts), the permissions that
 * workflow needs (no more), a `concurrency:` group, no checkout, and for comment commands an
 * `if:` that starts a runner for every comment the Action acts on (src/github/commands/command-parse.ts)
 * and for no other.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pickWorkflow, type EventPayload } from '../src/action/event.js';
import type { Mode } from '../src/action/inputs.js';
import { ignoreReason, type CommentEvent } from '../src/github/commands/command-parse.js';
import type { WorkflowContext } from '../src/github/context.js';
import { parseIssueForm } from '../src/github/commands/add/add-args.js';
import { defaultConfig } from '../src/core/config/config-types.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

type Permissions = Record<string, 'read' | 'write'>;

/** What each workflow of the Action writes, as the README's permission comments explain. */
const NEEDS: Record<string, Permissions> = {
  // Reads files and config through the API; the sticky comment and review suggestions.
  'pr-check': { contents: 'read', 'pull-requests': 'write' },
  // The hidden history ref before the issue exists; the report issue.
  report: { contents: 'write', issues: 'write' },
  // As report, plus the fix-up pull request on its own branch.
  'report+archive': { contents: 'write', issues: 'write', 'pull-requests': 'write' },
  upkeep: { contents: 'write', issues: 'write', 'pull-requests': 'write' },
  // /sort and /fix commit to the PR branch and reply on the PR; /check-links runs the report; /add opens a PR.
  command: { contents: 'write', issues: 'write', 'pull-requests': 'write' },
  // A labelled suggestion: the entry's branch and pull request, the reply on the issue.
  'add-label': { contents: 'write', issues: 'write', 'pull-requests': 'write' },
};

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  concurrency?: unknown;
  permissions?: Permissions;
  steps?: Step[];
}
interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  permissions?: Permissions;
  concurrency?: unknown;
  jobs?: Record<string, Job>;
}

function readmeWorkflows(): { title: string; workflow: Workflow }[] {
  const blocks = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .filter((block) => block.includes('uses: listkeeper/listkeeper@'))
    .map((block) => ({ title: block.split('\n', 1)[0], workflow: parse(block) as Workflow }));
}

/** A payload of each event the workflow is triggered by. */
function samplePayloads(eventName: string): EventPayload[] {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return [{ action: 'opened', pull_request: { number: 7 } }];
  if (eventName === 'issue_comment') return [{ action: 'created', issue: { number: 7, pull_request: {} }, comment: { id: 1, body: '/sort' } }];
  if (eventName === 'issues') return [{ action: 'labeled', issue: { number: 8, body: '### URL\n\nhttps://example.org/a' }, label: { name: 'add-entry' }, sender: { login: 'maint' } }];
  return [{}];
}

function needsOf(workflow: Workflow, step: Step): Set<string> {
  const mode = String(step.with?.mode ?? 'auto') as Mode;
  expect(['auto', 'lint', 'links', 'report', 'fix']).toContain(mode);
  const kinds = new Set<string>();
  for (const eventName of Object.keys(workflow.on ?? {})) {
    for (const payload of samplePayloads(eventName)) {
      const choice = pickWorkflow(eventName, payload, mode);
      expect(choice.kind, `${eventName} with mode ${mode}`).not.toMatch(/^(error|skip)$/);
      kinds.add(choice.kind === 'report' && step.with?.['suggest-archive'] === true ? 'report+archive' : choice.kind);
    }
  }
  return kinds;
}

describe('README workflows', () => {
  const workflows = readmeWorkflows();

  it('shows the pull request, report, archive, upkeep and command workflows in full', () => {
    const triggers = workflows.map(({ workflow }) => Object.keys(workflow.on ?? {}).join(','));
    expect(triggers).toEqual(expect.arrayContaining(['pull_request_target', 'schedule,workflow_dispatch', 'issue_comment', 'issues']));
    expect(workflows.length).toBeGreaterThanOrEqual(6);
  });

  for (const { title, workflow } of readmeWorkflows()) {
    describe(title, () => {
      const jobs = Object.values(workflow.jobs ?? {});
      const steps = jobs.flatMap((job) => job.steps ?? []);
      const step = steps.find((s) => s.uses?.startsWith('listkeeper/listkeeper@')) ?? {};

      it('has a trigger the Action acts on, and exactly the permissions that workflow needs', () => {
        expect(workflow.on).toBeDefined();
        const kinds = needsOf(workflow, step);
        expect(kinds.size).toBe(1);
        const [kind] = kinds;
        const granted = { ...workflow.permissions, ...jobs[0].permissions };
        expect(granted).toEqual(NEEDS[kind]);
      });

      it('runs in a concurrency group and checks out nothing', () => {
        expect(workflow.concurrency ?? jobs[0].concurrency).toBeTruthy();
        expect(steps.filter((s) => s.uses?.startsWith('actions/checkout'))).toEqual([]);
      });

      if (workflow.on && 'issues' in workflow.on) {
        it('starts a runner for the label the config names by default, and for no other', () => {
          const condition = jobs[0].if ?? 'true';
          const started = (name: string): boolean => truthy(evaluate(condition, { github: { event: { label: { name } } } }));
          expect(started(defaultConfig().add.label)).toBe(true);
          expect(started('question')).toBe(false);
        });
      }

      if (workflow.on && 'issue_comment' in workflow.on) {
        it('starts a runner for every command the Action acts on, and for no other comment', () => {
          const condition = jobs[0].if ?? 'true';
          const ctx = { selfLogin: 'github-actions[bot]' } as WorkflowContext;
          const bodies = ['/sort', '/fix', '/check-links', '/check-links\nplease', '  /fix  ', 'thanks!', 'LGTM, /sort later', '/add https://example.org/a Blogs', '/add', 'will /add it later'];
          for (const body of bodies) {
            for (const onPullRequest of [true, false]) {
              const event: CommentEvent = {
                action: 'created',
                issue: { number: 7, user: { login: 'author' }, ...(onPullRequest ? { pull_request: { url: 'x' } } : {}) },
                comment: { id: 1, body, user: { login: 'maint', type: 'User' } },
              };
              const acted = ignoreReason(event, ctx) === null;
              const started = truthy(evaluate(condition, { github: { event } }));
              const where = `${JSON.stringify(body)} on ${onPullRequest ? 'a pull request' : 'an issue'}`;
              if (acted) expect(started, `${where}: the Action would act, the if: keeps the runner off`).toBe(true);
              // A comment that names no command starts nothing (one that mentions one may: the
              // Action then reads its first line and ignores it).
              if (!/\/(sort|fix|check-links|add)\b/.test(body)) expect(started, `${where}: a runner for nothing`).toBe(false);
            }
          }
        });
      }
    });
  }
});

// --- A small evaluator of GitHub Actions expressions: literals, property paths, !, &&, ||,
// parentheses and the functions the README uses (startsWith, contains, format).

type Value = string | number | boolean | null | object;

function truthy(value: Value): boolean {
  return !(value === null || value === false || value === 0 || value === '');
}

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*('(?:[^']|'')*'|&&|\|\||==|!=|[!(),]|[A-Za-z_][\w.-]*|\d+)/y;
  const expression = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  let read = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(expression)) !== null) {
    tokens.push(match[1]);
    read = pattern.lastIndex;
  }
  const rest = expression.slice(read).trim();
  if (rest) throw new Error(`cannot read the expression from: ${rest}`);
  return tokens;
}

function evaluate(source: string, context: Record<string, unknown>): Value {
  const tokens = tokenize(source);
  let at = 0;
  const next = (): string => tokens[at++];
  const peek = (): string | undefined => tokens[at];
  const expectToken = (token: string): void => {
    if (next() !== token) throw new Error(`expected ${token} in ${source}`);
  };
  const text = (v: Value): string => (v === null ? '' : String(v));
  const call = (name: string, args: Value[]): Value => {
    if (name === 'startsWith') return text(args[0]).toLowerCase().startsWith(text(args[1]).toLowerCase());
    if (name === 'contains') return text(args[0]).toLowerCase().includes(text(args[1]).toLowerCase());
    if (name === 'format') return text(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => text(args[Number(i) + 1]));
    throw new Error(`function ${name} is not known to this test`);
  };
  const primary = (): Value => {
    const token = next();
    if (token === '(') {
      const value = or();
      expectToken(')');
      return value;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (peek() === '(') {
      next();
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') next();
      }
      expectToken(')');
      return call(token, args);
    }
    let value: unknown = context;
    for (const key of token.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return (value ?? null) as Value;
  };
  const comparison = (): Value => {
    const left = primary();
    if (peek() === '==' || peek() === '!=') {
      const op = next();
      const right = primary();
      return op === '==' ? left === right : left !== right;
    }
    return left;
  };
  const and = (): Value => {
    let value = comparison();
    while (peek() === '&&') {
      next();
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): Value => {
    let value = and();
    while (peek() === '||') {
      next();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`unread tokens in ${source}`);
  return value;
}

describe('the test\'s expression reader', () => {
  it('reads the concurrency group of the command workflow as GitHub does', () => {
    const group = "${{ contains(github.event.comment.body, '/check-links') && 'listkeeper-report' || format('listkeeper-command-{0}', github.event.issue.number) }}";
    expect(evaluate(group, { github: { event: { comment: { body: '/check-links' }, issue: { number: 3 } } } })).toBe('listkeeper-report');
    expect(evaluate(group, { github: { event: { comment: { body: '/sort' }, issue: { number: 3 } } } })).toBe('listkeeper-command-3');
  });
});

describe('README issue form', () => {
  it('is examples/suggest-article.yml, and the issues it makes are read by the /add workflow', () => {
    const example = readFileSync(new URL('../examples/suggest-article.yml', import.meta.url), 'utf8');
    expect(README).toContain(`\`\`\`yaml\n${example}\`\`\``);
    const form = parse(example) as { body: Array<{ type: string; attributes: { label: string }; validations?: { required?: boolean } }> };
    // GitHub renders each answer under `### <label>`, `_No response_` for an empty one.
    const body = form.body.map((field) => `### ${field.attributes.label}\n\n${field.validations?.required ? 'https://example.org/post' : '_No response_'}`).join('\n\n');
    expect(parseIssueForm(body)).toEqual({ ok: true, request: { url: 'https://example.org/post' } });
    const filled = body.replace('### List path\n\n_No response_', '### List path\n\nBlogs');
    expect(parseIssueForm(filled)).toEqual({ ok: true, request: { url: 'https://example.org/post', to: 'Blogs' } });
  });
});
