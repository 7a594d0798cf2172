import { describe, expect, it } from 'vitest';
import { pickWorkflow } from '../../src/action/event.js';
import { readInputs } from '../../src/action/inputs.js';

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('Action inputs', () => {
  it('reads kebab-case inputs with their defaults', () => {
    const r = readInputs(getter({ 'github-token': 't', files: 'README.md, docs/*.md\nother.md', threshold: '3', 'fail-on': 'warning', 'dry-run': 'true' }));
    expect(r).toEqual({
      ok: true,
      inputs: {
        mode: 'auto',
        token: 't',
        files: ['README.md', 'docs/*.md', 'other.md'],
        configPath: '.github/listkeeper.yml',
        failOn: 'warning',
        checkNewLinks: true,
        reportLabel: 'dead links',
        threshold: 3,
        suggestArchive: false,
        dryRun: true,
        allowPrivateLinks: false,
      },
    });
  });

  it.each([
    [{ mode: 'sort' }, 'input mode: expected one of auto, lint, links, report, fix, got "sort"'],
    [{ 'fail-on': 'errors' }, 'input fail-on: expected one of error, warning, never, got "errors"'],
    [{ threshold: '0' }, 'input threshold: expected a whole number of runs (1 or more), got "0"'],
    [{ 'check-new-links': 'yes' }, 'input check-new-links: expected true or false, got "yes"'],
  ])('refuses %o with one line naming the input', (values, error) => {
    expect(readInputs(getter({ 'github-token': 't', ...values }))).toEqual({ ok: false, error });
  });

  it('refuses an empty token', () => {
    const r = readInputs(getter({}));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/^input github-token is empty/);
  });
});

describe('choosing the workflow from the event', () => {
  const pr = { action: 'opened', pull_request: { number: 7 } };
  const comment = { action: 'created', issue: { number: 7, pull_request: {} }, comment: { id: 99, body: '/sort', user: { login: 'maint', type: 'User' } } };

  it('checks pull requests (pull_request and pull_request_target)', () => {
    expect(pickWorkflow('pull_request', pr, 'auto')).toEqual({ kind: 'pr-check', pullNumber: 7, links: true });
    expect(pickWorkflow('pull_request_target', pr, 'lint')).toEqual({ kind: 'pr-check', pullNumber: 7, links: false });
    expect(pickWorkflow('pull_request', { ...pr, action: 'closed' }, 'auto').kind).toBe('skip');
    expect(pickWorkflow('pull_request', pr, 'report').kind).toBe('error');
  });

  it('reports on schedule and workflow_dispatch, and runs upkeep in fix mode', () => {
    expect(pickWorkflow('schedule', {}, 'auto')).toEqual({ kind: 'report' });
    expect(pickWorkflow('workflow_dispatch', {}, 'report')).toEqual({ kind: 'report' });
    expect(pickWorkflow('schedule', {}, 'fix')).toEqual({ kind: 'upkeep' });
  });

  it('passes new comments to the command workflow, as data', () => {
    expect(pickWorkflow('issue_comment', comment, 'auto')).toEqual({
      kind: 'command',
      event: { action: 'created', issue: { number: 7, pull_request: {}, user: null }, comment: { id: 99, body: '/sort', user: { login: 'maint', type: 'User' } } },
    });
    expect(pickWorkflow('issue_comment', { ...comment, action: 'edited' }, 'auto').kind).toBe('skip');
    expect(pickWorkflow('issue_comment', comment, 'lint').kind).toBe('error');
    expect(pickWorkflow('push', {}, 'auto').kind).toBe('skip');
  });

  it('passes a label on an issue to the /add workflow (which checks the label against the config), and skips other issue events', () => {
    const labeled = {
      action: 'labeled',
      issue: { number: 12, body: '### URL\n\nhttps://example.org/a', state: 'open' },
      label: { name: 'add-entry' },
      sender: { login: 'maint', type: 'User' },
    };
    expect(pickWorkflow('issues', labeled, 'auto')).toEqual({
      kind: 'add-label',
      event: { action: 'labeled', label: { name: 'add-entry' }, issue: { number: 12, body: '### URL\n\nhttps://example.org/a', state: 'open' }, sender: { login: 'maint', type: 'User' } },
    });
    expect(pickWorkflow('issues', { ...labeled, action: 'opened' }, 'auto').kind).toBe('skip');
    expect(pickWorkflow('issues', labeled, 'report').kind).toBe('error');
  });
});
